import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { booleanParam, columnsParam, enumParam, integerParam, numberParam } from '../params';
import type { TableValue } from '../port-values';
import { columnProblem } from './columns';

const tableIn = [{ name: 'table', type: 'table' as const, label: 'Table', required: true }];
const tableOut = [{ name: 'table', type: 'table' as const, label: 'Table' }];
const columnsHelp = 'Empty: every suitable column except the target.';

/** Fills missing values; fitted on the training rows, replayed on every later row. */
export const imputeOp = defineOp({
  op: 'impute',
  title: 'Impute',
  category: 'Preprocess',
  description: 'Fill missing values.',
  help:
    'Replaces missing values by the median or mean learned on the training rows, or by a constant. ' +
    'The missing indicator adds a 0/1 column "<name>_missing" per column, because missingness often predicts default.',
  inputs: tableIn,
  outputs: tableOut,
  fields: [
    columnsParam('columns', 'Columns', { help: columnsHelp }),
    enumParam('strategy', 'Strategy', ['median', 'mean', 'constant'], 'median'),
    numberParam('fillValue', 'Constant', 0, {
      min: -1e12,
      max: 1e12,
      help: 'Used by the "constant" strategy.',
    }),
    booleanParam('addIndicator', 'Missing indicator', false),
  ],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    const problem = columnProblem(table, 'columns', params.columns);
    if (problem !== null) return inferError(problem);
    if (!params.addIndicator) return inferred({ table });
    // Which columns have gaps is only known from the data, unless the columns are listed explicitly.
    const out: TableValue =
      table.columns !== undefined && params.columns.length > 0
        ? { ...table, columns: [...table.columns, ...params.columns.map((c) => `${c}_missing`)] }
        : withoutColumns(table);
    return inferred({ table: out });
  },
});

/** One 0/1 column per category of each categorical column. */
export const oneHotOp = defineOp({
  op: 'one-hot',
  title: 'One-Hot Encode',
  category: 'Preprocess',
  description: 'Turn categories into 0/1 columns.',
  help:
    'Replaces each categorical column by one 0/1 column per category seen in the training rows. Rare categories ' +
    'beyond maxCategories share one "other" column. "unseen" decides what happens to a category first met after ' +
    'training: ignore it (all zeros), send it to "other", or fail the request.',
  inputs: tableIn,
  outputs: tableOut,
  fields: [
    columnsParam('columns', 'Columns', { help: 'Empty: every text column except the target.' }),
    integerParam('maxCategories', 'Max categories', 20, { min: 2, max: 1000 }),
    enumParam('unseen', 'Unseen categories', ['ignore', 'other', 'error'], 'ignore'),
  ],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    const problem = columnProblem(table, 'columns', params.columns);
    if (problem !== null) return inferError(problem);
    // The new column names depend on the categories in the data.
    return inferred({ table: withoutColumns(table) });
  },
});

/** Centers and scales numeric columns. */
export const standardizeOp = defineOp({
  op: 'standardize',
  title: 'Standardize',
  category: 'Preprocess',
  description: 'Scale numeric columns to mean 0, deviation 1.',
  help:
    'Subtracts the training mean and divides by the training standard deviation. Networks and regularised ' +
    'models train better when features share one scale.',
  inputs: tableIn,
  outputs: tableOut,
  fields: [
    columnsParam('columns', 'Columns', { help: columnsHelp }),
    booleanParam('withMean', 'Center', true),
    booleanParam('withStd', 'Scale', true),
  ],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    const problem = columnProblem(table, 'columns', params.columns);
    return problem === null ? inferred({ table }) : inferError(problem);
  },
});

/** The same table with its column list forgotten (it depends on the data). */
export function withoutColumns(table: TableValue): TableValue {
  return table.target === undefined ? { type: 'table' } : { type: 'table', target: table.target };
}
