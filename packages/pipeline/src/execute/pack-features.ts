import {
  indicatorCodes,
  oneHotName,
  unseenCategoryWarning,
  type DataWarning,
  type FittedTransform,
  type Table,
} from '@studio/data';
import { UnexpectedError, type UserError } from '@studio/ir';
import type { RunWarning } from '../run-types';
import { applySteps, pinWarnings } from './apply-steps';
import type { FittedStep } from './fit-transforms';
import { PACK_BLOCK_ROWS, featureMatrix, featureMissing } from './model-input';
import './native-kernels';
import { packKernel, type PackSource } from './pack-kernel';

/** One column-local numeric operation of a fused tail: a fill of gaps, (x − mean) / scale, or the 0/1 mark of a gap. */
type ColumnOp = { fill: number } | { mean: number; scale: number } | { flag: true };

/**
 * A column as the fused steps leave it, as a function of one column of the last materialised table: numeric
 * values through `ops`; a number per category code (`byCode[code + 1]`, a gap's code −1 first: one-hot
 * indicators, a text column's missing mark, and whatever numeric steps follow them, folded in); or a text
 * column's category per code (`labels[code + 1]`, null for a gap; a text imputation relabels the gap).
 */
type Derived =
  | { kind: 'values'; values: Float64Array; ops: readonly ColumnOp[] }
  | { kind: 'coded'; codes: Int32Array; byCode: Float64Array }
  | { kind: 'text'; codes: Int32Array; labels: readonly (string | null)[] };

function applyOp(op: ColumnOp, v: number): number {
  if ('fill' in op) return v !== v ? op.fill : v;
  if ('flag' in op) return v !== v ? 1 : 0;
  return (v - op.mean) / op.scale;
}

/** `d` with a numeric operation added: appended to a numeric column's list, folded into a coded column's values. */
function withOp(d: Derived & { kind: 'values' | 'coded' }, op: ColumnOp): Derived {
  return d.kind === 'values'
    ? { ...d, ops: [...d.ops, op] }
    : { ...d, byCode: d.byCode.map((v) => applyOp(op, v)) };
}

/**
 * `featureMatrix(applySteps(steps, table), features)` without the intermediate tables of the trailing
 * imputation, one-hot and standardisation steps: those are followed column by column (`Derived`) and applied
 * while packing, one pass per feature from the last materialised column straight into the row-major float32
 * matrix (a one-hot indicator from the category codes). Each cell goes through the same double arithmetic in the
 * same order as the table path (fill if NaN, then (x − mean) / scale, …), so the matrix is identical, and so are
 * the unseen-category warnings; anything the fused path does not model (a missing column, text where numbers are
 * needed: the table path's errors) takes the table path. With the native pack registered (./pack-kernel.ts) the
 * usual tails run natively, into a matrix on huge-page memory: the same bytes (pack-kernel.test.ts).
 */
export function packFeatures(
  steps: readonly FittedStep[],
  table: Table,
  features: readonly string[],
  warnings: RunWarning[],
  allowMissing = false,
): Float32Array {
  let cut = steps.length;
  while (cut > 0 && steps[cut - 1]!.fitted.kind !== 'woe') cut--;
  const head = applySteps(steps.slice(0, cut), table, warnings);
  const tail = steps.slice(cut);
  const found: RunWarning[] = [];
  const derived = deriveColumns(tail, head, found);
  const cols = derived && features.map((name) => derived.get(name));
  // The table path reports a missing column, or text left for the model, with its own error.
  if (!cols || !cols.every((d) => d !== undefined && d.kind !== 'text'))
    return featureMatrix(applySteps(tail, head, warnings), features, allowMissing);
  warnings.push(...found);
  const numeric = cols as (Derived & { kind: 'values' | 'coded' })[];
  const rows = head.rowCount;
  const width = features.length;
  const kernel = packKernel();
  const X = kernel ? kernel.matrix(rows * width) : new Float32Array(rows * width);
  const sources = kernel && packSources(numeric);
  if (kernel && sources) {
    if (kernel.pack(X, rows, sources, PACK_BLOCK_ROWS) && !allowMissing)
      throw firstGapAfter(features, numeric);
    return X;
  }
  // Blocks of rows (see PACK_BLOCK_ROWS): each feature writes its stride into a block that stays in cache.
  for (let r0 = 0; r0 < rows; r0 += PACK_BLOCK_ROWS) {
    const r1 = Math.min(rows, r0 + PACK_BLOCK_ROWS);
    let gap = false;
    for (let j = 0; j < width; j++) {
      const d = numeric[j]!;
      const left =
        d.kind === 'coded'
          ? packCoded(X, d.codes, d.byCode, j, width, r0, r1)
          : packColumn(X, d.values, d.ops, j, width, r0, r1);
      if (left) gap = true;
    }
    if (gap && !allowMissing) throw firstGapAfter(features, numeric);
  }
  return X;
}

/**
 * The columns of `head` after `tail`, each as a `Derived`, with the steps' warnings (pinned to their nodes, in
 * the table path's order) added to `found`; null where a step meets what only the table path models (a column it
 * does not have, text where it needs numbers or numbers where it needs text, a WOE step).
 */
function deriveColumns(
  tail: readonly FittedStep[],
  head: Table,
  found: RunWarning[],
): Map<string, Derived> | null {
  let cols = new Map<string, Derived>();
  for (const c of head.columns) {
    // A one-hot indicator of the training table is read from its codes, never materialised.
    const coded = indicatorCodes(c);
    cols.set(
      c.name,
      c.type === 'categorical'
        ? { kind: 'text', codes: c.codes, labels: [null, ...c.levels] }
        : coded
          ? { kind: 'coded', codes: coded.codes, byCode: coded.byCode }
          : { kind: 'values', values: c.values, ops: [] },
    );
  }
  for (const step of tail) {
    const stepWarnings: DataWarning[] = [];
    const next = deriveStep(step.fitted, cols, stepWarnings);
    if (!next) return null;
    found.push(...pinWarnings(stepWarnings, step.nodeId));
    cols = next;
  }
  return cols;
}

/** One step over derived columns: every input read from `before` (as the table path reads its input table). */
function deriveStep(
  f: FittedTransform,
  before: ReadonlyMap<string, Derived>,
  warnings: DataWarning[],
): Map<string, Derived> | null {
  const after = new Map(before);
  switch (f.kind) {
    case 'woe':
      return null;
    case 'standardize':
      for (const spec of f.columns) {
        const d = before.get(spec.name);
        if (!d || d.kind === 'text') return null;
        after.set(spec.name, withOp(d, { mean: spec.mean, scale: spec.scale }));
      }
      return after;
    case 'impute':
      for (const spec of f.columns) {
        const d = before.get(spec.name);
        if (!d || (spec.type === 'numeric') !== (d.kind !== 'text')) return null;
        if (d.kind === 'text') {
          const fill = spec.fill as string;
          after.set(spec.name, { ...d, labels: d.labels.map((l) => l ?? fill) });
          if (spec.indicator)
            after.set(`${spec.name}_missing`, {
              kind: 'coded',
              codes: d.codes,
              byCode: Float64Array.from(d.labels, (l) => (l === null ? 1 : 0)),
            });
        } else {
          after.set(spec.name, withOp(d, { fill: spec.fill as number }));
          if (spec.indicator) after.set(`${spec.name}_missing`, withOp(d, { flag: true }));
        }
      }
      return after;
    case 'one-hot': {
      const added: [string, Derived][] = [];
      for (const spec of f.columns) {
        const d = before.get(spec.name);
        if (!d || d.kind !== 'text') return null;
        const index = new Map(spec.categories.map((v, k) => [v, k]));
        // The slot of each code's category: −1 for a gap, −2 for a category not seen in training.
        const slots = d.labels.map((l) => (l === null ? -1 : (index.get(l) ?? -2)));
        const unseen = unseenRows(d.codes, slots);
        if (unseen > 0) warnings.push(unseenCategoryWarning(spec.name, unseen));
        spec.categories.forEach((v, k) =>
          added.push([
            oneHotName(spec.name, v),
            { kind: 'coded', codes: d.codes, byCode: Float64Array.from(slots, (s) => (s === k ? 1 : 0)) },
          ]),
        );
      }
      for (const spec of f.columns) after.delete(spec.name);
      for (const [name, d] of added) after.set(name, d);
      return after;
    }
  }
}

/** How many rows have a code whose slot is −2 (unseen); no pass over the rows when no code is unseen. */
function unseenRows(codes: Int32Array, slots: readonly number[]): number {
  if (!slots.includes(-2)) return 0;
  let n = 0;
  for (let i = 0; i < codes.length; i++) if (slots[codes[i]! + 1] === -2) n++;
  return n;
}

/** The value of one cell of a derived numeric column. */
function cellOf(d: Derived & { kind: 'values' | 'coded' }, i: number): number {
  if (d.kind === 'coded') return d.byCode[d.codes[i]! + 1]!;
  let v = d.values[i]!;
  for (const op of d.ops) v = applyOp(op, v);
  return v;
}

/** The gap a column-by-column pass meets first: the first feature (in order) left with one, at its first row. */
function firstGapAfter(
  features: readonly string[],
  cols: readonly (Derived & { kind: 'values' | 'coded' })[],
): UserError | UnexpectedError {
  for (let j = 0; j < cols.length; j++) {
    const d = cols[j]!;
    const rows = d.kind === 'coded' ? d.codes.length : d.values.length;
    for (let i = 0; i < rows; i++) {
      const v = cellOf(d, i);
      if (v !== v) return featureMissing(features[j]!, i);
    }
  }
  return new UnexpectedError('PIPELINE_INVARIANT', 'a gap was seen while packing but none is left');
}

/** Writes rows [r0, r1) of a coded feature (one-hot indicator, missing mark): its value looked up by code. */
function packCoded(
  X: Float32Array,
  codes: Int32Array,
  byCode: Float64Array,
  j: number,
  width: number,
  r0: number,
  r1: number,
): boolean {
  let gap = false;
  for (let i = r0, o = r0 * width + j; i < r1; i++, o += width) {
    const v = byCode[codes[i]! + 1]!;
    if (v !== v) gap = true;
    X[o] = v;
  }
  return gap;
}

/**
 * A numeric column's ops as the specialised tail of `packColumn` (fill, (x − mean) / scale, fill: each
 * optional, in that order), or null for any other list. An absent fill is NaN (filling a gap with NaN leaves
 * it), an absent standardisation mean 0 and scale 1 ((v − 0) / 1 is v, a −0 and a NaN included).
 */
function specialised(
  list: readonly ColumnOp[],
): { fillA: number; mean: number; scale: number; fillB: number } | null {
  let k = 0;
  let fillA = NaN;
  let fillB = NaN;
  let mean = 0;
  let scale = 1;
  const a = list[k];
  if (a && 'fill' in a) {
    fillA = a.fill;
    k++;
  }
  const b = list[k];
  if (b && 'scale' in b) {
    mean = b.mean;
    scale = b.scale;
    k++;
  }
  const c = list[k];
  if (c && 'fill' in c) {
    fillB = c.fill;
    k++;
  }
  return k === list.length ? { fillA, mean, scale, fillB } : null;
}

/** The features as the native pack reads them, or null when one has ops outside its specialised tail. */
function packSources(cols: readonly (Derived & { kind: 'values' | 'coded' })[]): PackSource[] | null {
  const out: PackSource[] = [];
  for (const d of cols) {
    if (d.kind === 'coded') {
      out.push({ codes: d.codes, byCode: d.byCode });
      continue;
    }
    const ops = specialised(d.ops);
    if (!ops) return null;
    out.push({ values: d.values, ...ops });
  }
  return out;
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
  const tail = specialised(list);
  if (tail) {
    const { fillA, mean, scale, fillB } = tail;
    const hasA = fillA === fillA;
    const hasB = fillB === fillB;
    // Without a standardisation its mean is 0 and scale 1: (v − 0) / 1 is v, so the loop skips it.
    const scaled = !(Object.is(mean, 0) && scale === 1);
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
    for (const op of list) v = applyOp(op, v);
    if (v !== v) gap = true;
    X[o] = v;
  }
  return gap;
}
