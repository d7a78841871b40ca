import type { CellValue } from '../table';

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
