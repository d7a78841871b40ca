import { checkKernels } from '../check-kernels';
import type { Column, Table } from '../table';
import type { DataWarning } from './data-warning';
import { scanAucBounds, scanCategories, scanColumn, scanSeparates, type ColumnScan } from './column-scan';
import { tallyAuc, tallyValues } from './value-tally';

/** A single column whose AUC is at least this (or at most 1 − this) separates the outcomes almost perfectly. */
export const NEAR_PERFECT_AUC = 0.98;

/**
 * True when the column alone separates the outcomes perfectly: every category (missing included) is all good
 * or all bad, or for numbers one threshold splits goods from bads. Real credit data never does this; a column
 * that does was almost certainly recorded after the outcome (a collection flag, a write-off amount).
 * Text columns with fewer than 20 rows per category on average (IDs, free text) are not judged: being pure
 * there is chance, not leakage.
 */
export function separatesPerfectly(c: Column, y: Uint8Array): boolean {
  return scanSeparates(scanColumn(c, y), y.length);
}

/** AUC of groups ordered by bad rate (ties inside a group count one half): `groups` are [goods, bads] pairs. */
function groupedAuc(groups: [number, number][]): number {
  const used = groups
    .filter(([g, b]) => g + b > 0)
    .sort((a, b) => a[1] / (a[0] + a[1]) - b[1] / (b[0] + b[1]));
  let goods = 0;
  let bads = 0;
  let pairs = 0;
  for (const [g, b] of used) {
    // Every bad of this group ranks above the goods of the groups before it, and ties with its own goods.
    pairs += b * goods + 0.5 * b * g;
    goods += g;
    bads += b;
  }
  return goods > 0 && bads > 0 ? pairs / (goods * bads) : 0.5;
}

/**
 * How well the column alone ranks bads above goods, as an AUC folded to [0.5, 1]: numbers by their value
 * (missing values as one more group below all numbers), categories by their own bad rate. Categorical columns
 * with fewer than 20 rows per category on average return 0.5 (their purity is chance). `scan` is the text
 * column's scan with these outcomes, when the caller already has it; numbers are tallied exactly.
 */
export function singleColumnAuc(c: Column, y: Uint8Array, scan?: ColumnScan): number {
  let auc: number;
  if (c.type === 'categorical') {
    const s = scan?.kind === 'categorical' ? scan : scanCategories(c, y);
    const groups: [number, number][] = Array.from(s.goods, (g, k) => [g, s.bads[k]!]);
    const used = groups.filter(([g, b]) => g + b > 0).length;
    if (used * 20 > y.length) return 0.5;
    auc = groupedAuc(groups);
  } else {
    const kernels = checkKernels();
    auc = kernels ? kernels.tallyAuc(c.values, y) : tallyAuc(tallyValues(c.values, y));
  }
  return Math.max(auc, 1 - auc);
}

/** Words that, in a column name, describe what happened after the loan was granted. */
const AFTER_WORDS = new Set([
  'after',
  'writeoff',
  'chargeoff',
  'recovery',
  'recoveries',
  'collection',
  'collections',
]);
const LAST_WORDS = new Set(['status', 'outcome']);

/**
 * True when the column's name says it describes the outcome: `*_after_*`, write-offs, charge-offs, recoveries,
 * collections, or a name ending in `status`/`outcome` (`loan_status`). Names that only start with those words
 * (`status_of_existing_checking_account`) describe the applicant and pass.
 */
export function outcomeName(name: string): boolean {
  const words = name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const joined = words.map((w, i) => w + (words[i + 1] ?? '')); // "write off" → "writeoff"
  if (words.some((w) => AFTER_WORDS.has(w)) || joined.some((w) => AFTER_WORDS.has(w))) return true;
  if (joined.includes('chargedoff') || joined.includes('writtenoff')) return true;
  return words.length > 0 && LAST_WORDS.has(words[words.length - 1]!);
}

/**
 * One TARGET_LEAKAGE warning per column (other than the target) that predicts the outcome perfectly or almost
 * perfectly (single-column AUC ≥ 0.98), or whose name says it describes the outcome.
 */
export function leakageWarnings(
  table: Table,
  target: string,
  y: Uint8Array,
  scans?: ReadonlyMap<string, ColumnScan>,
): DataWarning[] {
  const out: DataWarning[] = [];
  for (const c of table.columns) {
    if (c.name === target) continue;
    const scan = scans?.get(c.name) ?? scanColumn(c, y);
    if (scanSeparates(scan, y.length)) {
      out.push({
        code: 'TARGET_LEAKAGE',
        column: c.name,
        message: `Column "${c.name}" predicts "${target}" perfectly. It is probably recorded after the outcome is known; remove it unless you are sure it is available when the loan is decided.`,
        details: { reason: 'separates', auc: 1 },
      });
      continue;
    }
    // Most columns are far from separating: bounds from bucketed counts prove the folded AUC below the
    // threshold without a tally, and only a column that may reach it (or whose name is flagged) gets the exact one.
    if (scan.kind === 'numeric' && c.type !== 'categorical' && !outcomeName(c.name)) {
      const [lower, upper] = scanAucBounds(c.values, y, scan);
      if (upper < NEAR_PERFECT_AUC && 1 - lower < NEAR_PERFECT_AUC) continue;
    }
    const auc = singleColumnAuc(c, y, scan);
    if (auc >= NEAR_PERFECT_AUC) {
      out.push({
        code: 'TARGET_LEAKAGE',
        column: c.name,
        message: `Column "${c.name}" alone separates "${target}" almost perfectly (AUC ${auc.toFixed(3)}). Real applicant data never does; it is probably recorded after the outcome. Remove it unless it is known when the loan is decided.`,
        details: { reason: 'separates', auc },
      });
    } else if (outcomeName(c.name)) {
      out.push({
        code: 'TARGET_LEAKAGE',
        column: c.name,
        message: `The name "${c.name}" suggests it describes what happened after the loan was granted. Keep it only if its value is known when the loan is decided.`,
        details: { reason: 'name', auc },
      });
    }
  }
  return out;
}
