import { defineOp, inferError, inferred, paramError, requiredInput } from '../op-spec';
import { columnsParam, enumParam, integerParam, numberParam } from '../params';
import { columnProblem, missingTargetMessage } from './columns';

/** The challenger every credit team expects: histogram gradient-boosted trees, monotone where required. */
export const gradientBoostingOp = defineOp({
  op: 'gradient-boosting',
  title: 'Gradient Boosting',
  category: 'Model',
  description: 'Fit gradient-boosted decision trees.',
  help:
    'Grows up to trees decision trees, each correcting the log-odds of the ones before, on features cut into at ' +
    'most maxBins quantile bins. Missing values learn their own direction at each split, so no Impute is needed. ' +
    'Monotone constraints make the predicted risk only rise (increasing) or only fall (decreasing) with a ' +
    'column, as regulators require for income or delinquency counts. Early stopping holds out validationFraction ' +
    'of the training rows and keeps the best number of trees once the metric has not improved for patience trees.',
  inputs: [{ name: 'table', type: 'table', label: 'Train table', required: true }],
  outputs: [{ name: 'model', type: 'model', label: 'Model' }],
  fields: [
    integerParam('trees', 'Trees', 100, { min: 1, max: 10000, help: 'Boosting rounds (the most trees).' }),
    numberParam('learningRate', 'Learning rate', 0.1, {
      min: 0.0001,
      max: 1,
      step: 0.01,
      help: 'Shrinks each tree; smaller rates need more trees. Must be above 0.',
    }),
    integerParam('maxLeaves', 'Max leaves', 31, { min: 2, max: 4096 }),
    integerParam('maxDepth', 'Max depth', 0, {
      min: 0,
      max: 64,
      help: '0: no limit (leaves bound the tree).',
    }),
    integerParam('minSamplesLeaf', 'Min rows per leaf', 20, { min: 1, max: 1_000_000 }),
    numberParam('minHessianLeaf', 'Min hessian per leaf', 0.001, { min: 0, max: 1e6, step: 0.001 }),
    numberParam('l1', 'L1 on leaf values', 0, { min: 0, max: 1e6, step: 0.1 }),
    numberParam('l2', 'L2 on leaf values', 0, { min: 0, max: 1e6, step: 0.1 }),
    numberParam('rowSubsample', 'Row subsample', 1, { min: 0.01, max: 1, step: 0.05 }),
    numberParam('colSubsample', 'Column subsample', 1, { min: 0.01, max: 1, step: 0.05 }),
    integerParam('maxBins', 'Max bins', 255, { min: 2, max: 255 }),
    enumParam('classWeight', 'Class weight', ['none', 'balanced'], 'none'),
    columnsParam('monotoneIncreasing', 'Risk rises with', {
      help: 'Columns whose higher values may only raise the predicted risk (monotone increasing).',
    }),
    columnsParam('monotoneDecreasing', 'Risk falls with', {
      help: 'Columns whose higher values may only lower the predicted risk (monotone decreasing).',
    }),
    enumParam('earlyStopping', 'Early stopping', ['auc', 'logloss', 'none'], 'auc', {
      help: 'Metric watched on the held-out validation rows; none trains every tree.',
    }),
    integerParam('patience', 'Patience', 10, { min: 1, max: 10000 }),
    numberParam('validationFraction', 'Validation fraction', 0.1, { min: 0.01, max: 0.5, step: 0.01 }),
    integerParam('seed', 'Seed', 42, { min: 0, max: 2 ** 31 - 1 }),
  ],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    if (table.target === undefined) return inferError(missingTargetMessage('Gradient Boosting'));
    for (const param of ['monotoneIncreasing', 'monotoneDecreasing'] as const) {
      const problem = columnProblem(table, param, params[param]);
      if (problem !== null) return paramError(problem, param);
    }
    const both = params.monotoneIncreasing.filter((c) => params.monotoneDecreasing.includes(c));
    if (both.length > 0)
      return paramError(
        `${both.map((c) => `"${c}"`).join(', ')} cannot be both increasing and decreasing; remove it from one list`,
        'monotoneDecreasing',
      );
    return inferred({ model: { type: 'model', family: 'gbm', trained: true, quantized: false } });
  },
});
