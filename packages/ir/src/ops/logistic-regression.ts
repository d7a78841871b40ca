import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { enumParam, integerParam, numberParam } from '../params';
import { missingTargetMessage } from './columns';

/** The solver values of the Logistic Regression node. */
export type LogisticSolver = 'auto' | 'newton' | 'lbfgs';

/** The engine optimizer a Logistic Regression node trains with, and why, in words for the inspector and logs. */
export interface ResolvedSolver {
  optimizer: 'newton' | 'lbfgs';
  reason: string;
}

/**
 * What training will run for a solver and an L1 penalty (the one rule the pipeline and the inspector share):
 * 'auto' is Newton/IRLS unless l1 > 0, then L-BFGS with OWL-QN; 'newton' and 'lbfgs' are what they say
 * ('newton' with l1 > 0 is refused by validation before any run).
 */
export function resolveLogisticSolver(solver: LogisticSolver, l1: number): ResolvedSolver {
  if (solver === 'newton') return { optimizer: 'newton', reason: 'the newton solver was chosen' };
  if (solver === 'lbfgs')
    return {
      optimizer: 'lbfgs',
      reason:
        l1 > 0 ? 'the lbfgs solver was chosen (OWL-QN for the L1 penalty)' : 'the lbfgs solver was chosen',
    };
  return l1 > 0
    ? { optimizer: 'lbfgs', reason: 'an L1 penalty is set, which only L-BFGS (OWL-QN) fits' }
    : { optimizer: 'newton', reason: 'no L1 penalty set' };
}

/** The standard PD model and the base of a points scorecard. */
export const logisticRegressionOp = defineOp({
  op: 'logistic-regression',
  title: 'Logistic Regression',
  category: 'Model',
  description: 'Fit a regularised logistic PD model.',
  help:
    'Fits P(default) = sigmoid(w·x + b) on the training table. l2 shrinks coefficients against overfitting; ' +
    'l1 sets weak ones to exactly zero (a sparse model; with l2 as well, an elastic net); ' +
    '"balanced" class weights up-weight the rare defaults; sign constraints keep every coefficient on one side of ' +
    'zero, as WOE scorecards require so that each attribute moves the score the expected way.',
  inputs: [{ name: 'table', type: 'table', label: 'Train table', required: true }],
  outputs: [{ name: 'model', type: 'model', label: 'Model' }],
  fields: [
    numberParam('l2', 'L2 penalty', 1, { min: 0, max: 1e6, step: 0.1 }),
    numberParam('l1', 'L1 penalty', 0, {
      min: 0,
      max: 1e6,
      step: 0.1,
      help: 'Like l2, scikit-learn\'s 1/C for penalty="l1". Fitted by L-BFGS (OWL-QN): the auto or lbfgs solver.',
    }),
    integerParam('maxIter', 'Max iterations', 100, { min: 1, max: 10000 }),
    enumParam('solver', 'Solver', ['auto', 'newton', 'lbfgs'], 'auto', {
      help:
        'auto: Newton/IRLS, or L-BFGS (OWL-QN) when l1 > 0 (the same optimum; Newton needs fewer passes). ' +
        'newton: Newton/IRLS always; no l1. lbfgs: L-BFGS always (OWL-QN with l1).',
    }),
    enumParam('classWeight', 'Class weight', ['none', 'balanced'], 'none'),
    enumParam('signConstraints', 'Sign constraints', ['none', 'non-negative', 'non-positive'], 'none'),
  ],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    if (table.target === undefined) return inferError(missingTargetMessage('Logistic Regression'));
    if (params.solver === 'newton' && params.l1 > 0)
      return inferError(
        'the newton solver does not support an L1 penalty; choose the auto or lbfgs solver or set l1 to 0',
      );
    return inferred({ model: { type: 'model', family: 'logistic', trained: true, quantized: false } });
  },
});
