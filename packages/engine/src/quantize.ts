/**
 * Post-training INT8 quantisation: per-output-channel symmetric int8 weights and per-tensor
 * activation scales calibrated on a sample, run by the engine's INT8 kernels.
 */
import { native, type NativeModelHandle } from './binding';
import { checkFeatures } from './data';
import { CorruptModelError, EmptyDatasetError, InvalidEngineInputError, ModelDisposedError } from './errors';
import { fromNative } from './native-error';
import type { NativeQuantizedHandle } from './native-quantized';
import type { ModelSpec } from './spec';

/** How activation ranges are read from the calibration sample. */
export type CalibrationMethod = 'minmax' | 'percentile';

export interface QuantizeOptions {
  /** Rows of (preprocessed) training data, `rows × spec.inputs` values. */
  calibration: { X: Float32Array; rows: number };
  /** 'minmax' (default) maps the largest |activation| to 127; 'percentile' clips rarer outliers. */
  method?: CalibrationMethod;
  /** Percentile of |activation| for method 'percentile', in (0, 100]; default 99.99. */
  percentile?: number;
}

export interface QuantizationReport {
  /** Dense weights and biases in fp32. */
  fp32WeightBytes: number;
  /** INT8 weights plus f32 weight scales, biases and activation scales. */
  int8WeightBytes: number;
  /** int8WeightBytes / fp32WeightBytes. */
  ratio: number;
}

const DEFAULT_PERCENTILE = 99.99;

function call<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fromNative(e);
  }
}

/** An INT8 model: predicts like `Model`, saves as a version-2 model file. */
export class QuantizedModel {
  readonly spec: ModelSpec;
  #handle: NativeQuantizedHandle | undefined;

  /** Use `model.quantize()` or `loadQuantizedModel`. */
  constructor(spec: ModelSpec, handle: NativeQuantizedHandle) {
    this.spec = spec;
    this.#handle = handle;
  }

  get disposed(): boolean {
    return this.#handle === undefined;
  }

  #live(): NativeQuantizedHandle {
    if (!this.#handle) throw new ModelDisposedError();
    return this.#handle;
  }

  /** Probabilities for `rows` rows, in parallel off the event loop (rows × classes for softmax models). */
  async predict(X: Float32Array, rows: number): Promise<Float32Array> {
    const handle = this.#live();
    checkFeatures(X, rows, this.spec.inputs, 'prediction input');
    try {
      return await handle.predict(X, rows);
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** P(class 1) for one row, synchronously on the calling thread. */
  predictOne(row: Float32Array): number {
    const handle = this.#live();
    if (!(row instanceof Float32Array))
      throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', 'predictOne: row must be a Float32Array');
    return call(() => handle.predictOne(row));
  }

  /** The model as a version-2 (INT8) file of native/FORMAT.md. */
  save(): Uint8Array {
    const handle = this.#live();
    return call(() => new Uint8Array(handle.save()));
  }

  /** Weight memory in fp32 against INT8. */
  report(): QuantizationReport {
    const i = call(() => this.#live().info());
    return {
      fp32WeightBytes: i.fp32WeightBytes,
      int8WeightBytes: i.int8WeightBytes,
      ratio: i.int8WeightBytes / i.fp32WeightBytes,
    };
  }

  /** The input scale of every dense layer (output layer last), for `exportOnnx(…, { activationScales })`. */
  activationScales(): number[] {
    return call(() => this.#live().info()).activationScales;
  }

  /** Frees native memory now; further calls throw ModelDisposedError. */
  dispose(): void {
    this.#handle?.dispose();
    this.#handle = undefined;
  }
}

/** Calibrates and quantizes the fp32 model behind `handle` (used by `Model.quantize`). */
export async function quantizeModel(
  handle: NativeModelHandle,
  spec: ModelSpec,
  options: QuantizeOptions,
): Promise<QuantizedModel> {
  const { calibration, method = 'minmax' } = options;
  if (method !== 'minmax' && method !== 'percentile')
    throw new InvalidEngineInputError('ENGINE_BAD_OPTION', "method must be 'minmax' or 'percentile'");
  const percentile = options.percentile ?? DEFAULT_PERCENTILE;
  if (method === 'percentile' && !(percentile > 0 && percentile <= 100))
    throw new InvalidEngineInputError(
      'ENGINE_BAD_OPTION',
      `percentile must be in (0, 100]; got ${percentile}`,
    );
  if (typeof calibration !== 'object' || calibration === null)
    throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', 'calibration must be { X, rows }');
  checkFeatures(calibration.X, calibration.rows, spec.inputs, 'calibration data');
  if (calibration.rows === 0)
    throw new EmptyDatasetError('calibration data has no rows; pass a sample of the training data');
  const bytes = call(() => handle.save());
  try {
    const q = await native.NativeQuantizedModel.quantize(
      bytes,
      calibration.X,
      calibration.rows,
      method,
      percentile,
    );
    return new QuantizedModel(spec, q);
  } catch (e) {
    throw fromNative(e);
  }
}

/** Reopens a model saved with `QuantizedModel.save()`; throws CorruptModelError for damaged bytes. */
export function loadQuantizedModel(bytes: Uint8Array): QuantizedModel {
  if (!(bytes instanceof Uint8Array))
    throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', 'loadQuantizedModel expects a Uint8Array');
  const handle = call(() => native.NativeQuantizedModel.load(bytes));
  let spec: ModelSpec;
  try {
    spec = JSON.parse(call(() => handle.info()).meta) as ModelSpec;
  } catch (e) {
    handle.dispose();
    throw new CorruptModelError(`invalid model file: unreadable spec (${String(e)})`);
  }
  return new QuantizedModel(spec, handle);
}
