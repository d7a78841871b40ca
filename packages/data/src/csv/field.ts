import { FIELD_ESCAPED } from './tokenizer';

const decoder = new TextDecoder('utf-8');

/** The text of field `k` of a row, with doubled quotes unescaped. */
export function fieldText(buf: Uint8Array, start: number, end: number, flag: number): string {
  const s = decoder.decode(buf.subarray(start, end));
  return flag & FIELD_ESCAPED ? s.replaceAll('""', '"') : s;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a decimal number straight from bytes (optional sign, digits, point, exponent, surrounding spaces).
 * Returns NaN when the bytes are not a plain decimal number. Up to 15 significant digits and |exponent| <= 22
 * the result is exact-rounded like strtod (an exact integer divided or multiplied by an exact power of ten);
 * anything longer falls back to `Number`.
 */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): number {
  while (start < end && buf[start] === 0x20) start++;
  while (end > start && buf[end - 1] === 0x20) end--;
  if (start === end) return NaN;
  let i = start;
  let neg = false;
  let c = buf[i]!;
  if (c === 0x2d || c === 0x2b) {
    neg = c === 0x2d;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let any = false;
  while (i < end && (c = buf[i]!) >= 0x30 && c <= 0x39) {
    if (mant !== 0 || c !== 0x30) digits++;
    mant = mant * 10 + (c - 0x30);
    any = true;
    i++;
  }
  if (i < end && buf[i] === 0x2e) {
    i++;
    while (i < end && (c = buf[i]!) >= 0x30 && c <= 0x39) {
      if (mant !== 0 || c !== 0x30) digits++;
      mant = mant * 10 + (c - 0x30);
      frac++;
      any = true;
      i++;
    }
  }
  if (!any) return NaN;
  let exp = 0;
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    let eneg = false;
    if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) {
      eneg = buf[i] === 0x2d;
      i++;
    }
    let ed = 0;
    while (i < end && (c = buf[i]!) >= 0x30 && c <= 0x39) {
      exp = exp * 10 + (c - 0x30);
      ed++;
      i++;
    }
    if (ed === 0) return NaN;
    if (eneg) exp = -exp;
  }
  if (i !== end) return NaN;
  const e = exp - frac;
  if (digits > 15 || e > 22 || e < -22) return slowNumber(buf, start, end);
  const v = e >= 0 ? mant * POW10[e]! : mant / POW10[-e]!;
  return neg ? -v : v;
}

function slowNumber(buf: Uint8Array, start: number, end: number): number {
  const s = decoder.decode(buf.subarray(start, end));
  return NUMERIC_TEXT.test(s) ? Number(s) : NaN;
}
