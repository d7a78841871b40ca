import type { Column, Table } from '../table';
import type { DataWarning } from './data-warning';
import {
  allDistinct,
  categoryCounts,
  isConstant,
  scanColumn,
  topCountAtLeast,
  type ColumnScan,
} from './column-scan';
import { leakageWarnings } from './leakage';

/** Thresholds of the column checks; the defaults suit credit data of a few hundred rows and up. */
export interface CheckOptions {
  /** A column missing in at least this share of rows (but not all) is flagged. Default 0.5. */
  mostlyMissing?: number;
  /** A column whose most frequent value fills at least this share of its filled rows is near-constant. Default 0.99. */
  nearConstant?: number;
  /** A target class with fewer rows than this is too small to learn from. Default 30. */
  minClassRows?: number;
  /** ID-like checks need at least this many filled rows (uniqueness in a handful of rows is chance). Default 20. */
  minIdRows?: number;
}

const pct = (share: number): string => `${(100 * share).toFixed(share < 0.1 ? 1 : 0)}%`;

/**
 * A count with thousands separators, as `n.toLocaleString('en-US')` writes a non-negative integer (30,000),
 * without the locale machinery, whose first use in a process costs more than every check of a column.
 */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Warnings about one column on its own: empty, constant, near-constant, mostly missing, ID-like. `scan` is the
 * column's scan when the caller already has it. Each check reads what decides it from the one scan (range,
 * order, integrality, the majority vote's bound on the most frequent value); only a column the bounds leave
 * undecided (a near-constant one, an ID candidate with no repeat in its first rows) is looked at again.
 */
export function columnWarnings(
  c: Column,
  rowCount: number,
  opts: CheckOptions = {},
  scan?: ColumnScan,
): DataWarning[] {
  const { mostlyMissing = 0.5, nearConstant = 0.99, minIdRows = 20 } = opts;
  const s = scan ?? scanColumn(c);
  const text = s.kind === 'categorical' ? categoryCounts(s) : undefined;
  const num = s.kind === 'numeric' ? s : undefined;
  const values = c.type === 'categorical' ? undefined : c.values;
  const filled = text ? text.filled : num!.filled;
  const name = c.name;
  if (filled === 0)
    return [
      {
        code: 'COLUMN_ALL_MISSING',
        column: name,
        message: `Column "${name}" is empty in every row; it will be left out of training.`,
      },
    ];
  const out: DataWarning[] = [];
  const missingShare = (rowCount - filled) / rowCount;
  if (missingShare >= mostlyMissing)
    out.push({
      code: 'COLUMN_MOSTLY_MISSING',
      column: name,
      message: `Column "${name}" is missing in ${pct(missingShare)} of rows; check the export, or expect it to add little.`,
      details: { missingShare },
    });
  if (text ? text.distinct === 1 : isConstant(num!)) {
    out.push({
      code: 'COLUMN_CONSTANT',
      column: name,
      message: `Column "${name}" has the same value in every filled row, so it cannot help the model; consider removing it.`,
    });
    return out;
  }
  const topCount = text ? text.topCount : topCountAtLeast(values!, num!, nearConstant);
  const topShare = topCount / filled;
  if (topCount >= 0 && topShare >= nearConstant)
    out.push({
      code: 'COLUMN_NEAR_CONSTANT',
      column: name,
      message: `Column "${name}" has one value in ${pct(topShare)} of filled rows; it can barely help the model and its rare values make unstable bins.`,
      details: { topShare },
    });
  const sequence = c.type === 'numeric' && num!.integers && num!.monotone;
  const idCandidate = text !== undefined || (c.type === 'numeric' && num!.integers);
  if (
    idCandidate &&
    filled >= minIdRows &&
    filled >= 0.95 * rowCount &&
    (sequence || (text ? text.distinct === filled : allDistinct(values!, num!)))
  ) {
    // Every filled value differs, so the distinct values are the filled rows.
    const distinct = filled;
    out.push({
      code: 'COLUMN_ID_LIKE',
      column: name,
      message: sequence
        ? `Column "${name}" counts through the rows (a sequence, ${groupThousands(distinct)} distinct values): it looks like a row ID. An ID only learns the file's order; leave it out of the model.`
        : `Column "${name}" has a different value in every row (${groupThousands(distinct)} distinct): it looks like an ID. An ID cannot generalise to new applicants; leave it out of the model.`,
      details: { distinct, sequence },
    });
  }
  return out;
}

/** TARGET_TINY_CLASS when either outcome has fewer than `minClassRows` rows. */
export function tinyClassWarnings(target: string, y: Uint8Array, opts: CheckOptions = {}): DataWarning[] {
  const { minClassRows = 30 } = opts;
  let bads = 0;
  for (let i = 0; i < y.length; i++) bads += y[i]!;
  const smaller = Math.min(bads, y.length - bads);
  if (smaller >= minClassRows) return [];
  const which = bads <= y.length - bads ? 'bad' : 'good';
  return [
    {
      code: 'TARGET_TINY_CLASS',
      column: target,
      message: `Only ${smaller} ${which} rows in "${target}" (fewer than ${minClassRows}): too few to fit or judge a model; get more history or a wider definition of default.`,
      details: { rows: smaller, class: which },
    },
  ];
}

/**
 * Every data warning of a table: per column (target excluded) empty, constant, near-constant, mostly missing
 * and ID-like; with a target, leakage and a tiny outcome class.
 */
export function dataWarnings(
  table: Table,
  target?: { name: string; y: Uint8Array },
  opts: CheckOptions = {},
): DataWarning[] {
  // One scan per column (with the outcomes when there is a target) serves both the column checks and leakage.
  const scans = new Map<string, ColumnScan>();
  for (const c of table.columns) if (c.name !== target?.name) scans.set(c.name, scanColumn(c, target?.y));
  const out = table.columns
    .filter((c) => c.name !== target?.name)
    .flatMap((c) => columnWarnings(c, table.rowCount, opts, scans.get(c.name)));
  if (target) {
    const usable = {
      rowCount: table.rowCount,
      columns: table.columns.filter(
        (c) => !out.some((w) => w.column === c.name && w.code === 'COLUMN_ALL_MISSING'),
      ),
    };
    out.push(
      ...leakageWarnings(usable, target.name, target.y, scans),
      ...tinyClassWarnings(target.name, target.y, opts),
    );
  }
  return out;
}

/** Columns a template leaves out by default: ID-like and (statistically or by name) leaking ones. */
export function columnsToLeaveOut(warnings: readonly DataWarning[]): string[] {
  return [
    ...new Set(
      warnings.filter((w) => w.code === 'COLUMN_ID_LIKE' || w.code === 'TARGET_LEAKAGE').map((w) => w.column),
    ),
  ];
}
