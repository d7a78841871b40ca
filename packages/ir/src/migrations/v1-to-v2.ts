import { codeOf } from '../diagnostic-codes';
import { UserError } from '../errors';

/**
 * irVersion 1 -> 2: the Logistic Regression node's `solver` became `'auto' | 'newton' | 'lbfgs'`. Version 1's
 * `'lbfgs'` ran Newton/IRLS unless an L1 penalty was set (then L-BFGS/OWL-QN): exactly what `'auto'` means now,
 * so it becomes `'auto'` and the document trains as before. `'newton'` keeps its meaning; the new `'lbfgs'`
 * always runs L-BFGS. Everything else is unchanged (validated afterwards by the caller).
 */
export function migrateV1ToV2(raw: unknown): Record<string, unknown> {
  const doc = raw as Record<string, unknown>;
  if (!Array.isArray(doc.nodes)) {
    throw new UserError(
      codeOf('INVALID_DOCUMENT'),
      'the irVersion 1 graph has no nodes list; open a graph saved by the Studio',
    );
  }
  return {
    ...doc,
    irVersion: 2,
    nodes: doc.nodes.map((n: unknown) => {
      const node = n as { op?: unknown; params?: unknown };
      if (node?.op !== 'logistic-regression' || typeof node.params !== 'object' || node.params === null)
        return n;
      const params = node.params as Record<string, unknown>;
      return params.solver === 'lbfgs' ? { ...node, params: { ...params, solver: 'auto' } } : n;
    }),
  };
}
