/**
 * Post-training INT8 quantisation: per-output-channel symmetric int8 weights and per-tensor
 * activation scales calibrated on a sample, run by the engine's INT8 kernels.
 */
import { native, type NativeModelHandle } from './binding';
import { checkFeatures } from './data';
import { EmptyDatasetError, InvalidEngineInputError } from './errors';
import { callNative, fromNative } from './native-error';
import { NativeModelBase, storedSpec } from './native-model-base';
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

/** An INT8 model: predicts like `Model`, saves as a version-2 model file. */
export class QuantizedModel extends NativeModelBase<NativeQuantizedHandle> {
  /** Weight memory in fp32 against INT8. */
  report(): QuantizationReport {
    const i = callNative(() => this.live().info());
    return {
      fp32WeightBytes: i.fp32WeightBytes,
      int8WeightBytes: i.int8WeightBytes,
      ratio: i.int8WeightBytes / i.fp32WeightBytes,
    };
  }

  /** The input scale of every dense layer (output layer last), for `exportOnnx(…, { activationScales })`. */
  activationScales(): number[] {
    return callNative(() => this.live().info()).activationScales;
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
  const bytes = callNative(() => handle.save());
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
  const handle = callNative(() => native.NativeQuantizedModel.load(bytes));
  return new QuantizedModel(storedSpec(handle), handle);
}
