import { getColumn, type Table } from '@studio/data';
import { UnexpectedError, type UserError } from '@studio/ir';
import type { RunWarning } from '../run-types';
import { applySteps } from './apply-steps';
import type { FittedStep } from './fit-transforms';
import { PACK_BLOCK_ROWS, featureMatrix, featureMissing } from './model-input';

/** One column-local numeric operation of a fused tail: a fill of gaps, or (x − mean) / scale. */
type ColumnOp = { fill: number } | { mean: number; scale: number };

/**
 * `featureMatrix(applySteps(steps, table), features)` without the intermediate tables of the trailing
 * column-local numeric steps (imputation of numeric columns without indicators, standardisation): those are
 * fused into the packing loop, one pass per feature from the last materialised column straight into the
 * row-major float32 matrix. Each cell goes through the same double arithmetic in the same order as the table
 * path (fill if NaN, then (x − mean) / scale, …), so the matrix is identical; anything the fused loop does not
 * model (text columns, missing columns: the table path's errors) takes the table path.
 */
export function packFeatures(
  steps: readonly FittedStep[],
  table: Table,
  features: readonly string[],
  warnings: RunWarning[],
  allowMissing = false,
): Float32Array {
  let cut = steps.length;
  while (cut > 0 && fusable(steps[cut - 1]!)) cut--;
  const head = applySteps(steps.slice(0, cut), table, warnings);
  const tail = steps.slice(cut);
  const ops = new Map<string, ColumnOp[]>();
  for (const step of tail) {
    const f = step.fitted;
    const specs =
      f.kind === 'standardize'
        ? f.columns.map((c) => ({ name: c.name, op: { mean: c.mean, scale: c.scale } }))
        : f.kind === 'impute'
          ? f.columns.map((c) => ({ name: c.name, op: { fill: c.fill as number } }))
          : [];
    for (const { name, op } of specs) {
      const c = head.columns.find((x) => x.name === name);
      // The table path reports a missing or text column with its own error.
      if (!c || c.type === 'categorical')
        return featureMatrix(applySteps(tail, head, warnings), features, allowMissing);
      const list = ops.get(name) ?? [];
      list.push(op);
      ops.set(name, list);
    }
  }
  const rows = head.rowCount;
  const width = features.length;
  const X = new Float32Array(rows * width);
  const cols: { values: Float64Array; list: readonly ColumnOp[] }[] = [];
  for (let j = 0; j < width; j++) {
    const name = features[j]!;
    const c = getColumn(head, name);
    // Text is refused as featureMatrix refuses it; a column the tail leaves alone is packed as it is.
    if (c.type === 'categorical')
      return featureMatrix({ rowCount: rows, columns: [c] }, [name], allowMissing);
    cols.push({ values: c.values, list: ops.get(name) ?? [] });
  }
  // Blocks of rows (see PACK_BLOCK_ROWS): each feature writes its stride into a block that stays in cache.
  for (let r0 = 0; r0 < rows; r0 += PACK_BLOCK_ROWS) {
    const r1 = Math.min(rows, r0 + PACK_BLOCK_ROWS);
    let gap = false;
    for (let j = 0; j < width; j++) {
      const { values, list } = cols[j]!;
      if (packColumn(X, values, list, j, width, r0, r1)) gap = true;
    }
    if (gap && !allowMissing) throw firstGapAfter(features, cols);
  }
  return X;
}

/** The gap a column-by-column pass meets first: the first feature (in order) left with one, at its first row. */
function firstGapAfter(
  features: readonly string[],
  cols: readonly { values: Float64Array; list: readonly ColumnOp[] }[],
): UserError | UnexpectedError {
  for (let j = 0; j < cols.length; j++) {
    const { values, list } = cols[j]!;
    for (let i = 0; i < values.length; i++) {
      let v = values[i]!;
      for (const op of list) {
        if ('fill' in op) {
          if (v !== v) v = op.fill;
        } else v = (v - op.mean) / op.scale;
      }
      if (v !== v) return featureMissing(features[j]!, i);
    }
  }
  return new UnexpectedError('PIPELINE_INVARIANT', 'a gap was seen while packing but none is left');
}

function fusable(step: FittedStep): boolean {
  const f = step.fitted;
  if (f.kind === 'standardize') return true;
  return f.kind === 'impute' && f.columns.every((c) => c.type === 'numeric' && !c.indicator);
}

/** Writes rows [r0, r1) of one feature: the ops applied in order to each cell; true when a gap is left at the end
 * (refused as featureMatrix refuses it unless missing values are allowed: boosted trees learn where a gap goes). */
function packColumn(
  X: Float32Array,
  values: Float64Array,
  list: readonly ColumnOp[],
  j: number,
  width: number,
  r0: number,
  r1: number,
): boolean {
  let gap = false;
  // The usual tails (impute → standardize, standardize → implicit median fill) as one specialised loop.
  let k = 0;
  let fillA = NaN;
  let fillB = NaN;
  let affine: { mean: number; scale: number } | null = null;
  const at = (i: number) => list[i];
  const a = at(k);
  if (a && 'fill' in a) {
    fillA = a.fill;
    k++;
  }
  const b = at(k);
  if (b && 'scale' in b) {
    affine = b;
    k++;
  }
  const c = at(k);
  if (c && 'fill' in c) {
    fillB = c.fill;
    k++;
  }
  if (k === list.length) {
    const hasA = fillA === fillA;
    const hasB = fillB === fillB;
    const mean = affine ? affine.mean : 0;
    const scale = affine ? affine.scale : 1;
    const scaled = affine !== null;
    for (let i = r0, o = r0 * width + j; i < r1; i++, o += width) {
      let v = values[i]!;
      if (hasA && v !== v) v = fillA;
      if (scaled) v = (v - mean) / scale;
      if (hasB && v !== v) v = fillB;
      if (v !== v) gap = true;
      X[o] = v;
    }
    return gap;
  }
  for (let i = r0, o = r0 * width + j; i < r1; i++, o += width) {
    let v = values[i]!;
    for (const op of list) {
      if ('fill' in op) {
        if (v !== v) v = op.fill;
      } else v = (v - op.mean) / op.scale;
    }
    if (v !== v) gap = true;
    X[o] = v;
  }
  return gap;
}
