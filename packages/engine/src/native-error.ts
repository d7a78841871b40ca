/** Maps the coded errors the addon throws to the typed classes of `errors.ts`. */
import { isStudioError, type StudioError } from '@studio/ir';
import {
  BadTargetError,
  CorruptModelError,
  DeviceError,
  EmptyDatasetError,
  EngineInternalError,
  EngineOutOfMemoryError,
  InvalidEngineInputError,
  LossNaNError,
  ModelBusyError,
  ModelDisposedError,
  NonFiniteInputError,
  ShapeMismatchError,
  SingleClassError,
  TrainingCancelledError,
} from './errors';

interface NativeErrorShape {
  code?: unknown;
  message?: unknown;
  row?: unknown;
  column?: unknown;
  step?: unknown;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Converts anything thrown by the addon into a StudioError subclass. */
export function fromNative(e: unknown): StudioError {
  if (isStudioError(e)) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as NativeErrorShape;
  const message = typeof err.message === 'string' ? err.message : String(e);
  const code = typeof err.code === 'string' ? err.code : 'ENGINE_INTERNAL';
  switch (code) {
    case 'ENGINE_SHAPE_MISMATCH':
      return new ShapeMismatchError(message);
    case 'ENGINE_NONFINITE_INPUT':
      return new NonFiniteInputError(message, num(err.row) ?? -1, num(err.column) ?? -1);
    case 'ENGINE_LOSS_NAN':
      return new LossNaNError(message, num(err.step) ?? -1);
    case 'ENGINE_EMPTY_DATASET':
      return new EmptyDatasetError(message);
    case 'ENGINE_SINGLE_CLASS':
      return new SingleClassError(message);
    case 'ENGINE_BAD_TARGET':
      return new BadTargetError(message, num(err.row));
    case 'ENGINE_BAD_SPEC':
    case 'ENGINE_BAD_OPTION':
    case 'ENGINE_BAD_ARGUMENT':
    case 'ENGINE_BAD_INPUT':
      return new InvalidEngineInputError(code, message, { row: num(err.row), column: num(err.column) });
    case 'ENGINE_BAD_MODEL_FILE':
      return new CorruptModelError(message);
    case 'ENGINE_DISPOSED':
      return new ModelDisposedError();
    case 'ENGINE_CANCELLED':
      return new TrainingCancelledError(message);
    case 'ENGINE_OUT_OF_MEMORY':
      return new EngineOutOfMemoryError(message);
    case 'ENGINE_BUSY':
      return new ModelBusyError(message);
    case 'ENGINE_DEVICE':
      return new DeviceError(message);
    default:
      return new EngineInternalError(message);
  }
}

/** Runs a synchronous addon call, rethrowing its failure as a typed error. */
export function callNative<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fromNative(e);
  }
}
