/**
 * Typed engine errors. Every native failure arrives as one of these (see `native-error.ts`);
 * `code` is the stable ENGINE_* code from native/src/core/errors.cpp.
 */
import { OperationalError, UnexpectedError, UserError } from '@studio/ir';

/** An array's length or a column count does not match the model. */
export class ShapeMismatchError extends UserError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('ENGINE_SHAPE_MISMATCH', message, details);
    this.name = 'ShapeMismatchError';
  }
}

/** NaN or ±Infinity in the features; `row` and `column` locate the first one. */
export class NonFiniteInputError extends UserError {
  readonly row: number;
  readonly column: number;
  constructor(message: string, row: number, column: number) {
    super('ENGINE_NONFINITE_INPUT', message, { row, column });
    this.name = 'NonFiniteInputError';
    this.row = row;
    this.column = column;
  }
}

/** The training loss diverged; `step` is the optimizer step where it happened. */
export class LossNaNError extends UserError {
  readonly step: number;
  constructor(message: string, step: number) {
    super('ENGINE_LOSS_NAN', message, { step });
    this.name = 'LossNaNError';
    this.step = step;
  }
}

/** No rows to train on. */
export class EmptyDatasetError extends UserError {
  constructor(message: string) {
    super('ENGINE_EMPTY_DATASET', message);
    this.name = 'EmptyDatasetError';
  }
}

/** The training target has only one class. */
export class SingleClassError extends UserError {
  constructor(message: string) {
    super('ENGINE_SINGLE_CLASS', message);
    this.name = 'SingleClassError';
  }
}

/** A target is not a valid class label (binary targets must be 0 or 1). */
export class BadTargetError extends UserError {
  readonly row: number | undefined;
  constructor(message: string, row?: number) {
    super('ENGINE_BAD_TARGET', message, row === undefined ? undefined : { row });
    this.name = 'BadTargetError';
    this.row = row;
  }
}

/** A spec, option or argument is malformed (code says which: ENGINE_BAD_SPEC, _OPTION, _ARGUMENT, _INPUT). */
export class InvalidEngineInputError extends UserError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'InvalidEngineInputError';
  }
}

/** The bytes given to `loadModel` are not a valid model file. */
export class CorruptModelError extends UserError {
  constructor(message: string) {
    super('ENGINE_BAD_MODEL_FILE', message);
    this.name = 'CorruptModelError';
  }
}

/** The model was used after `dispose()`. */
export class ModelDisposedError extends UserError {
  constructor() {
    super('ENGINE_DISPOSED', 'the model was disposed; create or load it again');
    this.name = 'ModelDisposedError';
  }
}

/** Training was cancelled through its AbortSignal (or the model was disposed while training). */
export class TrainingCancelledError extends UserError {
  constructor(message = 'training was cancelled') {
    super('ENGINE_CANCELLED', message);
    this.name = 'TrainingCancelledError';
  }
}

/** The engine hit its memory limit or an allocation failed. */
export class EngineOutOfMemoryError extends OperationalError {
  constructor(message: string) {
    super('ENGINE_OUT_OF_MEMORY', message);
    this.name = 'EngineOutOfMemoryError';
  }
}

/** The model is busy with another training or prediction. */
export class ModelBusyError extends OperationalError {
  constructor(message: string) {
    super('ENGINE_BUSY', message);
    this.name = 'ModelBusyError';
  }
}

/** A GPU runtime failure. */
export class DeviceError extends OperationalError {
  constructor(message: string) {
    super('ENGINE_DEVICE', message);
    this.name = 'DeviceError';
  }
}

/** A broken invariant inside the engine. */
export class EngineInternalError extends UnexpectedError {
  constructor(message: string) {
    super('ENGINE_INTERNAL', message);
    this.name = 'EngineInternalError';
  }
}
