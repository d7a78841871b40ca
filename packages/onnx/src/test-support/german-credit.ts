/**
 * German credit fixtures for parity tests: raw table with injected gaps and an unseen category, fitted
 * transforms (one-hot path and WOE path), models trained with the engine, and the engine's own predictions.
 */
import {
  applyPipeline,
  binaryTarget,
  dropColumns,
  fitImpute,
  fitOneHot,
  fitStandardize,
  fitWoe,
  getColumn,
  readCsv,
  type FittedTransform,
  type Table,
} from '@studio/data';
import { createModel, type Model, type ModelSpec } from '@studio/engine';
import { sharedDataset } from '@studio/test-support';
import type { RawColumn } from '../export-input';

export const CSV = sharedDataset('german_credit.csv');
export const TARGET = 'creditability';

/** The raw German credit table (target included) and its 0/1 target. */
export async function germanCredit(): Promise<{ table: Table; y: Uint8Array }> {
  const table = await readCsv(CSV);
  return { table, y: binaryTarget(table, TARGET, 'bad') };
}

/** Raw columns of a table without the target. */
export function rawColumns(table: Table): RawColumn[] {
  return table.columns
    .filter((c) => c.name !== TARGET)
    .map((c) => ({ name: c.name, type: c.type === 'categorical' ? 'categorical' : 'numeric' }));
}

/** A copy where every 7th numeric cell and every 11th text cell (shifted per column) is missing, and one text value is unseen. */
export function withGaps(table: Table): Table {
  return {
    rowCount: table.rowCount,
    columns: table.columns.map((c, j) => {
      if (c.name === TARGET) return c;
      if (c.type !== 'categorical') {
        const values = c.values.map((v, i) => ((i + j) % 7 === 0 ? NaN : v));
        return { ...c, values };
      }
      const levels = [...c.levels, 'never seen in training'];
      const codes = c.codes.map((k, i) =>
        (i + j) % 11 === 0 ? -1 : (i + j) % 13 === 0 ? levels.length - 1 : k,
      );
      return { ...c, codes, levels };
    }),
  };
}

/** Impute (with indicators for numbers) → standardize → one-hot, fitted on `train` without the target. */
export function oneHotPipeline(train: Table): FittedTransform[] {
  let t = dropColumns(train, [TARGET]);
  const names = t.columns.map((c) => c.name);
  const impute = fitImpute(t, { columns: names, categorical: 'mode' });
  impute.columns = impute.columns.map((c) => ({
    ...c,
    indicator: c.type === 'numeric' && c.name.startsWith('age'),
  }));
  t = applyPipeline([impute], t);
  const standardize = fitStandardize(t, { exclude: ['age_in_years_missing'] });
  t = applyPipeline([standardize], t);
  return [impute, standardize, fitOneHot(t)];
}

/** WOE binning of every characteristic (numeric with one special value), the scorecard path. */
export function woePipeline(train: Table): FittedTransform[] {
  return [fitWoe(train, { target: TARGET, badValue: 'bad', specialValues: { duration_in_month: [24] } })];
}

/** Feature matrix (float32, row-major) of the transformed table: every column but the target. */
export function features(table: Table): { X: Float32Array; names: string[] } {
  const names = table.columns.map((c) => c.name).filter((n) => n !== TARGET);
  const X = new Float32Array(table.rowCount * names.length);
  names.forEach((n, j) => {
    const c = getColumn(table, n);
    if (c.type === 'categorical') throw new TypeError(`feature ${n} is text`);
    for (let i = 0; i < table.rowCount; i++) X[i * names.length + j] = c.values[i]!;
  });
  return { X, names };
}

/** Trains a model on the transformed table with the engine. */
export async function trainModel(
  spec: (inputs: number) => ModelSpec,
  X: Float32Array,
  y: Uint8Array,
  rows: number,
): Promise<Model> {
  const inputs = X.length / rows;
  const model = createModel(spec(inputs));
  await model.train(
    X,
    y,
    rows,
    spec(inputs).kind === 'mlp' ? { epochs: 15, batchSize: 64, lr: 0.01, seed: 7 } : {},
  );
  return model;
}

/** ONNX Runtime feeds: one `[N, 1]` tensor per raw column (float32 with NaN, or strings with "" for missing). */
export function rawFeeds(
  table: Table,
  columns: readonly RawColumn[],
): Record<string, Float32Array | string[]> {
  const out: Record<string, Float32Array | string[]> = {};
  for (const { name } of columns) {
    const c = getColumn(table, name);
    out[name] =
      c.type === 'categorical'
        ? Array.from(c.codes, (k) => (k < 0 ? '' : c.levels[k]!))
        : Float32Array.from(c.values);
  }
  return out;
}
