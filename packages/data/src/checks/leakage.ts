import type { Column, Table } from '../table';
import type { DataWarning } from './data-warning';

/**
 * True when the column alone separates the outcomes perfectly: every category (missing included) is all good
 * or all bad, or for numbers one threshold splits goods from bads. Real credit data never does this; a column
 * that does was almost certainly recorded after the outcome (a collection flag, a write-off amount).
 * Text columns with fewer than 20 rows per category on average (IDs, free text) are not judged: being pure
 * there is chance, not leakage.
 */
export function separatesPerfectly(c: Column, y: Uint8Array): boolean {
  if (c.type === 'categorical') {
    const seen = new Int8Array(c.levels.length + 1).fill(-1);
    let used = 0;
    for (let i = 0; i < y.length; i++) {
      const k = c.codes[i]! + 1;
      if (seen[k] === -1) {
        seen[k] = y[i]!;
        used++;
      } else if (seen[k] !== y[i]) return false;
    }
    return used * 20 <= y.length;
  }
  let maxGood = -Infinity;
  let minGood = Infinity;
  let maxBad = -Infinity;
  let minBad = Infinity;
  let missingGood = false;
  let missingBad = false;
  const values = c.values;
  for (let i = 0; i < y.length; i++) {
    const v = values[i]!;
    if (v !== v) {
      if (y[i]) missingBad = true;
      else missingGood = true;
    } else if (y[i]) {
      if (v > maxBad) maxBad = v;
      if (v < minBad) minBad = v;
    } else {
      if (v > maxGood) maxGood = v;
      if (v < minGood) minGood = v;
    }
  }
  if (missingGood && missingBad) return false;
  return maxGood < minBad || maxBad < minGood;
}

/** One TARGET_LEAKAGE warning per column (other than the target) that predicts the outcome perfectly. */
export function leakageWarnings(table: Table, target: string, y: Uint8Array): DataWarning[] {
  return table.columns
    .filter((c) => c.name !== target && separatesPerfectly(c, y))
    .map((c) => ({
      code: 'TARGET_LEAKAGE' as const,
      column: c.name,
      message: `Column "${c.name}" predicts "${target}" perfectly. It is probably recorded after the outcome is known; remove it unless you are sure it is available when the loan is decided.`,
    }));
}
