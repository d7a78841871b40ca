import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { enumParam, integerParam, numberParam, textParam } from '../params';
import { columnProblem } from './columns';

/** Train/test split of a table. */
export const splitOp = defineOp({
  op: 'split',
  title: 'Split',
  category: 'Data',
  description: 'Split rows into a training and a test table.',
  help:
    'Holds back a share of the rows for an honest evaluation. "stratified" keeps the default rate equal in both ' +
    'parts (by the stratify column, or the target when empty); "time" puts the latest rows in the test part, by ' +
    'the time column, which mimics how the model will be used.',
  inputs: [{ name: 'table', type: 'table', label: 'Table', required: true }],
  outputs: [
    { name: 'train', type: 'table', label: 'Train' },
    { name: 'test', type: 'table', label: 'Test' },
  ],
  fields: [
    numberParam('testFraction', 'Test fraction', 0.3, { min: 0.05, max: 0.9, step: 0.05 }),
    enumParam('method', 'Method', ['random', 'stratified', 'time'], 'stratified'),
    textParam('stratify', 'Stratify by', 'column', { help: 'Empty: the target column.' }),
    textParam('timeColumn', 'Time column', 'column', { help: 'Used by the "time" method.' }),
    integerParam('seed', 'Seed', 42, { min: 0, max: 2 ** 31 - 1, help: 'Same seed, same split.' }),
  ],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    if (params.method === 'time' && params.timeColumn === '') {
      return inferError('the "time" method needs a time column; choose the date column in timeColumn');
    }
    if (params.method === 'stratified' && params.stratify === '' && table.target === undefined) {
      return inferError('a stratified split needs a column; set stratify or the Target of the Dataset node');
    }
    for (const [param, column] of [
      ['stratify', params.stratify],
      ['timeColumn', params.timeColumn],
    ] as const) {
      if (column === '' || column === table.target) continue;
      const problem = columnProblem(table, param, [column]);
      if (problem !== null) return inferError(problem);
    }
    return inferred({ train: table, test: table });
  },
});
