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
  /** Raw feature columns in model input order, and the fitted standardisation (for ONNX export). */
  columns: { name: string; type: 'numeric' }[];
  standardize: unknown;
  /** Raw (unstandardised) held-out features, one Float32Array per column. */
  rawTest: Record<string, Float32Array>;
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
  const test = takeRows(raw, split.test);
  const rawTest: Record<string, Float32Array> = {};
  for (const c of test.columns) if (c.type !== 'categorical') rawTest[c.name] = Float32Array.from(c.values);
  return {
    inputs: raw.columns.length,
    columns: raw.columns.map((c) => ({ name: c.name, type: 'numeric' as const })),
    standardize: fitted,
    rawTest,
    Xtr: features(applyStandardize(fitted, train)),
    ytr: Uint8Array.from(split.train, (i) => y[i]!),
    Xte: features(applyStandardize(fitted, test)),
    yte: Uint8Array.from(split.test, (i) => y[i]!),
  };
}
