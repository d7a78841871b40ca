import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { enumParam, integerParam, numberParam } from '../params';
import { missingTargetMessage } from './columns';

/** The standard PD model and the base of a points scorecard. */
export const logisticRegressionOp = defineOp({
  op: 'logistic-regression',
  title: 'Logistic Regression',
  category: 'Model',
  description: 'Fit a regularised logistic PD model.',
  help:
    'Fits P(default) = sigmoid(w·x + b) on the training table. l2 shrinks coefficients against overfitting; ' +
    '"balanced" class weights up-weight the rare defaults; sign constraints keep every coefficient on one side of ' +
    'zero, as WOE scorecards require so that each attribute moves the score the expected way.',
  inputs: [{ name: 'table', type: 'table', label: 'Train table', required: true }],
  outputs: [{ name: 'model', type: 'model', label: 'Model' }],
  fields: [
    numberParam('l2', 'L2 penalty', 1, { min: 0, max: 1e6, step: 0.1 }),
    integerParam('maxIter', 'Max iterations', 100, { min: 1, max: 10000 }),
    enumParam('solver', 'Solver', ['lbfgs', 'newton'], 'lbfgs'),
    enumParam('classWeight', 'Class weight', ['none', 'balanced'], 'none'),
    enumParam('signConstraints', 'Sign constraints', ['none', 'non-negative', 'non-positive'], 'none'),
  ],
  infer(inputs) {
    const table = requiredInput(inputs, 'table', 'table');
    if (table.target === undefined) return inferError(missingTargetMessage('Logistic Regression'));
    return inferred({ model: { type: 'model', family: 'logistic', trained: true, quantized: false } });
  },
});
