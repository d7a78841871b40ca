import { readCsv } from '../csv/read-csv';
import { binaryTarget } from '../split/binary-target';
import type { Table } from '../table';
import { sharedDataset } from '../test-support/temp-csv';
import { checksFixture } from './checks-fixture';
import { columnWarnings, dataWarnings, type CheckOptions } from './column-checks';

/** Threshold sets the pins run with: the defaults, looser ones, and ones that make every check answer. */
const OPTIONS: Record<string, CheckOptions> = {
  default: {},
  loose: { nearConstant: 0.5, mostlyMissing: 0.05, minIdRows: 5, minClassRows: 3000 },
  everything: { nearConstant: 0, mostlyMissing: 0, minIdRows: 0 },
  strict: { nearConstant: 1, mostlyMissing: 1, minIdRows: 1_000_000 },
};

/** A copy of `table` whose `target` column has only `bads` bad rows (the first ones), for the tiny-class check. */
function tinyTarget(table: Table, bads: number): Table {
  return {
    ...table,
    columns: table.columns.map((c) =>
      c.name === 'target' && c.type !== 'categorical'
        ? { ...c, values: Float64Array.from(c.values, (_, i) => (i < bads ? 1 : 0)) }
        : c,
    ),
  };
}

/**
 * Every pinned result of the dataset checks, keyed by case: `dataWarnings` with and without a target under each
 * threshold set, and `columnWarnings` of each column alone, on German credit, Taiwan and `checksFixture` at
 * three sizes (and one with a tiny outcome class). Through JSON, as written to checks-pinned.json.
 */
export async function checksPinnedResults(): Promise<Record<string, unknown>> {
  const tables: [string, Table, string][] = [
    ['german', await readCsv(sharedDataset('german_credit.csv')), 'creditability'],
    ['taiwan', await readCsv(sharedDataset('taiwan_default.csv')), 'default.payment.next.month'],
    ['fixture-300', checksFixture(300, 1), 'target'],
    ['fixture-5000', checksFixture(5000, 7), 'target'],
    ['fixture-40000', checksFixture(40_000, 9), 'target'],
    ['fixture-tiny-class', tinyTarget(checksFixture(2000, 3), 12), 'target'],
  ];
  const out: Record<string, unknown> = {};
  for (const [name, table, target] of tables) {
    const y = binaryTarget(table, target);
    for (const [o, opts] of Object.entries(OPTIONS)) {
      out[`${name}/${o}`] = dataWarnings(table, { name: target, y }, opts);
      out[`${name}/${o}/no-target`] = dataWarnings(table, undefined, opts);
    }
    out[`${name}/columns`] = table.columns.map((c) => columnWarnings(c, table.rowCount));
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}
