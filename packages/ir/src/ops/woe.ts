import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { columnsParam, enumParam, integerParam, numberParam, textParam } from '../params';
import { columnProblem, missingTargetMessage } from './columns';
import { withoutColumns } from './table-transforms';

const NUMBER = '-?\\d+(\\.\\d+)?';

/** Weight-of-evidence binning, the classic scorecard transform. */
export const woeBinningOp = defineOp({
  op: 'woe-binning',
  title: 'WOE Binning',
  category: 'Preprocess',
  description: 'Bin columns and replace values by weight of evidence.',
  help:
    'Cuts each column into at most maxBins bins holding at least minBinShare of the rows, then replaces each value ' +
    'by its bin\'s weight of evidence ln(%good / %bad). "monotonic" forces the default rate to rise or fall across ' +
    'bins (auto picks the direction from the data), which regulators expect of scorecards. Special values (e.g. ' +
    '-999 for "no bureau record") get bins of their own.',
  inputs: [{ name: 'table', type: 'table', label: 'Table', required: true }],
  outputs: [{ name: 'table', type: 'table', label: 'WOE table' }],
  fields: [
    columnsParam('columns', 'Columns', { help: 'Empty: every column except the target.' }),
    integerParam('maxBins', 'Max bins', 10, { min: 2, max: 50 }),
    numberParam('minBinShare', 'Min bin share', 0.05, { min: 0.001, max: 0.5, step: 0.01 }),
    enumParam('monotonic', 'Monotonic', ['auto', 'ascending', 'descending', 'none'], 'auto'),
    textParam('specialValues', 'Special values', 'string', {
      pattern: `^\\s*${NUMBER}(\\s*,\\s*${NUMBER})*\\s*$`,
      patternHint: 'use numbers separated by commas, e.g. "-999, -1"',
      help: 'Comma-separated numbers that get their own bin, e.g. "-999, -1".',
    }),
  ],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    if (table.target === undefined) return inferError(missingTargetMessage('WOE binning'));
    const problem = columnProblem(table, 'columns', params.columns);
    return problem === null ? inferred({ table }) : inferError(problem);
  },
});

/** Drops weak and redundant features. */
export const featureSelectionOp = defineOp({
  op: 'feature-selection',
  title: 'Feature Selection',
  category: 'Preprocess',
  description: 'Keep informative, non-redundant columns.',
  help:
    'Drops columns whose information value is below minIV, then, of each pair correlated above maxCorrelation, ' +
    'keeps the one with the higher IV. maxFeatures caps the result (0: no cap). Fewer, stronger features make a ' +
    'scorecard easier to explain.',
  inputs: [{ name: 'table', type: 'table', label: 'Table', required: true }],
  outputs: [{ name: 'table', type: 'table', label: 'Selected' }],
  fields: [
    numberParam('minIV', 'Min IV', 0.02, { min: 0, max: 10, step: 0.01 }),
    numberParam('maxCorrelation', 'Max correlation', 0.7, { min: 0.05, max: 1, step: 0.05 }),
    integerParam('maxFeatures', 'Max features', 0, { min: 0, max: 5000 }),
  ],
  infer(inputs) {
    const table = requiredInput(inputs, 'table', 'table');
    if (table.target === undefined) return inferError(missingTargetMessage('Feature selection'));
    // Which columns survive is decided by the data.
    return inferred({ table: withoutColumns(table) });
  },
});
