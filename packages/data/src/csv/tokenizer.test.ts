import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempCsv } from '../test-support/temp-csv';
import { fieldText } from './field';
import { bufferRows, streamRows } from './row-source';
import type { RowFields } from './tokenizer';

function collect(rows: string[][]) {
  return (r: RowFields) => {
    const out: string[] = [];
    for (let k = 0; k < r.count; k++) out.push(fieldText(r.buf, r.starts[k]!, r.ends[k]!, r.flags[k]!));
    rows.push(out);
  };
}

function parseAll(text: string): string[][] {
  const rows: string[][] = [];
  bufferRows(Buffer.from(text), collect(rows));
  return rows;
}

function toCsv(rows: string[][], eol: string): string {
  return rows
    .map((r) => r.map((f) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f)).join(','))
    .join(eol);
}

describe('CSV tokenizer', () => {
  it('handles quoted commas, newlines, escaped quotes, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","line1\nline2","say ""hi"""\r\n1,,3\r\n';
    expect(parseAll(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'line1\nline2', 'say "hi"'],
      ['1', '', '3'],
    ]);
  });

  it('keeps a trailing empty field and a last row without newline', () => {
    expect(parseAll('a,b\n1,')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('reports the line each row starts on, counting newlines inside quotes', () => {
    const lines: number[] = [];
    bufferRows(Buffer.from('a,b\n"1\n2",3\n\n4,5\n'), (r) => lines.push(r.line));
    expect(lines).toEqual([1, 2, 5]);
  });

  it('gives the same rows for any chunk size as for the whole buffer (property)', async () => {
    const field = fc.stringMatching(/^[a-z0-9 ,"\n\r]{0,6}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 4, max: 40 }),
        fc.constantFrom('\n', '\r\n'),
        async (rows, chunk, eol) => {
          const text = toCsv(rows, eol) + eol;
          const streamed: string[][] = [];
          await streamRows(tempCsv(text), collect(streamed), chunk);
          expect(streamed).toEqual(rows);
          expect(parseAll(text)).toEqual(rows);
        },
      ),
      { numRuns: 150 },
    );
  });
});
