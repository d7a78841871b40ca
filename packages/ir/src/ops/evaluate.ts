import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { booleanParam, columnsParam, enumParam, integerParam, numberParam, textParam } from '../params';
import { columnProblem, missingTargetMessage } from './columns';

const untrained = 'the model is not trained yet; add a Train node after the Optimizer';

/** Scores a held-out table and reports credit metrics. */
export const evaluateOp = defineOp({
  op: 'evaluate',
  title: 'Evaluate',
  category: 'Evaluate',
  description: 'ROC, KS, Gini and calibration on held-out rows.',
  help:
    'Scores the test table with the model, replaying the preprocessing fitted on the training rows, and reports ' +
    'AUC, Gini, KS, lift, calibration and a confusion matrix at the cutoff probability. With "Validation pack" on ' +
    '(the default) it adds, on the test rows and on the out-of-time rows of an out-of-time Split: bootstrap ' +
    'intervals of AUC/KS/Gini, calibration by band with Hosmer–Lemeshow, the score distribution, a cut-off table ' +
    'with expected loss under LGD × EAD, PSI of the score and CSI of each characteristic against the training ' +
    'rows, and fairness per group of every protected attribute (approval rate at the cutoff, adverse-impact ' +
    'ratio with the four-fifths rule, TPR, FPR, AUC). Protected attributes are marked here; a protected column ' +
    'that the model also uses as an input is reported as a warning on this node.',
  inputs: [
    { name: 'model', type: 'model', label: 'Model', required: true },
    { name: 'table', type: 'table', label: 'Test table', required: true },
  ],
  outputs: [{ name: 'metrics', type: 'metrics', label: 'Metrics' }],
  fields: [
    numberParam('cutoff', 'Cutoff', 0.5, { min: 0, max: 1, step: 0.01 }),
    booleanParam('validation', 'Validation pack', true, {
      help: 'Intervals, calibration tests, cut-off table, stability and fairness for the model document.',
    }),
    integerParam('bootstrap', 'Bootstrap resamples', 1000, {
      min: 50,
      max: 100000,
      help: 'Resamples B of the stratified bootstrap behind the AUC, KS and Gini intervals (seeded by the run seed).',
    }),
    columnsParam('protected', 'Protected attributes', {
      help: 'Columns whose groups are compared for fairness, e.g. personal_status_and_sex.',
    }),
    textParam('ageColumn', 'Age bands from', 'column', {
      help: 'An age column: its bands (under 25, 25–34, …, 65 and over) become a protected attribute.',
    }),
    numberParam('lgd', 'Loss given default', 0.45, { min: 0, max: 1, step: 0.05 }),
    numberParam('ead', 'Exposure per loan', 1, {
      min: 0,
      max: 1e12,
      help: 'Exposure at default assumed for every loan in the cut-off table (1: losses in loan units).',
    }),
  ],
  infer(inputs, params) {
    const model = requiredInput(inputs, 'model', 'model');
    const table = requiredInput(inputs, 'table', 'table');
    if (!model.trained) return inferError(untrained, 'model');
    if (table.target === undefined) return inferError(missingTargetMessage('Evaluate'), 'table');
    const problem =
      columnProblem(table, 'protected', params.protected) ??
      (params.ageColumn === '' ? null : columnProblem(table, 'ageColumn', [params.ageColumn]));
    if (problem !== null) return inferError(problem);
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
