/** Cell texts read as missing unless the caller passes its own list. */
export const DEFAULT_MISSING_MARKERS: readonly string[] = [
  '',
  'NA',
  'N/A',
  'n/a',
  'NaN',
  'nan',
  'null',
  'NULL',
  '#N/A',
];

const TRUE_TEXT = new Set(['true', 'TRUE', 'True', 'yes', 'YES', 'Yes']);
const FALSE_TEXT = new Set(['false', 'FALSE', 'False', 'no', 'NO', 'No']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** 1 for a true-like text, 0 for a false-like text, NaN otherwise. */
export function booleanValue(text: string): number {
  if (TRUE_TEXT.has(text)) return 1;
  if (FALSE_TEXT.has(text)) return 0;
  return NaN;
}

/** Milliseconds since the epoch (UTC unless an offset is given) for an ISO 8601 date or date-time, else NaN. */
export function dateValue(text: string): number {
  const m = ISO_DATE.exec(text);
  if (!m) return NaN;
  const iso = text.replace(' ', 'T');
  return Date.parse(m[1] === undefined && iso.length > 10 ? iso + 'Z' : iso);
}

/** Which of the still-possible non-numeric types (`bits`: boolean 2, date 4) a non-numeric cell text fits. */
export function textTypeBits(text: string, bits: number): number {
  if (bits & 2 && !Number.isNaN(booleanValue(text))) return 2;
  if (bits & 4 && !Number.isNaN(dateValue(text))) return 4;
  return 0;
}
