import { resolveLogisticSolver, type GraphNode, type LogisticSolver } from '@studio/ir';

const SOLVERS: readonly LogisticSolver[] = ['auto', 'newton', 'lbfgs'];
const NAMES = { newton: 'Newton (IRLS)', lbfgs: 'L-BFGS' } as const;

/**
 * What a Logistic Regression node will train with, said before training: "Runs Newton (IRLS): no L1 penalty
 * set." Null for other nodes, and for a combination validation refuses (newton with l1 > 0), whose problem
 * the inspector already shows.
 */
export function solverNote(node: Pick<GraphNode, 'op' | 'params'>): string | null {
  if (node.op !== 'logistic-regression') return null;
  const raw = node.params.solver ?? 'auto';
  const solver = SOLVERS.find((s) => s === raw);
  const l1 = node.params.l1 === undefined ? 0 : Number(node.params.l1);
  if (!solver || !Number.isFinite(l1) || (solver === 'newton' && l1 > 0)) return null;
  const { optimizer, reason } = resolveLogisticSolver(solver, l1);
  return `Runs ${NAMES[optimizer]}: ${reason}.`;
}
