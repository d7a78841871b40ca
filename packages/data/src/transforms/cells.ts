import type { CellValue } from '../table';

/**
 * The cells of one record inside a compiled scorer: one per column name the steps read or write, at the index
 * `SlotOf` gave that name when the steps were compiled. Reading and writing an array slot costs a fraction of a
 * named property of a record object, whose shape changes as numbers turn into doubles or columns are removed.
 */
export type Cells = CellValue[];

/** The index in `Cells` of a named column, assigned once when a scorer is compiled. */
export type SlotOf = (name: string) => number;

/** A per-row cell read as a number: numbers as is, booleans as 0/1, numeric text parsed, anything else NaN (missing). */
export function cellNumber(v: CellValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? NaN : n;
  }
  return NaN;
}

/** A per-row cell read as a category: text as is, numbers and booleans as their text, null/undefined missing. */
export function cellCategory(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  return String(v);
}
