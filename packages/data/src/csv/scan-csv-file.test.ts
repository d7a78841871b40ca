import { describe, expect, it } from 'vitest';
import { sharedDataset, tempCsv } from '../test-support/temp-csv';
import { scanCsvFile } from './scan-csv-file';

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new TypeError('expected the scan to fail');
}

describe('scanCsvFile', () => {
  it('infers the German credit schema (quoted commas, 13 categorical + 7 numeric + target)', async () => {
    const s = await scanCsvFile(sharedDataset('german_credit.csv'));
    expect(s.rowCount).toBe(1000);
    expect(s.columns).toHaveLength(21);
    const byName = Object.fromEntries(s.columns.map((c) => [c.name, c]));
    expect(byName.credit_amount).toMatchObject({ type: 'numeric', missingCount: 0 });
    expect(byName.purpose!.type).toBe('categorical');
    expect(byName.telephone).toMatchObject({ type: 'categorical', distinctCount: 2 });
    expect(byName.creditability).toMatchObject({ type: 'categorical', distinctCount: 2 });
    expect(s.columns.filter((c) => c.type === 'numeric')).toHaveLength(7);
  });

  it('scans the Taiwan file: quoted header names, 30,000 rows, all numeric', async () => {
    const s = await scanCsvFile(sharedDataset('taiwan_default.csv'));
    expect(s.rowCount).toBe(30000);
    expect(s.columns.map((c) => c.name)).toContain('default.payment.next.month');
    expect(s.columns.every((c) => c.type === 'numeric')).toBe(true);
    expect(s.columns[0]).toMatchObject({ name: 'ID', distinctCount: 10000, distinctCapped: true });
  });

  it('counts missing markers and infers boolean and date columns', async () => {
    const p = tempCsv('n,b,d,c\n1.5,yes,2024-01-31,x\nNA,no,,y\n-2e3,,2024-02-01 10:00,\n');
    const s = await scanCsvFile(p);
    expect(s.columns.map((c) => [c.type, c.missingCount, c.distinctCount])).toEqual([
      ['numeric', 1, 2],
      ['boolean', 1, 2],
      ['date', 1, 2],
      ['categorical', 1, 2],
    ]);
    const custom = await scanCsvFile(p, { missingMarkers: ['', 'NA', 'x'] });
    expect(custom.columns[3]!.missingCount).toBe(2);
  });

  it('honours numeric-looking missing markers and compares numbers as numbers when counting distinct', async () => {
    const p = tempCsv('x,y\n1,a\n1.0,b\n-999,a\n2,-999\n');
    const s = await scanCsvFile(p, { missingMarkers: ['', '-999'] });
    expect(s.columns[0]).toMatchObject({ type: 'numeric', missingCount: 1, distinctCount: 2 });
    expect(s.columns[1]).toMatchObject({ type: 'categorical', missingCount: 1, distinctCount: 2 });
  });

  it('rejects UTF-16 and invalid UTF-8 with a fix and a line number', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]);
    expect(await codeOf(scanCsvFile(tempCsv(utf16)))).toMatchObject({
      code: 'CSV_NOT_UTF8',
      message: expect.stringContaining('save it as "CSV UTF-8"'),
    });
    const latin1 = Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(await codeOf(scanCsvFile(tempCsv(latin1)))).toMatchObject({
      code: 'CSV_NOT_UTF8',
      message: expect.stringContaining('Line 3'),
    });
  });

  it('names the line and field counts of a ragged row', async () => {
    const err = await codeOf(scanCsvFile(tempCsv('a,b,c\n1,2,3\n"x\ny",2\n')));
    expect(err.code).toBe('CSV_RAGGED_ROW');
    expect(err.message).toContain('Line 3 has 2 fields but the header has 3');
  });

  it('rejects empty files, header-only files, and bad header names', async () => {
    expect((await codeOf(scanCsvFile(tempCsv('')))).code).toBe('CSV_EMPTY');
    expect((await codeOf(scanCsvFile(tempCsv('a,b\n')))).code).toBe('CSV_NO_ROWS');
    expect(await codeOf(scanCsvFile(tempCsv('a,b,a\n1,2,3\n')))).toMatchObject({
      code: 'CSV_DUPLICATE_HEADER',
      message: expect.stringContaining('Columns 1 and 3 are both named "a"'),
    });
    expect((await codeOf(scanCsvFile(tempCsv('a,,c\n1,2,3\n')))).code).toBe('CSV_EMPTY_HEADER');
  });

  it('names the line where an unterminated quote opens', async () => {
    const err = await codeOf(scanCsvFile(tempCsv('a,b\n1,2\n3,"oops\n4,5\n')));
    expect(err.code).toBe('CSV_UNTERMINATED_QUOTE');
    expect(err.message).toContain('line 3');
  });

  it('reports an unreadable file as a coded operational error', async () => {
    expect(await codeOf(scanCsvFile('/nonexistent/loans.csv'))).toMatchObject({
      code: 'FILE_READ_FAILED',
      message: expect.stringContaining('ENOENT'),
    });
  });

  it('refuses files over maxBytes', async () => {
    expect((await codeOf(scanCsvFile(tempCsv('a\n1\n'), { maxBytes: 2 }))).code).toBe('CSV_TOO_LARGE');
  });
});
