import { UnexpectedError, UserError } from '@studio/ir';
import { quantiles } from '../profile/quantiles';
import { withColumns, type Column, type Row, type Table } from '../table';
import { cellCategory, cellNumber, type Cells, type SlotOf } from './cells';
import { columnKernels } from './column-kernels';
import {
  assertFittedVersion,
  categoricalColumn,
  countCodes,
  numericColumn,
  pickColumns,
} from './fitted-common';

/** How to fill missing cells. */
export interface ImputeParams {
  /** Columns to impute; default: every column that has missing values in the fitting table. */
  columns?: string[];
  /** Fill for numeric columns (default median). */
  numeric?: 'median' | 'mean' | 'constant';
  /** Fill for text columns: the most frequent category or a constant (default constant). */
  categorical?: 'mode' | 'constant';
  /** The constant for numeric columns with strategy "constant" (default 0). */
  numericConstant?: number;
  /** The constant for text columns with strategy "constant" (default "(missing)"). */
  categoricalConstant?: string;
  /** Add a 0/1 column `<name>_missing` marking rows that were filled. */
  indicator?: boolean;
}

/** The fill learned for one column. */
export type ImputeColumn =
  | { name: string; type: 'numeric'; fill: number; indicator: boolean }
  | { name: string; type: 'categorical'; fill: string; indicator: boolean };

/** Fitted imputation: JSON-serialisable, versioned. */
export interface FittedImpute {
  kind: 'impute';
  version: 1;
  columns: ImputeColumn[];
}

function hasMissing(c: Column): boolean {
  if (c.type === 'categorical') return c.codes.includes(-1);
  const kernels = columnKernels();
  if (kernels) return kernels.countNaN(c.values) > 0;
  const v = c.values;
  for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) return true;
  return false;
}

/** The non-missing values of `values`, in order (a tight loop: TypedArray#filter with a callback is slow). */
function presentValues(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  if (n === values.length) return values;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) out[k++] = v;
  }
  return out;
}

/** A standardisation's (v − mean) / scale of one column, with a finite mean and a finite scale > 0. */
export interface Scaling {
  mean: number;
  scale: number;
}

function numericFill(
  c: Column & { values: Float64Array },
  p: ImputeParams,
  scaling: Scaling | undefined,
  scratch: () => Float64Array,
): number {
  const strategy = p.numeric ?? 'median';
  if (scaling && strategy !== 'median')
    throw new UnexpectedError('PIPELINE_INVARIANT', 'only a median fill is fitted on scaled values');
  if (strategy === 'constant') return p.numericConstant ?? 0;
  const kernels = strategy === 'median' ? columnKernels() : null;
  if (kernels) {
    // The native pass: the same order statistics, map and interpolation as `quantiles` below, NaN skipped.
    if (scaling && !(Number.isFinite(scaling.mean) && Number.isFinite(scaling.scale) && scaling.scale > 0)) {
      if (!hasPresent(c.values)) throw allMissing(c.name, strategy);
      throw new UnexpectedError('PIPELINE_INVARIANT', 'a scaled median needs a finite mean and scale > 0');
    }
    const { present, median } = kernels.median(c.values, scaling);
    if (present === 0) throw allMissing(c.name, strategy);
    return median;
  }
  const present = presentValues(c.values);
  if (present.length === 0) throw allMissing(c.name, strategy);
  if (strategy === 'mean') {
    let sum = 0;
    for (let i = 0; i < present.length; i++) sum += present[i]!;
    return sum / present.length;
  }
  if (!scaling) return quantiles(present, [0.5], undefined, { scratch })[0]!;
  const { mean, scale } = scaling;
  if (!(Number.isFinite(mean) && Number.isFinite(scale) && scale > 0))
    throw new UnexpectedError('PIPELINE_INVARIANT', 'a scaled median needs a finite mean and scale > 0');
  return quantiles(present, [0.5], undefined, { map: (v) => (v - mean) / scale, scratch })[0]!;
}

function allMissing(column: string, strategy: string): UserError {
  return new UserError(
    'IMPUTE_ALL_MISSING',
    `Column "${column}" has no values to take a ${strategy} from. Remove the column or impute it with a constant.`,
    { column },
  );
}

function hasPresent(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) return true;
  return false;
}

function categoricalFill(c: Column & { codes: Int32Array; levels: string[] }, p: ImputeParams): string {
  if ((p.categorical ?? 'constant') === 'constant') return p.categoricalConstant ?? '(missing)';
  const counts = new Float64Array(c.levels.length);
  countCodes(c.codes, counts);
  let best = -1;
  for (let k = 0; k < counts.length; k++)
    if (counts[k]! > 0 && (best < 0 || counts[k]! > counts[best]!)) best = k;
  return best < 0 ? (p.categoricalConstant ?? '(missing)') : c.levels[best]!;
}

/**
 * Learns fill values (median/mean/constant for numbers, mode/constant for text) from `table`. The median fills
 * of the columns in `scaled` are learned as if they were standardised first, without a standardised copy: for a
 * finite mean and a finite scale > 0, (v − mean) / scale is monotone (IEEE subtraction and division round
 * monotonically), so the middle order statistics of the scaled values are the scaled middle order statistics,
 * and interpolating between those gives the same double as the median of a scaled copy.
 */
export function fitImpute(
  table: Table,
  params: ImputeParams = {},
  scaled: ReadonlyMap<string, Scaling> = new Map(),
): FittedImpute {
  const indicator = params.indicator ?? false;
  // One selection buffer for every column's median (fresh memory per column costs page faults, not copies).
  let buffer: Float64Array | null = null;
  const scratch = () => (buffer ??= new Float64Array(table.rowCount));
  const columns = pickColumns(table, params.columns, hasMissing).map((c): ImputeColumn =>
    c.type === 'categorical'
      ? { name: c.name, type: 'categorical', fill: categoricalFill(c, params), indicator }
      : {
          name: c.name,
          type: 'numeric',
          fill: numericFill(c, params, scaled.get(c.name), scratch),
          indicator,
        },
  );
  return { kind: 'impute', version: 1, columns };
}

/** Fills missing cells of `table` with the fitted values (and adds indicator columns where fitted). */
export function applyImpute(f: FittedImpute, table: Table): Table {
  assertFittedVersion(f, 'impute', 1);
  const out: Column[] = [];
  const kernels = columnKernels();
  for (const spec of f.columns) {
    const flag = spec.indicator ? new Float64Array(table.rowCount) : null;
    if (spec.type === 'numeric' && kernels) {
      // The native passes of the loops below: the same gaps, fills and flags.
      const c = numericColumn(table, spec.name, 'Imputation');
      if (kernels.countNaN(c.values) > 0) {
        const filled = kernels.newColumn(c.values.length);
        kernels.fillGaps(c.values, spec.fill, filled, flag);
        out.push({ ...c, values: filled });
      } else out.push(c);
    } else if (spec.type === 'numeric') {
      const c = numericColumn(table, spec.name, 'Imputation');
      // The rule of `imputeNumber` (which the per-row path uses), inlined: a gap (NaN) takes the fill. A column
      // without gaps is passed on as it is (tables are immutable by convention), so nothing is copied for it.
      const values = c.values;
      const fill = spec.fill;
      let gaps = 0;
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== values[i]) {
          if (flag) flag[i] = 1;
          gaps++;
        }
      }
      if (gaps > 0) {
        const filled = new Float64Array(values.length);
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          filled[i] = v === v ? v : fill;
        }
        out.push({ ...c, values: filled });
      } else out.push(c);
    } else {
      const c = categoricalColumn(table, spec.name);
      const known = c.levels.indexOf(spec.fill);
      const levels = known >= 0 ? c.levels : [...c.levels, spec.fill];
      const fillCode = known >= 0 ? known : c.levels.length;
      // `imputeCategory`'s rule inlined: a missing code (< 0) takes the fill's code.
      const codes = new Int32Array(table.rowCount);
      for (let i = 0; i < codes.length; i++) {
        const k = c.codes[i]!;
        codes[i] = k < 0 ? fillCode : k;
        if (flag && k < 0) flag[i] = 1;
      }
      out.push({ ...c, codes, levels });
    }
    if (flag) out.push({ name: `${spec.name}_missing`, type: 'numeric', values: flag });
  }
  return withColumns(table, out);
}

/** Per-row twin of `applyImpute`, built from the same cell rules. */
export function applyImputeRow(f: FittedImpute, row: Row): Row {
  assertFittedVersion(f, 'impute', 1);
  const out: Row = { ...row };
  for (const spec of f.columns) {
    const r =
      spec.type === 'numeric'
        ? imputeNumber(spec.fill, cellNumber(row[spec.name]))
        : imputeCategory(spec.fill, cellCategory(row[spec.name]));
    out[spec.name] = r.value;
    if (spec.indicator) out[`${spec.name}_missing`] = r.missing;
  }
  return out;
}

/**
 * `applyImputeRow` compiled for one fitted step, in place on a record's `Cells` (slots from `slot`): every
 * input is read before anything is written, so the cells end as `applyImputeRow`'s copy would be.
 */
export function compileImputeRow(f: FittedImpute, slot: SlotOf): (cells: Cells) => void {
  assertFittedVersion(f, 'impute', 1);
  const specs = f.columns.map((s) => ({
    numeric: s.type === 'numeric',
    fill: s.fill,
    at: slot(s.name),
    flag: s.indicator ? slot(`${s.name}_missing`) : -1,
  }));
  const values: (number | string)[] = new Array<number | string>(specs.length);
  const missing = new Float64Array(specs.length);
  return (cells) => {
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      if (spec.numeric) {
        const v = cellNumber(cells[spec.at]);
        const gap = Number.isNaN(v);
        values[i] = gap ? (spec.fill as number) : v;
        missing[i] = gap ? 1 : 0;
      } else {
        const v = cellCategory(cells[spec.at]);
        values[i] = v === null ? (spec.fill as string) : v;
        missing[i] = v === null ? 1 : 0;
      }
    }
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      cells[spec.at] = values[i]!;
      if (spec.flag >= 0) cells[spec.flag] = missing[i]!;
    }
  };
}

function imputeNumber(fill: number, v: number): { value: number; missing: number } {
  return Number.isNaN(v) ? { value: fill, missing: 1 } : { value: v, missing: 0 };
}

function imputeCategory(fill: string, v: string | null): { value: string; missing: number } {
  return v === null ? { value: fill, missing: 1 } : { value: v, missing: 0 };
}
