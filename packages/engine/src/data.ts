/** Argument checks shared by train and predict, done in TS for clear messages before the addon re-checks. */
import { InvalidEngineInputError, ShapeMismatchError } from './errors';

/** Checks that `X` is a Float32Array of rows × inputs values. */
export function checkFeatures(
  X: unknown,
  rows: unknown,
  inputs: number,
  what: string,
): asserts X is Float32Array {
  if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0)
    throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', `${what}: rows must be a non-negative integer`);
  if (!(X instanceof Float32Array))
    throw new InvalidEngineInputError('ENGINE_BAD_ARGUMENT', `${what}: X must be a Float32Array`);
  if (X.length !== rows * inputs)
    throw new ShapeMismatchError(
      `${what}: X has ${X.length} values but ${rows} rows × ${inputs} inputs = ${rows * inputs} were expected`,
      { rows, inputs, length: X.length },
    );
}

/** Targets as the addon wants them: a Float32Array of `rows` labels. */
export function targetArray(y: unknown, rows: number, what: string): Float32Array {
  if (!(y instanceof Float32Array) && !(y instanceof Uint8Array))
    throw new InvalidEngineInputError(
      'ENGINE_BAD_ARGUMENT',
      `${what}: y must be a Float32Array or Uint8Array`,
    );
  if (y.length !== rows)
    throw new ShapeMismatchError(`${what}: y has ${y.length} labels but there are ${rows} rows`, {
      rows,
      length: y.length,
    });
  return y instanceof Float32Array ? y : Float32Array.from(y);
}
