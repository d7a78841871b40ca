import { createReadStream } from 'node:fs';
import { CsvTokenizer, type RowHandler } from './tokenizer';
import { assertNotUtf16, assertUtf8 } from './utf8';

const BOM_LENGTH = 3;

export function bomLength(buf: Uint8Array): number {
  return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? BOM_LENGTH : 0;
}

/** Streams a CSV file chunk by chunk, calling `onRow` for every row (header included); memory stays O(chunk + longest row). */
export async function streamRows(path: string, onRow: RowHandler, chunkBytes = 1 << 20): Promise<void> {
  const tok = new CsvTokenizer();
  let carry: Buffer = Buffer.alloc(0);
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let from = 0;
    if (first) {
      if (buf.length < BOM_LENGTH + 1) {
        carry = buf;
        continue;
      }
      assertNotUtf16(buf);
      from = bomLength(buf);
      first = false;
    }
    const line = tok.line;
    const rest = tok.parse(buf, from, buf.length, false, onRow);
    assertUtf8(buf.subarray(from, rest), line);
    carry = buf.subarray(rest);
  }
  const from = first ? bomLength(carry) : 0;
  if (first) assertNotUtf16(carry);
  const line = tok.line;
  assertUtf8(carry.subarray(from), line);
  tok.parse(carry, from, carry.length, true, onRow);
}

/** Calls `onRow` for every row of an in-memory CSV (header included), after checking the encoding. */
export function bufferRows(buf: Uint8Array, onRow: RowHandler): void {
  assertNotUtf16(buf);
  const from = bomLength(buf);
  assertUtf8(buf.subarray(from), 1);
  new CsvTokenizer().parse(buf, from, buf.length, true, onRow);
}
