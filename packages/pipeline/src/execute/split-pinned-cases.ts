import { checksFixture, readCsv, type Table } from '@studio/data';
import type { DatasetStep, SplitStep } from '../plan/plan-types';
import type { RunWarning } from '../run-types';
import { sharedDataset } from '../test-support/graphs';
import { splitData, type Side } from './split-data';

/** A 32-bit FNV-1a hash over 32-bit words. */
function hashWords(words: Uint32Array | Int32Array, h = 0x811c9dc5): number {
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 16777619) >>> 0;
  return h;
}

/** Each column of a side as name, type and a hash of its exact contents (float bits, codes, levels), and its outcomes. */
function fingerprint(side: Side): unknown {
  return {
    rows: side.table.rowCount,
    y: hashWords(Int32Array.from(side.y)),
    columns: side.table.columns.map((c) =>
      c.type === 'categorical'
        ? [c.name, c.type, hashWords(c.codes), c.levels.length, c.levels.join('\u0001').length]
        : [
            c.name,
            c.type,
            hashWords(new Uint32Array(c.values.buffer, c.values.byteOffset, c.values.length * 2)),
          ],
    ),
  };
}

const split = (method: SplitStep['method'], more: Partial<SplitStep> = {}): SplitStep => ({
  nodeId: 'split',
  method,
  testFraction: 0.3,
  seed: 42,
  stratify: '',
  timeColumn: '',
  cutoff: '',
  ...more,
});

/**
 * Every pinned result of the split stage (`splitData`: the checks' warnings, then each side's rows, columns and
 * outcomes) on German credit, Taiwan and `checksFixture`, for each split method. Through JSON, as written to
 * split-pinned.json.
 */
export async function splitPinnedResults(): Promise<Record<string, unknown>> {
  const tables: [string, Table, string, string[]][] = [
    ['german', await readCsv(sharedDataset('german_credit.csv')), 'creditability', []],
    ['taiwan', await readCsv(sharedDataset('taiwan_default.csv')), 'default.payment.next.month', ['ID']],
    ['fixture', checksFixture(6000, 5), 'target', ['recoveries_amount']],
  ];
  const splits: [string, SplitStep][] = [
    ['stratified', split('stratified')],
    ['random', split('random', { testFraction: 0.25, seed: 7 })],
  ];
  const out: Record<string, unknown> = {};
  const run = (key: string, table: Table, dataset: DatasetStep, step: SplitStep) => {
    const warnings: RunWarning[] = [];
    const data = splitData(table, dataset, step, warnings);
    out[key] = {
      warnings,
      train: fingerprint(data.train),
      test: fingerprint(data.test),
      outOfTime: data.outOfTime ? fingerprint(data.outOfTime) : null,
    };
  };
  for (const [name, table, target, exclude] of tables) {
    const dataset: DatasetStep = { nodeId: 'dataset', datasetId: name, target, exclude };
    for (const [s, step] of splits) run(`${name}/${s}`, table, dataset, step);
    run(`${name}/all-columns`, table, { ...dataset, exclude: [] }, split('stratified', { seed: 3 }));
  }
  const fixture = tables[2]![1];
  const dataset: DatasetStep = { nodeId: 'dataset', datasetId: 'fixture', target: 'target' };
  run('fixture/time', fixture, dataset, split('time', { timeColumn: 'opened', testFraction: 0.2 }));
  run(
    'fixture/out-of-time',
    fixture,
    dataset,
    split('out-of-time', { timeColumn: 'opened', cutoff: '2016-01-01', testFraction: 0.25, seed: 9 }),
  );
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}
