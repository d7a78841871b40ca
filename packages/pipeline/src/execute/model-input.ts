import {
  applyTransform,
  columnKernels,
  fitImpute,
  fitOneHot,
  getColumn,
  oneHotName,
  type DataWarning,
  type Scaling,
  type FittedTransform,
  type Table,
} from '@studio/data';
import { UnexpectedError, UserError } from '@studio/ir';
import type { FittedStep } from './fit-transforms';

/** The fitted steps a model needs beyond the graph's own, and the feature columns it reads, in order. */
export interface ModelInput {
  implicit: FittedStep[];
  /** The table with the implicit one-hot encoding applied; the median fill is left to packing (`unapplied`). */
  table: Table;
  /** The implicit steps not applied to `table` (the median fill): `packFeatures` fuses them into the matrix. */
  unapplied: FittedStep[];
  features: string[];
  notes: string[];
}

/**
 * Readies a transformed training table for the engine, which reads numbers only: text columns left over are
 * one-hot encoded and numeric gaps are filled with training medians, as fitted steps of the model node, so
 * scoring repeats them. `columns` (Encode's choice) narrows the features; empty means every column but the target.
 * Columns in `complete` never have gaps and are left as they are; with `fillGaps` false (boosted trees, which
 * learn where a missing value goes) no gap is filled. The columns in `scaled` are still to be standardised (a
 * trailing Standardize fused into packing): their fills are fitted as on the standardised values (`fitImpute`'s
 * `scaled`), and the fill is always left to packing, after that standardisation.
 */
export function prepareModelInput(
  table: Table,
  target: string,
  columns: readonly string[],
  modelNodeId: string,
  warnings: DataWarning[],
  complete: ReadonlySet<string> = new Set(),
  fillGaps = true,
  scaled: ReadonlyMap<string, Scaling> = new Map(),
): ModelInput {
  const chosen =
    columns.length > 0 ? [...columns] : table.columns.map((c) => c.name).filter((n) => n !== target);
  for (const name of chosen) getColumn(table, name);
  const implicit: FittedStep[] = [];
  const unapplied: FittedStep[] = [];
  const notes: string[] = [];
  let t = table;
  const text = chosen.filter((n) => getColumn(t, n).type === 'categorical');
  const whole = new Set(complete);
  if (text.length > 0) {
    const fitted = fitOneHot(t, { columns: text });
    implicit.push({ nodeId: modelNodeId, fitted });
    t = applyTransform(fitted, t, warnings);
    notes.push(`one-hot encoded the text columns ${text.join(', ')} for the model`);
    for (const name of completeColumns([fitted])) whole.add(name);
  }
  // Every numeric feature gets a training median, so a gap in test rows or in a scored record is filled too;
  // `complete` columns (see `completeColumns`) cannot have one; with `fillGaps` false nothing is filled.
  const numeric = fillGaps
    ? featureNames(t, chosen, text).filter((n) => getColumn(t, n).type !== 'categorical' && !whole.has(n))
    : [];
  const gaps = numeric.filter((n) => {
    const c = getColumn(t, n);
    return c.type !== 'categorical' && hasNaN(c.values);
  });
  if (numeric.length > 0) {
    const step = {
      nodeId: modelNodeId,
      fitted: fitImpute(t, { columns: numeric, numeric: 'median' }, scaled),
    };
    implicit.push(step);
    // Applied while packing (fused with the deferred standardisation, after it), not to a copy of the table.
    unapplied.push(step);
  }
  if (gaps.length > 0) notes.push(`filled missing values of ${gaps.join(', ')} with their training medians`);
  return { implicit, table: t, unapplied, features: featureNames(t, chosen, text), notes };
}

/**
 * The columns that fitted steps leave without gaps in every table and record they are applied to (so the model
 * needs no fill for them): WOE values (a gap has its own bin), one-hot indicators (0 or 1), columns a numeric
 * imputation filled and its missing indicators. Standardising keeps a column complete, so the order of steps
 * does not matter.
 */
export function completeColumns(steps: readonly FittedTransform[]): Set<string> {
  const out = new Set<string>();
  for (const f of steps) {
    if (f.kind === 'woe') for (const c of f.columns) out.add(c.name);
    else if (f.kind === 'one-hot')
      for (const c of f.columns) for (const v of c.categories) out.add(oneHotName(c.name, v));
    else if (f.kind === 'impute')
      for (const c of f.columns) {
        if (c.type === 'numeric' && !Number.isNaN(c.fill)) out.add(c.name);
        if (c.indicator) out.add(`${c.name}_missing`);
      }
  }
  return out;
}

/** The chosen columns with each one-hot encoded text column replaced by its indicator columns. */
function featureNames(table: Table, chosen: readonly string[], text: readonly string[]): string[] {
  const encoded = new Set(text);
  return chosen.flatMap((n) =>
    encoded.has(n) ? table.columns.map((c) => c.name).filter((c) => c.startsWith(`${n}=`)) : [n],
  );
}

function hasNaN(values: Float64Array): boolean {
  const kernels = columnKernels();
  if (kernels) return kernels.countNaN(values) > 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}

/** Rows packed per block: a block of the row-major matrix (≤ a few hundred KB) stays in cache while every
 * feature's column writes its stride into it, instead of each feature sweeping the whole matrix. */
export const PACK_BLOCK_ROWS = 2048;

/** The feature matrix the engine reads: `rows × features` float32, row-major; NaN only with `allowMissing`. */
export function featureMatrix(table: Table, features: readonly string[], allowMissing = false): Float32Array {
  const rows = table.rowCount;
  const width = features.length;
  const X = new Float32Array(rows * width);
  const columns = features.map((name) => {
    const c = getColumn(table, name);
    if (c.type === 'categorical')
      throw new UserError(
        'FEATURE_NOT_NUMERIC',
        `Column "${name}" still holds text; encode it before the model.`,
        {
          column: name,
        },
      );
    return c.values;
  });
  let gap = false;
  for (let r0 = 0; r0 < rows; r0 += PACK_BLOCK_ROWS) {
    const r1 = Math.min(rows, r0 + PACK_BLOCK_ROWS);
    for (let j = 0; j < width; j++) {
      const values = columns[j]!;
      for (let i = r0, o = r0 * width + j; i < r1; i++, o += width) {
        const v = values[i]!;
        if (v !== v) gap = true;
        X[o] = v;
      }
    }
    if (gap && !allowMissing) throw firstGap(features, columns);
  }
  return X;
}

/** The error of the first feature (in order) with a gap, at its first gap: what a column-by-column pass reports. */
export function firstGap(features: readonly string[], columns: readonly Float64Array[]): UserError {
  for (let j = 0; j < columns.length; j++) {
    const values = columns[j]!;
    for (let i = 0; i < values.length; i++)
      if (values[i] !== values[i]) return featureMissing(features[j]!, i);
  }
  throw new UnexpectedError('PIPELINE_INVARIANT', 'a gap was seen while packing but none is left');
}

export function featureMissing(column: string, row: number): UserError {
  return new UserError(
    'FEATURE_MISSING',
    `Column "${column}" is missing at row ${row + 1} of this side; add an Impute node before the model.`,
    { column, row },
  );
}
