import { UserError } from '@studio/ir';
import type { ColumnState } from './column-state';

/** The model's feature columns after the transforms: `features` checked, or every numeric column in table order. */
export function selectFeatures(state: ColumnState, features: readonly string[] | undefined): string[] {
  const names = features ?? [...state.keys()].filter((n) => state.get(n)!.type === 'numeric');
  for (const name of names) {
    const c = state.get(name);
    if (!c)
      throw new UserError(
        'ONNX_EXPORT_FEATURE_MISSING',
        `Feature "${name}" is not produced by the transforms from the given columns. Check the feature list against the transforms.`,
        { feature: name },
      );
    if (c.type !== 'numeric')
      throw new UserError(
        'ONNX_EXPORT_FEATURE_NOT_NUMERIC',
        `Feature "${name}" still holds text after the transforms; the model reads numbers. Add its one-hot or WOE transform.`,
        { feature: name },
      );
  }
  return [...names];
}
