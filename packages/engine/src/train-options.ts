/** Training options of `Model.train` and their translation to the addon's form. */
import type { NativeProgress, NativeTrainOptions } from './binding';
import { InvalidEngineInputError } from './errors';
import type { ModelSpec } from './spec';

/**
 * 'newton' (IRLS) and 'lbfgs' solve a logistic model's convex problem over the whole training set in
 * f64; 'lbfgs' (L-BFGS, OWL-QN when `l1` > 0) is the one for L1 and elastic-net models, which Newton
 * refuses. The others are mini-batch first-order optimizers.
 */
export type Optimizer = 'sgd' | 'adam' | 'adamw' | 'newton' | 'lbfgs';

const OPTIMIZERS: readonly string[] = ['sgd', 'adam', 'adamw', 'newton', 'lbfgs'];

/**
 * Where training runs. 'auto' (the default) trains neural networks on a CUDA device when one is present
 * and on the CPU otherwise; logistic solvers always run on the CPU. 'cuda' fails with ENGINE_BAD_OPTION
 * when no device is usable (see `backendInfo()`).
 */
export type TrainDevice = 'cpu' | 'cuda' | 'auto';
// The default is STUDIO_TRAIN_DEVICE when set, else 'auto'.

/** A labelled data set: `rows` rows of `inputs` features, row-major. */
export interface LabelledData {
  X: Float32Array;
  y: Float32Array | Uint8Array;
  rows: number;
}

export interface EarlyStopping {
  /** Epochs without improvement of the monitored metric before stopping; the best weights are restored. */
  patience: number;
  monitor?: 'valLoss' | 'valAuc';
  minDelta?: number;
}

export interface TrainProgress {
  epoch: number;
  step: number;
  loss: number;
  valLoss?: number;
  valAuc?: number;
  rowsPerSec: number;
}

export interface TrainOptions {
  /** Default: 'newton' (IRLS) for logistic models, 'adam' for MLPs. Logistic models with `l1` need 'lbfgs'. */
  optimizer?: Optimizer;
  lr?: number;
  /** Epochs (Newton, L-BFGS: maximum iterations, default 100). */
  epochs?: number;
  batchSize?: number;
  seed?: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  /** Decoupled for AdamW, coupled (L2 in the gradient) for SGD. */
  weightDecay?: number;
  validation?: LabelledData;
  earlyStopping?: EarlyStopping;
  /** Called on the event loop every `progressEvery` steps and after every epoch. */
  onProgress?: (p: TrainProgress) => void;
  progressEvery?: number;
  signal?: AbortSignal;
  device?: TrainDevice;
}

export interface TrainResult {
  epochs: number;
  steps: number;
  loss: number;
  valLoss?: number;
  valAuc?: number;
  bestEpoch: number;
  stoppedEarly: boolean;
  seconds: number;
  /** Activation memory of the training plan after static planning, and without reuse. */
  planPeakBytes: number;
  planNaiveBytes: number;
  /** The backend that trained: 'cpu' or 'cuda'. */
  device: string;
}

function fail(message: string): never {
  throw new InvalidEngineInputError('ENGINE_BAD_OPTION', `invalid training option: ${message}`);
}

/** Translates options to the addon's form, with defaults per model kind. */
export function normalizeOptions(spec: ModelSpec, o: TrainOptions): NativeTrainOptions {
  const optimizer = o.optimizer ?? (spec.kind === 'logistic' ? 'newton' : 'adam');
  if (!OPTIMIZERS.includes(optimizer)) fail(`unknown optimizer '${String(optimizer)}'`);
  // STUDIO_TRAIN_DEVICE sets the default for a whole server (e.g. 'cpu' to keep a GPU for other work).
  const device = o.device ?? process.env.STUDIO_TRAIN_DEVICE ?? 'auto';
  if (!['cpu', 'cuda', 'auto'].includes(device))
    fail(
      `device must be 'cpu', 'cuda' or 'auto', not '${String(device)}'` +
        (o.device === undefined ? ' (from STUDIO_TRAIN_DEVICE)' : ''),
    );
  const seed = o.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) fail('seed must be a non-negative safe integer');
  const es = o.earlyStopping;
  const wholeBatch = optimizer === 'newton' || optimizer === 'lbfgs';
  return {
    optimizer,
    lr: o.lr ?? (wholeBatch ? 1 : optimizer === 'sgd' ? 0.01 : 1e-3),
    epochs: o.epochs ?? (wholeBatch ? 100 : 10),
    batchSize: o.batchSize ?? 256,
    seed,
    ...(o.momentum !== undefined ? { momentum: o.momentum } : {}),
    ...(o.beta1 !== undefined ? { beta1: o.beta1 } : {}),
    ...(o.beta2 !== undefined ? { beta2: o.beta2 } : {}),
    ...(o.weightDecay !== undefined ? { weightDecay: o.weightDecay } : {}),
    patience: es?.patience ?? 0,
    minDelta: es?.minDelta ?? 0,
    monitor: es?.monitor ?? 'valLoss',
    progressEvery: o.progressEvery ?? 0,
    device,
  };
}

/** The addon's progress record with nulls turned into absent fields. */
export function toProgress(p: NativeProgress): TrainProgress {
  return {
    epoch: p.epoch,
    step: p.step,
    loss: p.loss ?? Number.NaN,
    rowsPerSec: p.rowsPerSec ?? 0,
    ...(p.valLoss !== null ? { valLoss: p.valLoss } : {}),
    ...(p.valAuc !== null ? { valAuc: p.valAuc } : {}),
  };
}
