/** The Taiwan credit data as the INT8 benchmark uses it: standardised numeric features, stratified 70/30 (seed 42). */
import { join } from 'node:path';
import {
  applyStandardize,
  binaryTarget,
  dropColumns,
  fitStandardize,
  readCsv,
  stratifiedSplit,
  takeRows,
  type Table,
} from '../../packages/data/src/index';

const here = import.meta.dirname;
const TARGET = 'default.payment.next.month';

export interface Split {
  inputs: number;
  Xtr: Float32Array;
  ytr: Uint8Array;
  Xte: Float32Array;
  yte: Uint8Array;
}

function features(t: Table): Float32Array {
  const cols = t.columns.map((c) => (c.type === 'categorical' ? Float64Array.from(c.codes) : c.values));
  const X = new Float32Array(t.rowCount * cols.length);
  for (let i = 0; i < t.rowCount; i++)
    for (let j = 0; j < cols.length; j++) X[i * cols.length + j] = cols[j]![i]!;
  return X;
}

/** Reads ../shared/datasets/taiwan_default.csv and splits it. */
export async function taiwan(): Promise<Split> {
  const table = await readCsv(join(here, '../../../shared/datasets/taiwan_default.csv'));
  const y = binaryTarget(table, TARGET);
  const split = stratifiedSplit(y, { testFraction: 0.3, seed: 42 });
  const raw = dropColumns(table, ['ID', TARGET]);
  const train = takeRows(raw, split.train);
  const fitted = fitStandardize(train);
  return {
    inputs: raw.columns.length,
    Xtr: features(applyStandardize(fitted, train)),
    ytr: Uint8Array.from(split.train, (i) => y[i]!),
    Xte: features(applyStandardize(fitted, takeRows(raw, split.test))),
    yte: Uint8Array.from(split.test, (i) => y[i]!),
  };
}
