// Test-only helper: runs one op's inference the way validateGraph does, with parsed params.
import { getOp } from '../catalogue';
import type { InferContext, InferInputs, InferResult } from '../op-spec';
import type { PortValueType, TableValue } from '../port-values';

/** Inference of `op` on the given input values, params defaulted like a fresh node. */
export function inferOp(
  op: string,
  inputs: Record<string, PortValueType | PortValueType[]>,
  params: Record<string, unknown> = {},
  ctx: InferContext = {},
): InferResult {
  const spec = getOp(op);
  const values: InferInputs = {};
  for (const [port, v] of Object.entries(inputs)) values[port] = Array.isArray(v) ? v : [v];
  return spec.infer(values, spec.params.parse(params), ctx);
}

export const loans: TableValue = {
  type: 'table',
  columns: ['income', 'age', 'region', 'default'],
  target: 'default',
};
export const unlabelled: TableValue = { type: 'table' };
export const matrix = (width: number | null): PortValueType => ({
  type: 'tensor',
  dtype: 'float32',
  shape: [null, width],
});
