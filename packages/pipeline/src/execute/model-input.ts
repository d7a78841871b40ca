import { applyTransform, fitImpute, fitOneHot, getColumn, type DataWarning, type Table } from '@studio/data';
import { UserError } from '@studio/ir';
import type { FittedStep } from './fit-transforms';

/** The fitted steps a model needs beyond the graph's own, and the feature columns it reads, in order. */
export interface ModelInput {
  implicit: FittedStep[];
  table: Table;
  features: string[];
  notes: string[];
}

/**
 * Readies a transformed training table for the engine, which reads numbers only: text columns left over are
 * one-hot encoded and numeric gaps are filled with training medians, as fitted steps of the model node, so
 * scoring repeats them. `columns` (Encode's choice) narrows the features; empty means every column but the target.
 * Columns in `complete` never have gaps and are left as they are; with `fillGaps` false (boosted trees, which
 * learn where a missing value goes) no gap is filled.
 */
export function prepareModelInput(
  table: Table,
  target: string,
  columns: readonly string[],
  modelNodeId: string,
  warnings: DataWarning[],
  complete: ReadonlySet<string> = new Set(),
  fillGaps = true,
): ModelInput {
  const chosen =
    columns.length > 0 ? [...columns] : table.columns.map((c) => c.name).filter((n) => n !== target);
  for (const name of chosen) getColumn(table, name);
  const implicit: FittedStep[] = [];
  const notes: string[] = [];
  let t = table;
  const text = chosen.filter((n) => getColumn(t, n).type === 'categorical');
  if (text.length > 0) {
    const fitted = fitOneHot(t, { columns: text });
    implicit.push({ nodeId: modelNodeId, fitted });
    t = applyTransform(fitted, t, warnings);
    notes.push(`one-hot encoded the text columns ${text.join(', ')} for the model`);
  }
  // Every numeric feature gets a training median, so a gap in test rows or in a scored record is filled too;
  // `complete` columns (WOE values: a gap has its own bin) cannot have one.
  const numeric = fillGaps
    ? featureNames(t, chosen, text).filter((n) => getColumn(t, n).type !== 'categorical' && !complete.has(n))
    : [];
  const gaps = numeric.filter((n) => {
    const c = getColumn(t, n);
    return c.type !== 'categorical' && c.values.some(Number.isNaN);
  });
  if (numeric.length > 0) {
    const fitted = fitImpute(t, { columns: numeric, numeric: 'median' });
    implicit.push({ nodeId: modelNodeId, fitted });
    t = applyTransform(fitted, t, warnings);
  }
  if (gaps.length > 0) notes.push(`filled missing values of ${gaps.join(', ')} with their training medians`);
  return { implicit, table: t, features: featureNames(t, chosen, text), notes };
}

/** The chosen columns with each one-hot encoded text column replaced by its indicator columns. */
function featureNames(table: Table, chosen: readonly string[], text: readonly string[]): string[] {
  const encoded = new Set(text);
  return chosen.flatMap((n) =>
    encoded.has(n) ? table.columns.map((c) => c.name).filter((c) => c.startsWith(`${n}=`)) : [n],
  );
}

/** The feature matrix the engine reads: `rows × features` float32, row-major; NaN only with `allowMissing`. */
export function featureMatrix(table: Table, features: readonly string[], allowMissing = false): Float32Array {
  const X = new Float32Array(table.rowCount * features.length);
  features.forEach((name, j) => {
    const c = getColumn(table, name);
    if (c.type === 'categorical')
      throw new UserError(
        'FEATURE_NOT_NUMERIC',
        `Column "${name}" still holds text; encode it before the model.`,
        {
          column: name,
        },
      );
    for (let i = 0; i < table.rowCount; i++) {
      const v = c.values[i]!;
      if (Number.isNaN(v) && !allowMissing)
        throw new UserError(
          'FEATURE_MISSING',
          `Column "${name}" is missing at row ${i + 1} of this side; add an Impute node before the model.`,
          { column: name, row: i },
        );
      X[i * features.length + j] = v;
    }
  });
  return X;
}
