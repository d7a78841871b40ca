/**
 * Gradient-boosted trees for binary log-loss, trained and served by the native engine (issue #12):
 * histogram boosting with quantile bins, missing-value directions, target-ordered categories, monotone
 * constraints, early stopping, exact TreeSHAP, and a versioned, checksummed model file
 * (native/FORMAT.md, version 3).
 */
import { checkFeatures, targetArray } from './data';
import {
  EmptyDatasetError,
  InvalidEngineInputError,
  ModelDisposedError,
  ShapeMismatchError,
  TrainingCancelledError,
} from './errors';
import { nativeGbm, type NativeGbmHandle, type NativeGbmOptions, type NativeGbmProgress } from './gbm-native';
import { callNative, fromNative } from './native-error';

export interface GbmOptions {
  /** Boosting rounds (trees), ≥ 1. */
  trees: number;
  /** Leaves per tree (leaf-wise growth), ≥ 2. */
  maxLeaves: number;
  /** Depth limit; 0 = unlimited. */
  maxDepth: number;
  /** Fewest training rows in a leaf. */
  minSamplesLeaf: number;
  /** Smallest hessian sum (Σ w·p(1−p)) in a leaf. */
  minHessianLeaf: number;
  /** Shrinkage of every leaf value, > 0. */
  learningRate: number;
  /** L1 penalty on leaf values. */
  l1: number;
  /** L2 penalty on leaf values. */
  l2: number;
  /** Fraction of rows sampled per tree, in (0, 1]. */
  rowSubsample: number;
  /** Fraction of columns sampled per tree, in (0, 1]. */
  colSubsample: number;
  /** Weights of targets 0 and 1 in the loss. */
  classWeights?: [number, number];
  /** Per feature: +1 the score never decreases as the value grows, −1 never increases, 0 free. */
  monotone?: ArrayLike<number>;
  /** Per feature: the column holds integer category codes (NaN = missing; at most 255 distinct). */
  categorical?: ArrayLike<boolean>;
  /** Value bins per numeric feature, ≤ 255 (missing values have their own bin). */
  maxBins: number;
  /** Stop when the validation metric has not improved for `patience` trees; the best iteration is kept. */
  earlyStopping?: { metric: 'auc' | 'logloss'; patience: number };
  seed: number;
  /** Threads for training; default the engine's pool (STUDIO_THREADS or one per core). The model is
   *  bitwise reproducible for a seed and a thread count. */
  threads?: number;
  /** Report progress (and record history) every N trees; default 1. */
  progressEvery?: number;
}

export interface GbmProgress {
  trees: number;
  /** Class-weighted mean log-loss on the training rows. */
  trainLoss: number;
  /** Mean log-loss on the validation rows (when a validation set is given). */
  validLoss?: number;
  /** ROC AUC on the validation rows (when a validation set is given). */
  validAuc?: number;
  /** Training rows × trees per second so far. */
  rowsPerSec: number;
}

export interface GbmTreesDump {
  format: 'studio-gbm-trees';
  version: 1;
  cols: number;
  baseScore: number;
  features: Array<
    | { kind: 'numeric' }
    /** rank: code → rank used by splits; codes outside the array or with rank −1 count as missing. */
    | { kind: 'categorical'; rank: number[] }
  >;
  trees: Array<{
    feature: number[];
    /** Go left when value <= threshold, on the raw (numeric) value or the category's rank. ±Infinity
     *  inputs compare as ±3.4028234663852886e38 (FLT_MAX). */
    threshold: number[];
    /** Where NaN (and unseen categories) go. */
    defaultLeft: boolean[];
    left: number[];
    /** −1 for leaves. */
    right: number[];
    /** Leaf value including the learning rate (0 for internal nodes). */
    value: number[];
    /** Hessian sum of the training rows per node. */
    cover: number[];
  }>;
}

export interface GbmModel {
  readonly cols: number;
  readonly trees: number;
  /** Number of trees kept: the best validation iteration under early stopping, else `trees`. */
  readonly bestIteration: number;
  /** Progress at every `progressEvery` trees (including trees after the best iteration). */
  readonly history: GbmProgress[];
  /** The expected raw score (SHAP base value). */
  readonly expectedValue: number;
  /** Log-odds of `rows` rows, computed in parallel off the event loop. */
  predictRaw(x: Float32Array, rows: number): Promise<Float64Array>;
  /** Log-odds of one row, synchronously. */
  predictRawOne(row: Float32Array): number;
  /** rows × (cols + 1) TreeSHAP values; the last column is the expected value; each row sums to its raw score. */
  shap(x: Float32Array, rows: number): Promise<Float64Array>;
  /** cols + 1 TreeSHAP values for one row, synchronously. */
  shapOne(row: Float32Array): Float64Array;
  /**
   * The raw score and TreeSHAP values of one row in one native call (the serving path): the values are written
   * into `out` (cols + 1 entries, the last the expected value), which the caller can reuse across rows.
   */
  explainOne(row: Float32Array, out?: Float64Array): { raw: number; shap: Float64Array };
  /** Total split gain (Σ G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), L1-thresholded) and split count per feature. */
  importance(): { gain: Float64Array; splits: Uint32Array };
  /** The model file (native/FORMAT.md, version 3). */
  save(): Uint8Array;
  dump(): GbmTreesDump;
  dispose(): void;
}

/** The settings the quality bar and benchmarks use (100 trees, 31 leaves, lr 0.1, 255 bins). */
export const GBM_DEFAULTS: Readonly<GbmOptions> = Object.freeze({
  trees: 100,
  maxLeaves: 31,
  maxDepth: 0,
  minSamplesLeaf: 20,
  minHessianLeaf: 1e-3,
  learningRate: 0.1,
  l1: 0,
  l2: 0,
  rowSubsample: 1,
  colSubsample: 1,
  maxBins: 255,
  seed: 0,
});

const badOption = (message: string, details?: Record<string, unknown>) =>
  new InvalidEngineInputError('ENGINE_BAD_OPTION', message, details);

function perColumn<T>(v: ArrayLike<T> | undefined, cols: number, what: string): T[] | null {
  if (v === undefined) return null;
  if (typeof v !== 'object' || v === null || typeof v.length !== 'number')
    throw badOption(`${what} must be an array with one entry per column`);
  if (v.length !== cols)
    throw new ShapeMismatchError(`${what} has ${v.length} entries for ${cols} columns`, {
      length: v.length,
      cols,
    });
  return Array.from(v);
}

function nativeOptions(o: GbmOptions, cols: number): NativeGbmOptions {
  if (typeof o !== 'object' || o === null) throw badOption('options must be an object');
  const int = (v: unknown, name: string, min: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      throw badOption(`${name} must be an integer ≥ ${min}; got ${String(v)}`);
    return v;
  };
  const real = (v: unknown, name: string, ok: (x: number) => boolean, rule: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v))
      throw badOption(`${name} must be ${rule}; got ${String(v)}`);
    return v;
  };
  const monotone = perColumn(o.monotone, cols, 'monotone');
  const categorical = perColumn(o.categorical, cols, 'categorical');
  monotone?.forEach((m, i) => {
    if (m !== -1 && m !== 0 && m !== 1)
      throw badOption(`monotone[${i}] must be -1, 0 or 1; got ${String(m)}`, { column: i });
    if (m !== 0 && categorical?.[i] === true)
      throw badOption(
        `column ${i} is categorical and cannot carry a monotone constraint; drop the constraint or treat it as numeric`,
        { column: i },
      );
  });
  const [negWeight, posWeight] = o.classWeights ?? [1, 1];
  let earlyStopping = 0;
  let patience = 1;
  if (o.earlyStopping !== undefined) {
    const { metric } = o.earlyStopping;
    if (metric !== 'auc' && metric !== 'logloss')
      throw badOption(`earlyStopping.metric must be 'auc' or 'logloss'; got ${String(metric)}`);
    earlyStopping = metric === 'auc' ? 1 : 2;
    patience = int(o.earlyStopping.patience, 'earlyStopping.patience', 1);
  }
  return {
    trees: int(o.trees, 'trees', 1),
    maxLeaves: int(o.maxLeaves, 'maxLeaves', 2),
    maxDepth: int(o.maxDepth, 'maxDepth', 0),
    minSamplesLeaf: int(o.minSamplesLeaf, 'minSamplesLeaf', 1),
    minHessianLeaf: real(o.minHessianLeaf, 'minHessianLeaf', (x) => x >= 0, 'a number ≥ 0'),
    learningRate: real(o.learningRate, 'learningRate', (x) => x > 0, 'a number > 0'),
    l1: real(o.l1, 'l1', (x) => x >= 0, 'a number ≥ 0'),
    l2: real(o.l2, 'l2', (x) => x >= 0, 'a number ≥ 0'),
    rowSubsample: real(o.rowSubsample, 'rowSubsample', (x) => x > 0 && x <= 1, 'in (0, 1]'),
    colSubsample: real(o.colSubsample, 'colSubsample', (x) => x > 0 && x <= 1, 'in (0, 1]'),
    negWeight: real(negWeight, 'classWeights[0]', (x) => x > 0, 'a number > 0'),
    posWeight: real(posWeight, 'classWeights[1]', (x) => x > 0, 'a number > 0'),
    monotone,
    categorical: categorical?.map((c) => c === true) ?? null,
    maxBins: int(o.maxBins, 'maxBins', 2),
    earlyStopping,
    patience,
    seed: int(o.seed, 'seed', 0),
    threads: o.threads === undefined ? null : int(o.threads, 'threads', 1),
    progressEvery: o.progressEvery === undefined ? 1 : int(o.progressEvery, 'progressEvery', 1),
  };
}

function progressOf(p: NativeGbmProgress): GbmProgress {
  const out: GbmProgress = { trees: p.trees, trainLoss: p.trainLoss ?? NaN, rowsPerSec: p.rowsPerSec ?? 0 };
  if (p.validLoss !== null) out.validLoss = p.validLoss;
  if (p.validAuc !== null) out.validAuc = p.validAuc;
  return out;
}

class NativeGbmModel implements GbmModel {
  readonly cols: number;
  readonly trees: number;
  readonly bestIteration: number;
  readonly history: GbmProgress[];
  readonly expectedValue: number;
  #handle: NativeGbmHandle | undefined;

  constructor(handle: NativeGbmHandle) {
    this.#handle = handle;
    const info = callNative(() => handle.info());
    this.cols = info.cols;
    this.trees = info.trees;
    this.bestIteration = info.bestIteration;
    this.history = info.history.map(progressOf);
    this.expectedValue = info.expectedValue;
  }

  #live(): NativeGbmHandle {
    if (!this.#handle) throw new ModelDisposedError();
    return this.#handle;
  }

  #row(row: unknown, what: string): Float32Array {
    if (!(row instanceof Float32Array))
      throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', `${what}: row must be a Float32Array`);
    if (row.length !== this.cols)
      throw new ShapeMismatchError(
        `${what}: row has ${row.length} values but the model has ${this.cols} columns`,
        {
          length: row.length,
          cols: this.cols,
        },
      );
    return row;
  }

  async predictRaw(x: Float32Array, rows: number): Promise<Float64Array> {
    const h = this.#live();
    checkFeatures(x, rows, this.cols, 'predictRaw');
    try {
      return await h.predictRaw(x, rows);
    } catch (e) {
      throw fromNative(e);
    }
  }

  predictRawOne(row: Float32Array): number {
    const h = this.#live();
    const r = this.#row(row, 'predictRawOne');
    return callNative(() => h.predictRawOne(r));
  }

  async shap(x: Float32Array, rows: number): Promise<Float64Array> {
    const h = this.#live();
    checkFeatures(x, rows, this.cols, 'shap');
    try {
      return await h.shap(x, rows);
    } catch (e) {
      throw fromNative(e);
    }
  }

  shapOne(row: Float32Array): Float64Array {
    const h = this.#live();
    const r = this.#row(row, 'shapOne');
    return callNative(() => h.shapOne(r));
  }

  explainOne(row: Float32Array, out?: Float64Array): { raw: number; shap: Float64Array } {
    const h = this.#live();
    const r = this.#row(row, 'explainOne');
    const shap = out ?? new Float64Array(this.cols + 1);
    if (!(shap instanceof Float64Array) || shap.length !== this.cols + 1)
      throw new ShapeMismatchError(`explainOne: out must be a Float64Array of ${this.cols + 1} values`, {
        cols: this.cols,
      });
    return { raw: callNative(() => h.explainOne(r, shap)), shap };
  }

  importance(): { gain: Float64Array; splits: Uint32Array } {
    const h = this.#live();
    return callNative(() => h.importance());
  }

  save(): Uint8Array {
    const h = this.#live();
    return callNative(() => h.save());
  }

  dump(): GbmTreesDump {
    const h = this.#live();
    return callNative(() => h.dump()) as GbmTreesDump;
  }

  dispose(): void {
    this.#handle?.dispose();
    this.#handle = undefined;
  }
}

/**
 * Trains a model on `rows × cols` row-major features (NaN = missing) and 0/1 labels, off the event loop.
 * Rejects with typed errors: BadTargetError (a label not 0/1, NaN included), SingleClassError,
 * EmptyDatasetError, ShapeMismatchError, InvalidEngineInputError (ENGINE_BAD_OPTION for options,
 * ENGINE_BAD_INPUT for > 255 categories or a non-integer code), TrainingCancelledError on abort.
 */
export async function trainGbm(args: {
  x: Float32Array;
  rows: number;
  cols: number;
  y: Float32Array;
  valid?: { x: Float32Array; rows: number; y: Float32Array };
  options: GbmOptions;
  onProgress?: (p: GbmProgress) => void;
  signal?: AbortSignal;
}): Promise<GbmModel> {
  const { x, rows, cols, valid, options, onProgress, signal } = args;
  if (typeof cols !== 'number' || !Number.isInteger(cols) || cols < 1)
    throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', 'cols must be an integer ≥ 1');
  checkFeatures(x, rows, cols, 'training data');
  const y = targetArray(args.y, rows, 'training data');
  if (rows === 0) throw new EmptyDatasetError('the training data has no rows');
  const opts = nativeOptions(options, cols);
  let nativeValid: { x: Float32Array; y: Float32Array; rows: number } | null = null;
  if (valid !== undefined) {
    checkFeatures(valid.x, valid.rows, cols, 'validation data');
    nativeValid = { x: valid.x, y: targetArray(valid.y, valid.rows, 'validation data'), rows: valid.rows };
  }
  if (opts.earlyStopping !== 0 && nativeValid === null)
    throw badOption('early stopping needs a validation set; pass `valid` or drop earlyStopping');
  if (signal?.aborted) throw new TrainingCancelledError();
  let callbackError: unknown;
  const report =
    onProgress === undefined
      ? null
      : (p: NativeGbmProgress) => {
          try {
            onProgress(progressOf(p));
          } catch (e) {
            callbackError ??= e;
          }
        };
  let job: ReturnType<typeof nativeGbm.train>;
  try {
    job = nativeGbm.train(x, rows, cols, y, nativeValid, opts, report);
  } catch (e) {
    throw fromNative(e);
  }
  const abort = () => job.cancel();
  signal?.addEventListener('abort', abort, { once: true });
  let handle: NativeGbmHandle;
  try {
    handle = await job.promise;
  } catch (e) {
    throw fromNative(e);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  if (callbackError !== undefined) {
    handle.dispose();
    throw callbackError;
  }
  return new NativeGbmModel(handle);
}

/** Reopens a model saved with `GbmModel.save()`; CorruptModelError for damaged bytes or another version. */
export function loadGbm(bytes: Uint8Array): GbmModel {
  if (!(bytes instanceof Uint8Array))
    throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', 'loadGbm expects a Uint8Array');
  return new NativeGbmModel(callNative(() => nativeGbm.load(bytes)));
}
