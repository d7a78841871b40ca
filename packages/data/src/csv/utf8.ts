import { isUtf8 } from 'node:buffer';
import { UserError } from '@studio/ir';

/** Throws a user error for a UTF-16/UTF-32 byte-order mark or NUL bytes at the start of a file. */
export function assertNotUtf16(head: Uint8Array): void {
  const b0 = head[0];
  const b1 = head[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || head.subarray(0, 4096).includes(0)) {
    throw new UserError(
      'CSV_NOT_UTF8',
      'The file is UTF-16 (or binary), not UTF-8 text. Open it in your spreadsheet and save it as "CSV UTF-8", then upload again.',
      { encoding: b0 === 0xff || b0 === 0xfe ? 'utf-16' : 'unknown' },
    );
  }
}

/** Throws a user error naming the line of the first invalid UTF-8 byte in `buf`; `firstLine` is the line at offset 0. */
export function assertUtf8(buf: Uint8Array, firstLine: number): void {
  if (isUtf8(buf)) return;
  const at = firstInvalid(buf);
  let line = firstLine;
  for (let i = 0; i < at; i++) if (buf[i] === 0x0a) line++;
  throw new UserError(
    'CSV_NOT_UTF8',
    `Line ${line} contains bytes that are not UTF-8 (the file is probably Latin-1 or Windows-1252). Save it as "CSV UTF-8" and upload again.`,
    { line, byte: buf[at] },
  );
}

function firstInvalid(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > buf.length) return i;
    if (len > 1 && !isUtf8(buf.subarray(i, i + len))) return i;
    i += len;
  }
  return buf.length;
}
