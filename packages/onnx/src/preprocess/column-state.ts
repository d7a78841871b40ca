/** The columns of the table at one point of the pipeline, as graph tensors ([N, 1] double or string). */
import { UserError } from '@studio/ir';

export interface ColumnTensor {
  tensor: string;
  type: 'numeric' | 'categorical';
}

/** Column name → tensor, in table order (a replaced column keeps its place, new ones are appended). */
export type ColumnState = Map<string, ColumnTensor>;

/** The tensor of column `name`, checked to hold `type`; a user error naming the step otherwise. */
export function columnOf(state: ColumnState, name: string, type: ColumnTensor['type'], step: string): string {
  const c = state.get(name);
  if (!c)
    throw new UserError(
      'ONNX_EXPORT_COLUMN_MISSING',
      `The ${step} step reads column "${name}", which is not among the columns at that point (${[...state.keys()].slice(0, 20).join(', ')}). Pass the raw columns the model was trained on.`,
      { column: name, step },
    );
  if (c.type !== type)
    throw new UserError(
      'ONNX_EXPORT_COLUMN_TYPE',
      `The ${step} step needs column "${name}" to be ${type}, but it is ${c.type} there. Declare the raw column with the type it had in training.`,
      { column: name, step },
    );
  return c.tensor;
}
