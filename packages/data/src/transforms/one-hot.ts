import type { DataWarning } from '../checks/data-warning';
import { dropColumns, withColumns, type Column, type Row, type Table } from '../table';
import { cellCategory } from './cells';
import { assertFittedVersion, categoricalColumn, pickColumns } from './fitted-common';

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
      for (const k of c.codes) if (k >= 0) counts[k]!++;
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
 * `applyOneHotRow` compiled for one fitted step, in place on `row` (inputs read first, then the same writes in
 * the same order), with each column's category index and indicator names built once.
 */
export function compileOneHotRow(f: FittedOneHot): (row: Row, warnings?: DataWarning[]) => void {
  assertFittedVersion(f, 'one-hot', 1);
  const specs = f.columns.map((s) => ({
    name: s.name,
    index: new Map(s.categories.map((v, k) => [v, k])),
    names: s.categories.map((v) => oneHotName(s.name, v)),
  }));
  const slots = new Int32Array(specs.length);
  return (row, warnings) => {
    for (let i = 0; i < specs.length; i++)
      slots[i] = slotOf(specs[i]!.index, cellCategory(row[specs[i]!.name]));
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      const slot = slots[i]!;
      delete row[spec.name];
      for (let k = 0; k < spec.names.length; k++) row[spec.names[k]!] = slot === k ? 1 : 0;
      if (slot === -2) warnings?.push(unseenCategoryWarning(spec.name, 1));
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

/** Replaces each fitted text column by 0/1 columns `<name>=<category>`; missing and unseen rows get all zeros. */
export function applyOneHot(f: FittedOneHot, table: Table, warnings?: DataWarning[]): Table {
  assertFittedVersion(f, 'one-hot', 1);
  const added: Column[] = [];
  for (const spec of f.columns) {
    const c = categoricalColumn(table, spec.name);
    const index = new Map(spec.categories.map((v, k) => [v, k]));
    const slotByCode = Int32Array.from(c.levels, (level) => slotOf(index, level));
    const outs = spec.categories.map(() => new Float64Array(table.rowCount));
    let unseen = 0;
    for (let i = 0; i < table.rowCount; i++) {
      const code = c.codes[i]!;
      const slot = code < 0 ? slotOf(index, null) : slotByCode[code]!;
      if (slot >= 0) outs[slot]![i] = 1;
      else if (slot === -2) unseen++;
    }
    if (unseen > 0) warnings?.push(unseenCategoryWarning(spec.name, unseen));
    spec.categories.forEach((v, k) =>
      added.push({ name: oneHotName(spec.name, v), type: 'numeric', values: outs[k]! }),
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
