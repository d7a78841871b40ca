import { withColumns, type Row, type Table } from '../table';
import { cellNumber, type Cells, type SlotOf } from './cells';
import { columnKernels } from './column-kernels';
import { assertFittedVersion, numericColumn, pickColumns } from './fitted-common';
import { indicatorCodes, type IndicatorCodes } from './one-hot';

/** Which numeric columns to centre and scale. */
export interface StandardizeParams {
  /** Columns to scale; default every numeric column except `exclude`. */
  columns?: string[];
  exclude?: string[];
}

/** Fitted standardisation: mean and population standard deviation per column (as scikit-learn's StandardScaler). */
export interface FittedStandardize {
  kind: 'standardize';
  version: 1;
  columns: { name: string; mean: number; scale: number }[];
}

/** Learns mean and standard deviation (missing cells ignored; a constant column gets scale 1). */
export function fitStandardize(table: Table, params: StandardizeParams = {}): FittedStandardize {
  const cols = pickColumns(table, params.columns, (c) => c.type === 'numeric', params.exclude);
  return {
    kind: 'standardize',
    version: 1,
    columns: cols.map((col) => {
      const c = numericColumn(table, col.name, 'Standardisation');
      const codes = indicatorCodes(c);
      const { mean, std } = codes ? indicatorMeanAndStd(table.rowCount, codes) : meanAndStd(c.values);
      return { name: c.name, mean, scale: std > 0 ? std : 1 };
    }),
  };
}

/**
 * Mean and population standard deviation of the non-missing values in one pass: sums of the values shifted by
 * the first present one (the shifted-data algorithm keeps the precision of two passes for data whose spread
 * is small against its magnitude), missing (NaN) skipped.
 */
function meanAndStd(values: Float64Array): { mean: number; std: number } {
  const kernels = columnKernels();
  if (kernels) return kernels.meanStd(values);
  let shift = NaN;
  let i = 0;
  for (; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) {
      shift = v;
      break;
    }
  }
  if (shift !== shift) return { mean: 0, std: 0 };
  let n = 0;
  let s = 0;
  let ss = 0;
  for (; i < values.length; i++) {
    const d = values[i]! - shift;
    if (d !== d) continue;
    n++;
    s += d;
    ss += d * d;
  }
  return fromShiftedSums(shift, n, s, ss);
}

function fromShiftedSums(shift: number, n: number, s: number, ss: number): { mean: number; std: number } {
  const m = s / n;
  const variance = ss / n - m * m;
  return { mean: shift + m, std: variance > 0 ? Math.sqrt(variance) : 0 };
}

/**
 * `meanAndStd` of a one-hot indicator (`n` values, each 0 or 1, none missing) from its counts: every shifted
 * value d is −1, 0 or 1, so the sums of its pass are exact integers, s = ones − n·first and
 * ss = #(values ≠ first); the same sums, so the same doubles, without reading the column.
 */
function indicatorMeanAndStd(n: number, { ones, first }: IndicatorCodes): { mean: number; std: number } {
  if (n === 0) return { mean: 0, std: 0 };
  return fromShiftedSums(first, n, ones - n * first, first === 0 ? ones : n - ones);
}

/**
 * `applyStandardizeRow` compiled for one fitted step, in place on a record's `Cells` (slots from `slot`;
 * inputs read first, then written).
 */
export function compileStandardizeRow(f: FittedStandardize, slot: SlotOf): (cells: Cells) => void {
  assertFittedVersion(f, 'standardize', 1);
  const specs = f.columns;
  const at = Int32Array.from(specs, (s) => slot(s.name));
  const values = new Float64Array(specs.length);
  return (cells) => {
    for (let i = 0; i < specs.length; i++) values[i] = scaled(specs[i]!, cellNumber(cells[at[i]!]));
    for (let i = 0; i < specs.length; i++) {
      const v = values[i]!;
      cells[at[i]!] = Number.isNaN(v) ? null : v;
    }
  };
}

function scaled(spec: { mean: number; scale: number }, v: number): number {
  return (v - spec.mean) / spec.scale;
}

/** (x − mean) / scale for each fitted column; missing stays NaN. */
export function applyStandardize(f: FittedStandardize, table: Table): Table {
  assertFittedVersion(f, 'standardize', 1);
  return withColumns(
    table,
    f.columns.map((spec) => {
      const c = numericColumn(table, spec.name, 'Standardisation');
      // `scaled` inlined as a tight loop (the per-row path calls it): the same arithmetic, so the same doubles.
      const { mean, scale } = spec;
      const from = c.values;
      const values = new Float64Array(from.length);
      for (let i = 0; i < from.length; i++) values[i] = (from[i]! - mean) / scale;
      return { ...c, type: 'numeric' as const, values };
    }),
  );
}

/** Per-row twin of `applyStandardize`. */
export function applyStandardizeRow(f: FittedStandardize, row: Row): Row {
  assertFittedVersion(f, 'standardize', 1);
  const out: Row = { ...row };
  for (const spec of f.columns) {
    const v = scaled(spec, cellNumber(row[spec.name]));
    out[spec.name] = Number.isNaN(v) ? null : v;
  }
  return out;
}
