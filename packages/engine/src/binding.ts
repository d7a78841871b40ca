/**
 * Typed declaration of the raw `@studio/native` addon (the middle of the three onnxruntime-node
 * layers). Only `model.ts`, `quantize.ts` and `backend-info.ts` talk to it; everything else uses the adapter.
 */
import { createRequire } from 'node:module';
import type { CheckKernels, CsvKernel } from '@studio/data';
import type { NativeQuantizedClass } from './native-quantized';
import type { EvaluationPass } from './score-order';

export interface NativeBackendInfo {
  backends: string[];
  cuda: { compiled: boolean; devices: number; error?: string };
  threads: number;
  simd: string;
  /** The CPU INT8 dense kernel in use: 'avx2', 'avxvnni' or 'avx512vnni' (STUDIO_INT8_ISA forces one the CPU has). */
  int8: 'avx2' | 'avxvnni' | 'avx512vnni';
}

/** The spec as the addon reads it (see native/src/binding/js-args.cpp). */
export interface NativeSpec {
  kind: 'logistic' | 'mlp';
  inputs: number;
  classes: number;
  l1: number;
  l2: number;
  negativeWeight: number;
  positiveWeight: number;
  signConstraints?: number[];
  layers: { units: number; activation: string; alpha: number; dropout: number; norm: string }[];
  embeddings: { column: number; cardinality: number; dim: number }[];
}

export interface NativeTrainOptions {
  optimizer: string;
  lr: number;
  epochs: number;
  batchSize: number;
  seed: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  weightDecay?: number;
  patience: number;
  minDelta: number;
  monitor: string;
  progressEvery: number;
  device: string;
}

export interface NativeProgress {
  epoch: number;
  step: number;
  loss: number | null;
  valLoss: number | null;
  valAuc: number | null;
  rowsPerSec: number | null;
}

export interface NativeTrainResult {
  epochs: number;
  steps: number;
  loss: number | null;
  valLoss: number | null;
  valAuc: number | null;
  bestEpoch: number;
  stoppedEarly: boolean;
  seconds: number;
  planPeakBytes: number;
  planNaiveBytes: number;
  device: string;
}

export interface NativeModelInfo {
  parameters: number;
  meta: string;
  memory: {
    reservedBytes: number;
    inUseBytes: number;
    peakInUseBytes: number;
    allocations: number;
    reuses: number;
  };
}

/** One native model; methods are sync unless they return a Promise. */
export interface NativeModelHandle {
  train(
    X: Float32Array,
    y: Float32Array,
    rows: number,
    options: NativeTrainOptions,
    validation: { X: Float32Array; y: Float32Array; rows: number } | null,
    onProgress: ((p: NativeProgress) => void) | null,
  ): Promise<NativeTrainResult>;
  cancel(): void;
  predict(X: Float32Array, rows: number): Promise<Float32Array>;
  predictOne(row: Float32Array): number;
  save(): Uint8Array;
  info(): NativeModelInfo;
  dispose(): void;
}

export interface NativeBinding {
  backendInfo(): NativeBackendInfo;
  NativeModel: {
    new (spec: NativeSpec, memoryLimitMb: number, meta: string): NativeModelHandle;
    load(bytes: Uint8Array, memoryLimitMb: number): NativeModelHandle;
  };
  NativeQuantizedModel: NativeQuantizedClass;
  bootstrapAucKs(
    badGroup: Uint32Array,
    goodGroup: Uint32Array,
    groups: number,
    seed: number,
    auc: Float64Array,
    ks: Float64Array,
  ): void;
  woeFineBins(
    values: Float64Array,
    y: Uint8Array,
    special: Float64Array,
    fineBins: number,
  ): { cuts: Float64Array; goods: Float64Array; bads: Float64Array; regular: number };
  woeByRange(values: Float64Array, cuts: Float64Array, woe: Float64Array, out: Float64Array): void;
  csvColumns: CsvKernel['csvColumns'];
  /** Column transform kernels (see ./transforms.ts); absent from an addon built before them. */
  columnMedian(values: Float64Array, scaled: boolean, mean: number, scale: number): [number, number];
  columnMeanStd(values: Float64Array): [number, number];
  packColumns(
    X: Float32Array,
    rows: number,
    columns: (Float64Array | Int32Array | undefined)[],
    params: Float64Array,
    blockRows: number,
  ): number;
  countNaN(values: Float64Array): number;
  codeCounts(codes: Int32Array, counts: Float64Array): void;
  fillGaps(values: Float64Array, fill: number, out: Float64Array, flag: Float64Array | null): void;
  hugeBuffer(bytes: number): ArrayBuffer | null;
  checkScanValues?: CheckKernels['scanValues'];
  checkScanCategories?: CheckKernels['scanCategories'];
  checkAucBounds?: CheckKernels['aucBounds'];
  checkTallyAuc?: CheckKernels['tallyAuc'];
  checkTopCount?: CheckKernels['topCount'];
  checkAnyRepeat?: CheckKernels['anyRepeat'];
  checkCountEqual?: CheckKernels['countEqual'];
  shuffleMulberry32?: CheckKernels['shuffleMulberry32'];
  firstDistinct?: CheckKernels['firstDistinct'];
  equalMask?: CheckKernels['equalMask'];
  classCounts?: CheckKernels['classCounts'];
  stratifiedSides?: CheckKernels['stratifiedSides'];
  gatherColumns?: CheckKernels['gatherColumns'];
  gatherRows?: CheckKernels['gatherRows'];
  scoreOrderDesc(score: Float64Array, order: Uint32Array): boolean;
  evaluationPass(
    y: Uint8Array,
    score: Float64Array,
    bands: number,
    rocPoints: number,
    steps: number,
    step: number,
  ): EvaluationPass | null;
}

const require = createRequire(import.meta.url);

/**
 * The loaded addon (throws at import time when it has not been built); STUDIO_NATIVE_ADDON names
 * another build of it (a path to a .node file), e.g. one configured in its own build folder.
 */
export const native = require(process.env.STUDIO_NATIVE_ADDON ?? '@studio/native') as NativeBinding;
