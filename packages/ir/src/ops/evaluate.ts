import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { enumParam, numberParam } from '../params';
import { missingTargetMessage } from './columns';

const untrained = 'the model is not trained yet; add a Train node after the Optimizer';

/** Scores a held-out table and reports credit metrics. */
export const evaluateOp = defineOp({
  op: 'evaluate',
  title: 'Evaluate',
  category: 'Evaluate',
  description: 'ROC, KS, Gini and calibration on held-out rows.',
  help:
    'Scores the test table with the model, replaying the preprocessing fitted on the training rows, and reports ' +
    'AUC, Gini, KS, lift, calibration and a confusion matrix at the cutoff probability.',
  inputs: [
    { name: 'model', type: 'model', label: 'Model', required: true },
    { name: 'table', type: 'table', label: 'Test table', required: true },
  ],
  outputs: [{ name: 'metrics', type: 'metrics', label: 'Metrics' }],
  fields: [numberParam('cutoff', 'Cutoff', 0.5, { min: 0, max: 1, step: 0.01 })],
  infer(inputs) {
    const model = requiredInput(inputs, 'model', 'model');
    const table = requiredInput(inputs, 'table', 'table');
    if (!model.trained) return inferError(untrained, 'model');
    if (table.target === undefined) return inferError(missingTargetMessage('Evaluate'), 'table');
    return inferred({ metrics: { type: 'metrics' } });
  },
});

/** Converts a logistic model into scorecard points. */
export const scorecardOp = defineOp({
  op: 'scorecard',
  title: 'Scorecard',
  category: 'Evaluate',
  description: 'Turn a logistic model into scorecard points.',
  help:
    'Scales log-odds to points: baseScore points at odds baseOdds:1 (good:bad), and every pdo points double the ' +
    'odds. Each attribute gets its points, summed into the score shown to credit officers.',
  inputs: [{ name: 'model', type: 'model', label: 'Logistic model', required: true }],
  outputs: [{ name: 'scorecard', type: 'scorecard', label: 'Scorecard' }],
  fields: [
    numberParam('pdo', 'Points to double odds', 20, { min: 1, max: 500 }),
    numberParam('baseScore', 'Base score', 600, { min: 0, max: 10000 }),
    numberParam('baseOdds', 'Base odds', 50, { min: 0.001, max: 1e6 }),
    enumParam('rounding', 'Rounding', ['integer', 'none'], 'integer'),
  ],
  infer(inputs) {
    const model = requiredInput(inputs, 'model', 'model');
    if (model.family !== 'logistic') {
      return inferError(
        'scorecard points come from logistic coefficients; connect a Logistic Regression model',
        'model',
      );
    }
    return inferred({ scorecard: { type: 'scorecard' } });
  },
});
