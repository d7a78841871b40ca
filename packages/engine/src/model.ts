/**
 * The idiomatic adapter over one native model: typed options, typed errors, AbortSignal
 * cancellation and explicit `dispose()`.
 */
import { native, type NativeModelHandle } from './binding';
import { checkFeatures, targetArray } from './data';
import { InvalidEngineInputError, TrainingCancelledError } from './errors';
import { callNative, fromNative } from './native-error';
import { NativeModelBase, storedSpec } from './native-model-base';
import { quantizeModel, type QuantizedModel, type QuantizeOptions } from './quantize';
import { normalizeSpec, type ModelSpec } from './spec';
import { normalizeOptions, toProgress, type TrainOptions, type TrainResult } from './train-options';

export interface ModelInfo {
  /** Trainable parameter count. */
  parameters: number;
  memory: {
    reservedBytes: number;
    inUseBytes: number;
    peakInUseBytes: number;
    allocations: number;
    reuses: number;
  };
}

export interface CreateOptions {
  /** Cap on the engine's memory for this model (parameters, plans, workspaces); default 8192. */
  memoryLimitMb?: number;
}

const DEFAULT_MEMORY_MB = 8192;

/** A trainable fp32 model. Use `createModel` or `loadModel`. */
export class Model extends NativeModelBase<NativeModelHandle> {
  /** Trains in place on a worker thread; resolves when done, rejects with a typed error. */
  async train(
    X: Float32Array,
    y: Float32Array | Uint8Array,
    rows: number,
    opts: TrainOptions = {},
  ): Promise<TrainResult> {
    const handle = this.live();
    checkFeatures(X, rows, this.spec.inputs, 'training data');
    const labels = targetArray(y, rows, 'training data');
    const native_opts = normalizeOptions(this.spec, opts);
    let validation = null;
    if (opts.validation) {
      const v = opts.validation;
      checkFeatures(v.X, v.rows, this.spec.inputs, 'validation data');
      validation = { X: v.X, y: targetArray(v.y, v.rows, 'validation data'), rows: v.rows };
    }
    const { signal, onProgress } = opts;
    if (signal?.aborted) throw new TrainingCancelledError();
    let callbackError: unknown;
    const progress = onProgress
      ? (p: Parameters<typeof toProgress>[0]) => {
          try {
            onProgress(toProgress(p));
          } catch (e) {
            // The first throw from the callback stops training and becomes the rejection.
            if (callbackError === undefined) callbackError = e;
            handle.cancel();
          }
        }
      : null;
    const abort = () => handle.cancel();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const r = await handle.train(X, labels, rows, native_opts, validation, progress);
      // The promise settles after every progress report was delivered, so a callback that threw
      // is known here even when training finished before the cancellation took effect.
      if (callbackError !== undefined) throw callbackError;
      return {
        epochs: r.epochs,
        steps: r.steps,
        loss: r.loss ?? Number.NaN,
        bestEpoch: r.bestEpoch,
        stoppedEarly: r.stoppedEarly,
        seconds: r.seconds,
        planPeakBytes: r.planPeakBytes,
        planNaiveBytes: r.planNaiveBytes,
        device: r.device,
        ...(r.valLoss !== null ? { valLoss: r.valLoss } : {}),
        ...(r.valAuc !== null ? { valAuc: r.valAuc } : {}),
      };
    } catch (e) {
      if (callbackError !== undefined) throw callbackError;
      throw fromNative(e);
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /** INT8 copy of this model, activation scales calibrated on `options.calibration` (see quantize.ts). */
  async quantize(options: QuantizeOptions): Promise<QuantizedModel> {
    return quantizeModel(this.live(), this.spec, options);
  }

  /** Parameter count and memory-pool statistics. */
  info(): ModelInfo {
    const i = callNative(() => this.live().info());
    return { parameters: i.parameters, memory: i.memory };
  }
}

/** Creates an untrained model from a spec. */
export function createModel(spec: ModelSpec, options: CreateOptions = {}): Model {
  const nativeSpec = normalizeSpec(spec);
  const handle = callNative(
    () =>
      new native.NativeModel(nativeSpec, options.memoryLimitMb ?? DEFAULT_MEMORY_MB, JSON.stringify(spec)),
  );
  return new Model(spec, handle);
}

/** Reopens a model saved with `Model.save()`; throws CorruptModelError for damaged bytes. */
export function loadModel(bytes: Uint8Array, options: CreateOptions = {}): Model {
  if (!(bytes instanceof Uint8Array))
    throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', 'loadModel expects a Uint8Array');
  const handle = callNative(() => native.NativeModel.load(bytes, options.memoryLimitMb ?? DEFAULT_MEMORY_MB));
  return new Model(storedSpec(handle), handle);
}
