/** The handle lifecycle and prediction paths that the fp32 `Model` and the INT8 `QuantizedModel` share. */
import { checkFeatures } from './data';
import { CorruptModelError, InvalidEngineInputError, ModelDisposedError } from './errors';
import { callNative, fromNative } from './native-error';
import type { ModelSpec } from './spec';

/** What every native model handle answers, whatever its precision. */
export interface PredictingHandle {
  predict(X: Float32Array, rows: number): Promise<Float32Array>;
  predictOne(row: Float32Array): number;
  save(): Uint8Array;
  info(): { meta: string };
  dispose(): void;
}

/** Owns one native handle: typed errors, explicit `dispose()`, and the two prediction paths. */
export abstract class NativeModelBase<H extends PredictingHandle> {
  readonly spec: ModelSpec;
  #handle: H | undefined;

  constructor(spec: ModelSpec, handle: H) {
    this.spec = spec;
    this.#handle = handle;
  }

  get disposed(): boolean {
    return this.#handle === undefined;
  }

  /** The handle, or ModelDisposedError once `dispose()` ran. */
  protected live(): H {
    if (!this.#handle) throw new ModelDisposedError();
    return this.#handle;
  }

  /**
   * Probabilities for `rows` rows, computed in parallel off the event loop (rows × classes for softmax models).
   * One row of a one-output model is computed on the calling thread instead, by `predictOne`'s kernel (the same
   * number): a worker's queueing and thread hop cost tens of microseconds, the row itself about one.
   */
  async predict(X: Float32Array, rows: number): Promise<Float32Array> {
    const handle = this.live();
    checkFeatures(X, rows, this.spec.inputs, 'prediction input');
    if (rows === 1 && (this.spec.kind === 'logistic' || (this.spec.classes ?? 2) === 2))
      return Float32Array.of(callNative(() => handle.predictOne(X)));
    try {
      return await handle.predict(X, rows);
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** P(class 1) for one row, synchronously on the calling thread (the low-latency serving path). */
  predictOne(row: Float32Array): number {
    const handle = this.live();
    if (!(row instanceof Float32Array))
      throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', 'predictOne: row must be a Float32Array');
    return callNative(() => handle.predictOne(row));
  }

  /** The model as a file of native/FORMAT.md (version 1 for fp32, 2 for INT8). */
  save(): Uint8Array {
    const handle = this.live();
    return callNative(() => new Uint8Array(handle.save()));
  }

  /** Frees native memory now (a running training is cancelled); further calls throw ModelDisposedError. */
  dispose(): void {
    this.#handle?.dispose();
    this.#handle = undefined;
  }
}

/** The spec stored in a loaded file's metadata; disposes the handle and throws CorruptModelError when unreadable. */
export function storedSpec(handle: PredictingHandle): ModelSpec {
  try {
    return JSON.parse(callNative(() => handle.info()).meta) as ModelSpec;
  } catch (e) {
    handle.dispose();
    throw new CorruptModelError(`invalid model file: unreadable spec (${String(e)})`);
  }
}
