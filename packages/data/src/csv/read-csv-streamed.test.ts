import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Table } from '../table';
import { type ReadCsvOptions, parseCsv, readCsv } from './read-csv';

/** A table with each column's array replaced by its length and a hash of its bytes (deep-equal on big arrays is slow). */
function digest(t: Table): unknown {
  return {
    rowCount: t.rowCount,
    columns: t.columns.map((c) => {
      const arr = 'codes' in c ? c.codes : c.values;
      const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
      const rest = 'levels' in c ? { levels: c.levels } : {};
      return {
        name: c.name,
        type: c.type,
        ...rest,
        n: arr.length,
        sha: createHash('sha1').update(bytes).digest('hex'),
      };
    }),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'read-csv-streamed-'));
let n = 0;

/** Reads `bytes` from a file (the streamed path) and in memory, and expects the same table or the same error. */
async function expectSame(bytes: Buffer, opts: ReadCsvOptions = {}): Promise<void> {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, bytes);
  let expected: unknown;
  try {
    expected = { table: digest(parseCsv(bytes, opts)) };
  } catch (e) {
    expected = { error: e };
  }
  let actual: unknown;
  try {
    // wholeFileBytes 0: these small files take the streamed path, which must match parseCsv.
    actual = { table: digest(await readCsv(path, { ...opts, wholeFileBytes: 0 })) };
  } catch (e) {
    actual = { error: e };
  }
  expect(actual).toEqual(expected);
  if ((expected as { error?: unknown }).error) {
    const a = (actual as { error: { code: string; message: string } }).error;
    const b = (expected as { error: { code: string; message: string } }).error;
    expect([a.code, a.message]).toEqual([b.code, b.message]);
  }
}

function bigCsv(rows: number, eol = '\n'): string {
  const out = ['id,name,amount,flag,when'];
  for (let i = 0; i < rows; i++) {
    const name = i % 7 === 0 ? `"multi\nline ""${i % 13}"", ok"` : `n${i % 31}`;
    const amount = i % 11 === 0 ? '' : (i * 1.25).toFixed(2);
    out.push(
      `${i},${name},${amount},${i % 2 === 0 ? 'true' : 'false'},2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
    );
  }
  return out.join(eol) + eol;
}

describe('readCsv from a file (streamed) matches parseCsv on the same bytes', () => {
  it('reads a multi-chunk file with quoted newlines, CRLF and a BOM identically', async () => {
    const text = bigCsv(160_000, '\r\n');
    expect(text.length).toBeGreaterThan(5 << 20);
    await expectSame(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    await expectSame(Buffer.from(bigCsv(160_000)), { inferRows: 50 });
  }, 30_000);

  it('re-reads a column demoted after the sample, and honours overrides', async () => {
    const text = bigCsv(30_000) + '30000,x,oops,true,2024-01-01\n';
    await expectSame(Buffer.from(text));
    await expectSame(Buffer.from(text), { types: { id: 'categorical' } });
  }, 30_000);

  it('reports the same errors as the in-memory read', async () => {
    const base = bigCsv(30_000);
    await expectSame(Buffer.from(base + '1,2\n'));
    await expectSame(Buffer.from(base + '1,"open,3,true,2024-01-01\n'));
    await expectSame(Buffer.from(base), { types: { missing: 'numeric' } });
    await expectSame(Buffer.from(base + '1,a,3,true,2024-01-01\n'), {
      types: { amount: 'numeric', name: 'numeric' },
    });
    await expectSame(Buffer.concat([Buffer.from(base), Buffer.from([0x31, 0x2c, 0xe9, 0x0a])]));
    await expectSame(Buffer.from('a,b\n1,2\n3,4\n5,6\n7,\x008\n' + '9,9\n'.repeat(10)), { inferRows: 1 });
    await expectSame(Buffer.from('a,b\n"x\n' + '1,2\n'.repeat(50) + '"\n'), { inferRows: 3 });
  }, 30_000);

  it('reuses the numbers of the type sample when every column is numeric, identically', async () => {
    const numeric = (rows: number, eol = '\n') => {
      const out = ['id,amount,rate,"quoted"'];
      for (let i = 0; i < rows; i++) {
        const amount = i % 13 === 0 ? 'NA' : i % 17 === 0 ? '' : (i * -1.5).toFixed(2);
        out.push(`${i},${amount},${(i % 97) / 7},"${i % 5}"`);
      }
      return out.join(eol) + eol;
    };
    const text = numeric(45_000, '\r\n');
    await expectSame(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    await expectSame(Buffer.from(numeric(45_000)), { inferRows: 100 });
    await expectSame(Buffer.from(numeric(45_000)), { missingMarkers: ['NA', '', '-3.00'] });
    // After the sample: a text value (the column is demoted and re-read), a short row, a bad forced value, bad
    // UTF-8: each read or reported as the in-memory read does, with the same line numbers.
    await expectSame(Buffer.from(numeric(30_000) + '1,oops,2,3\n'));
    await expectSame(Buffer.from(numeric(30_000) + '1,2\n'));
    await expectSame(Buffer.from(numeric(30_000) + '1,oops,2,3\n'), { types: { amount: 'numeric' } });
    await expectSame(Buffer.concat([Buffer.from(numeric(30_000)), Buffer.from([0x31, 0x2c, 0xe9, 0x0a])]));
  }, 60_000);
});
