import type { DataWarning } from '../checks/data-warning';
import { dropColumns, withColumns, type Column, type Row, type Table } from '../table';
import { cellCategory, type Cells, type SlotOf } from './cells';
import { columnKernels } from './column-kernels';
import { assertFittedVersion, categoricalColumn, countCodes, pickColumns } from './fitted-common';

/** Which text columns to expand into 0/1 indicator columns. */
export interface OneHotParams {
  /** Columns to encode; default every text column except `exclude`. */
  columns?: string[];
  /** Columns never to encode (the target, IDs). */
  exclude?: string[];
  /** Keep at most this many most frequent categories per column (default 50); rarer ones count as unseen. */
  maxCategories?: number;
}

/** Fitted one-hot encoding: the categories seen in training, per column, in output order. */
export interface FittedOneHot {
  kind: 'one-hot';
  version: 1;
  columns: { name: string; categories: string[] }[];
}

/** Name of the indicator column for `category` of `column`. */
export function oneHotName(column: string, category: string): string {
  return `${column}=${category}`;
}

/** Learns the categories of each text column (most frequent first, ties in first-seen order). */
export function fitOneHot(table: Table, params: OneHotParams = {}): FittedOneHot {
  const max = params.maxCategories ?? 50;
  const cols = pickColumns(table, params.columns, (c) => c.type === 'categorical', params.exclude);
  return {
    kind: 'one-hot',
    version: 1,
    columns: cols.map((col) => {
      const c = categoricalColumn(table, col.name);
      const counts = new Float64Array(c.levels.length);
      countCodes(c.codes, counts);
      const order = [...counts.keys()]
        .filter((k) => counts[k]! > 0)
        .sort((a, b) => counts[b]! - counts[a]! || a - b);
      return { name: c.name, categories: order.slice(0, max).map((k) => c.levels[k]!) };
    }),
  };
}

/** Position of a category among the fitted ones: -1 for missing, -2 for a category not seen in training. */
function slotOf(index: Map<string, number>, v: string | null): number {
  if (v === null) return -1;
  return index.get(v) ?? -2;
}

/**
 * `applyOneHotRow` compiled for one fitted step, in place on a record's `Cells` (slots from `slot`; inputs
 * read first, then the same writes in the same order, the encoded column left undefined as the row's
 * deleted property reads), with each column's category index and indicator slots built once.
 */
export function compileOneHotRow(
  f: FittedOneHot,
  slot: SlotOf,
): (cells: Cells, warnings?: DataWarning[]) => void {
  assertFittedVersion(f, 'one-hot', 1);
  const specs = f.columns.map((s) => ({
    name: s.name,
    at: slot(s.name),
    index: new Map(s.categories.map((v, k) => [v, k])),
    indicators: Int32Array.from(s.categories, (v) => slot(oneHotName(s.name, v))),
  }));
  const found = new Int32Array(specs.length);
  return (cells, warnings) => {
    for (let i = 0; i < specs.length; i++)
      found[i] = slotOf(specs[i]!.index, cellCategory(cells[specs[i]!.at]));
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      const k0 = found[i]!;
      cells[spec.at] = undefined;
      for (let k = 0; k < spec.indicators.length; k++) cells[spec.indicators[k]!] = k0 === k ? 1 : 0;
      if (k0 === -2) warnings?.push(unseenCategoryWarning(spec.name, 1));
    }
  };
}

/** The warning for `count` rows of `column` whose category one-hot encoding does not know (encoded as all zeros). */
export function unseenCategoryWarning(column: string, count: number): DataWarning {
  return {
    code: 'UNSEEN_CATEGORY',
    column,
    message: `${count} row(s) of "${column}" have a category that is not encoded (unseen in training, or beyond maxCategories); they were encoded as all zeros.`,
    details: { count },
  };
}

/**
 * A one-hot indicator column as its category codes: the value of row i is `byCode[codes[i] + 1]` (0 or 1; a
 * gap's code −1 first), `ones` rows are 1, and row 0's value is `first`.
 */
export interface IndicatorCodes {
  codes: Int32Array;
  byCode: Float64Array;
  ones: number;
  first: number;
}

const indicatorCodesOf = new WeakMap<Column, IndicatorCodes>();

/**
 * The codes behind a column `applyOneHot` made (undefined for any other column): readers that can work from them
 * (standardisation's statistics, packing the matrix) do, and the column's values are then never materialised.
 */
export function indicatorCodes(c: Column): IndicatorCodes | undefined {
  return indicatorCodesOf.get(c);
}

/** A 0/1 column whose values are materialised on first read (the same values as a pass over the codes writes). */
function indicatorColumn(name: string, source: IndicatorCodes): Column {
  let values: Float64Array | null = null;
  const column: Column = {
    name,
    type: 'numeric',
    get values(): Float64Array {
      if (values) return values;
      const { codes, byCode } = source;
      values = new Float64Array(codes.length);
      for (let i = 0; i < codes.length; i++) values[i] = byCode[codes[i]! + 1]!;
      return values;
    },
  };
  indicatorCodesOf.set(column, source);
  return column;
}

/**
 * Replaces each fitted text column by 0/1 columns `<name>=<category>`; missing and unseen rows get all zeros.
 * The indicator columns are kept as the category codes (one pass counts each code's rows) and materialised
 * only when their values are read (see `indicatorCodes`).
 */
export function applyOneHot(f: FittedOneHot, table: Table, warnings?: DataWarning[]): Table {
  assertFittedVersion(f, 'one-hot', 1);
  const added: Column[] = [];
  const rows = table.rowCount;
  for (const spec of f.columns) {
    const c = categoricalColumn(table, spec.name);
    const index = new Map(spec.categories.map((v, k) => [v, k]));
    // The slot of each code (a gap's code −1 first): −1 for a gap, −2 for a category not seen in training.
    const slots = Int32Array.from([null, ...c.levels], (level) => slotOf(index, level));
    const rowsOfCode = new Float64Array(slots.length);
    const codes = c.codes;
    const kernels = columnKernels();
    if (kernels) kernels.codeCounts(codes, rowsOfCode);
    else for (let i = 0; i < rows; i++) rowsOfCode[codes[i]! + 1]!++;
    let unseen = 0;
    const ones = new Float64Array(spec.categories.length);
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]!;
      if (slot >= 0) ones[slot]! += rowsOfCode[k]!;
      else if (slot === -2) unseen += rowsOfCode[k]!;
    }
    if (unseen > 0) warnings?.push(unseenCategoryWarning(spec.name, unseen));
    const firstSlot = rows > 0 ? slots[codes[0]! + 1]! : -1;
    spec.categories.forEach((v, k) =>
      added.push(
        indicatorColumn(oneHotName(spec.name, v), {
          codes,
          byCode: Float64Array.from(slots, (s) => (s === k ? 1 : 0)),
          ones: ones[k]!,
          first: firstSlot === k ? 1 : 0,
        }),
      ),
    );
  }
  return withColumns(
    dropColumns(
      table,
      f.columns.map((s) => s.name),
    ),
    added,
  );
}

/** Per-row twin of `applyOneHot`, using the same category lookup. */
export function applyOneHotRow(f: FittedOneHot, row: Row, warnings?: DataWarning[]): Row {
  assertFittedVersion(f, 'one-hot', 1);
  const out: Row = { ...row };
  for (const spec of f.columns) {
    const slot = slotOf(new Map(spec.categories.map((v, k) => [v, k])), cellCategory(row[spec.name]));
    delete out[spec.name];
    spec.categories.forEach((v, k) => (out[oneHotName(spec.name, v)] = slot === k ? 1 : 0));
    if (slot === -2) warnings?.push(unseenCategoryWarning(spec.name, 1));
  }
  return out;
}
