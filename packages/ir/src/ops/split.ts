import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { enumParam, integerParam, numberParam, textParam } from '../params';
import { columnProblem } from './columns';

const DATE = String.raw`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?`;
const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
/** A date as `@studio/data` reads dates (ISO 8601, UTC unless an offset is given) or a number. */
export const OOT_CUTOFF_PATTERN = `^(?:${DATE}|${NUMBER})$`;

/**
 * The out-of-time cut-off as a number comparable with a parsed column: milliseconds since the epoch (UTC unless
 * an offset is given) for a date, the number itself otherwise; null when empty or not understood.
 */
export function parseCutoff(text: string): { value: number; kind: 'date' | 'number' } | null {
  const t = text.trim();
  if (new RegExp(`^${NUMBER}$`).test(t)) return { value: Number(t), kind: 'number' };
  const m = new RegExp(`^${DATE}$`).exec(t);
  if (!m) return null;
  const iso = t.replace(' ', 'T');
  const ms = Date.parse(m[1] === undefined && iso.length > 10 ? `${iso}Z` : iso);
  return Number.isNaN(ms) ? null : { value: ms, kind: 'date' };
}

/** Train/test split of a table. */
export const splitOp = defineOp({
  op: 'split',
  title: 'Split',
  category: 'Data',
  description: 'Split rows into a training and a test table.',
  help:
    'Holds back a share of the rows for an honest evaluation. "stratified" keeps the default rate equal in both ' +
    'parts (by the stratify column, or the target when empty); "time" puts the latest rows in the test part, by ' +
    'the time column, which mimics how the model will be used. "out-of-time" keeps the rows dated on or after the ' +
    'cut-off as an out-of-time sample that every Evaluate node also validates on; the rows before it are split ' +
    'into train and test (stratified by the target), so the model is trained before and validated after.',
  inputs: [{ name: 'table', type: 'table', label: 'Table', required: true }],
  outputs: [
    { name: 'train', type: 'table', label: 'Train' },
    { name: 'test', type: 'table', label: 'Test' },
  ],
  fields: [
    numberParam('testFraction', 'Test fraction', 0.3, { min: 0.05, max: 0.9, step: 0.05 }),
    enumParam('method', 'Method', ['random', 'stratified', 'time', 'out-of-time'], 'stratified'),
    textParam('stratify', 'Stratify by', 'column', { help: 'Empty: the target column.' }),
    textParam('timeColumn', 'Time column', 'column', {
      help: 'Used by the "time" and "out-of-time" methods: a date (ISO 8601) or numeric column.',
    }),
    textParam('cutoff', 'Out-of-time from', 'string', {
      help: 'The "out-of-time" cut-off: rows dated on or after it (e.g. 2019-01-01) form the out-of-time sample.',
      pattern: OOT_CUTOFF_PATTERN,
      patternHint: 'write a date as YYYY-MM-DD (optionally with a time) or a number',
    }),
    integerParam('seed', 'Seed', 42, { min: 0, max: 2 ** 31 - 1, help: 'Same seed, same split.' }),
  ],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    if (params.method === 'time' && params.timeColumn === '') {
      return inferError('the "time" method needs a time column; choose the date column in timeColumn');
    }
    if (params.method === 'out-of-time' && params.timeColumn === '') {
      return inferError('the "out-of-time" method needs a date column; choose it in timeColumn');
    }
    if (params.method === 'out-of-time' && parseCutoff(params.cutoff) === null) {
      return inferError(
        'the "out-of-time" method needs a cut-off date, e.g. 2019-01-01; set "Out-of-time from"',
      );
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
