/** Typed declaration of the addon's GBM class (native/src/binding/gbm-wrap.h). */
import { native } from './binding';

/** Options as the addon reads them (flattened; see gbm_options in gbm-wrap.cpp). */
export interface NativeGbmOptions {
  trees: number;
  maxLeaves: number;
  maxDepth: number;
  minSamplesLeaf: number;
  minHessianLeaf: number;
  learningRate: number;
  l1: number;
  l2: number;
  rowSubsample: number;
  colSubsample: number;
  negWeight: number;
  posWeight: number;
  monotone: number[] | null;
  categorical: boolean[] | null;
  maxBins: number;
  /** 0 = none, 1 = AUC, 2 = log-loss. */
  earlyStopping: number;
  patience: number;
  seed: number;
  threads: number | null;
  progressEvery: number;
}

export interface NativeGbmProgress {
  trees: number;
  trainLoss: number | null;
  validLoss: number | null;
  validAuc: number | null;
  rowsPerSec: number | null;
}

export interface NativeGbmInfo {
  cols: number;
  trees: number;
  bestIteration: number;
  expectedValue: number;
  history: NativeGbmProgress[];
}

/** One native GBM; methods are sync unless they return a Promise. */
export interface NativeGbmHandle {
  info(): NativeGbmInfo;
  predictRaw(x: Float32Array, rows: number): Promise<Float64Array>;
  predictRawOne(row: Float32Array): number;
  shap(x: Float32Array, rows: number): Promise<Float64Array>;
  shapOne(row: Float32Array): Float64Array;
  explainOne(row: Float32Array, out: Float64Array): number;
  importance(): { gain: Float64Array; splits: Uint32Array };
  save(): Uint8Array;
  dump(): unknown;
  dispose(): void;
}

export interface NativeGbmClass {
  train(
    x: Float32Array,
    rows: number,
    cols: number,
    y: Float32Array,
    valid: { x: Float32Array; y: Float32Array; rows: number } | null,
    options: NativeGbmOptions,
    onProgress: ((p: NativeGbmProgress) => void) | null,
  ): { promise: Promise<NativeGbmHandle>; cancel(): void };
  load(bytes: Uint8Array): NativeGbmHandle;
}

/** The addon's NativeGbm class. */
export const nativeGbm = (native as unknown as { NativeGbm: NativeGbmClass }).NativeGbm;
