import { withColumns, type Row, type Table } from '../table';
import { cellNumber } from './cells';
import { assertFittedVersion, numericColumn, pickColumns } from './fitted-common';

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
      let n = 0;
      let sum = 0;
      for (const v of c.values) {
        if (Number.isNaN(v)) continue;
        n++;
        sum += v;
      }
      const mean = n > 0 ? sum / n : 0;
      let ss = 0;
      for (const v of c.values) if (!Number.isNaN(v)) ss += (v - mean) ** 2;
      const std = n > 0 ? Math.sqrt(ss / n) : 0;
      return { name: c.name, mean, scale: std > 0 ? std : 1 };
    }),
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
      return { ...c, type: 'numeric' as const, values: c.values.map((v) => scaled(spec, v)) };
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
