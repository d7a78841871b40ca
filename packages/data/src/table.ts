import { UserError } from '@studio/ir';
import { checkKernels } from './check-kernels';

/** A numeric-valued column: numbers, booleans as 0/1, or dates as epoch milliseconds; NaN marks missing. */
export interface NumericColumn {
  name: string;
  type: 'numeric' | 'boolean' | 'date';
  values: Float64Array;
}

/** A dictionary-encoded text column: `levels[codes[i]]`, code -1 marks missing. */
export interface CategoricalColumn {
  name: string;
  type: 'categorical';
  codes: Int32Array;
  levels: string[];
}

/** One column of a Table. */
export type Column = NumericColumn | CategoricalColumn;

/** A columnar, immutable-by-convention table. */
export interface Table {
  rowCount: number;
  columns: Column[];
}

/** One cell as seen by per-row scoring: number, category text, or null for missing. */
export type CellValue = number | string | boolean | null | undefined;

/** One record for per-row scoring, keyed by column name. */
export type Row = Record<string, CellValue>;

/** The column named `name`; throws a user error listing close alternatives when absent. */
export function getColumn(table: Table, name: string): Column {
  const col = table.columns.find((c) => c.name === name);
  if (col) return col;
  throw new UserError(
    'COLUMN_NOT_FOUND',
    `There is no column "${name}". Pick one of: ${table.columns
      .map((c) => c.name)
      .slice(0, 30)
      .join(', ')}.`,
    { name },
  );
}

/** A table with the rows at `index` (in that order). */
export function takeRows(table: Table, index: ArrayLike<number>): Table {
  const n = index.length;
  const kernels = checkKernels();
  if (kernels && index instanceof Int32Array) {
    // One buffer for every column of the side, each at a 64-byte-aligned offset (see `gatherColumns`).
    const buffer = kernels.gatherColumns(
      table.columns.map((c) => (c.type === 'categorical' ? c.codes : c.values)),
      index,
    );
    let at = 0;
    const columns = table.columns.map((c): Column => {
      const from = at;
      at += Math.ceil((n * (c.type === 'categorical' ? 4 : 8)) / 64) * 64;
      return c.type === 'categorical'
        ? { ...c, codes: new Int32Array(buffer, from, n) }
        : { ...c, values: new Float64Array(buffer, from, n) };
    });
    return { rowCount: n, columns };
  }
  const columns = table.columns.map((c): Column => {
    if (c.type === 'categorical') {
      const from = c.codes;
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = from[index[i]!]!;
      return { ...c, codes };
    }
    const from = c.values;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = from[index[i]!]!;
    return { ...c, values };
  });
  return { rowCount: n, columns };
}

/** The outcomes (or any bytes) at `index`, in that order. */
export function takeBytes(from: Uint8Array, index: Int32Array): Uint8Array {
  const out = new Uint8Array(index.length);
  const kernels = checkKernels();
  if (kernels) kernels.gatherRows(from, index, out);
  else for (let i = 0; i < index.length; i++) out[i] = from[index[i]!]!;
  return out;
}

/** Row `i` as a record (categories as text, missing as null), the input shape of per-row scoring. */
export function tableRow(table: Table, i: number): Row {
  const row: Row = {};
  for (const c of table.columns) {
    if (c.type === 'categorical') {
      const code = c.codes[i]!;
      row[c.name] = code < 0 ? null : c.levels[code]!;
    } else {
      const v = c.values[i]!;
      row[c.name] = Number.isNaN(v) ? null : v;
    }
  }
  return row;
}

/** A table with `replaced` columns swapped in by name (others kept in place) and new ones appended. */
export function withColumns(table: Table, columns: Column[]): Table {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const out = table.columns.map((c) => byName.get(c.name) ?? c);
  const existing = new Set(table.columns.map((c) => c.name));
  for (const c of columns) if (!existing.has(c.name)) out.push(c);
  return { rowCount: table.rowCount, columns: out };
}

/** A table without the named columns. */
export function dropColumns(table: Table, names: readonly string[]): Table {
  const drop = new Set(names);
  return { rowCount: table.rowCount, columns: table.columns.filter((c) => !drop.has(c.name)) };
}
