import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn } from '../table';
import { getColumn } from '../table';
import { sharedDataset, tempCsv } from '../test-support/temp-csv';
import { parseCsv, readCsv } from './read-csv';

describe('readCsv', () => {
  it('reads the Taiwan file exactly as a naive split-and-Number parse does', async () => {
    const path = sharedDataset('taiwan_default.csv');
    const t = await readCsv(path);
    expect(t.rowCount).toBe(30000);
    expect(t.columns).toHaveLength(25);
    const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1);
    for (const i of [0, 1, 4999, 29999]) {
      const expected = lines[i]!.split(',').map(Number);
      expect(t.columns.map((c) => (c as NumericColumn).values[i])).toEqual(expected);
    }
  });

  it('dictionary-encodes German categorical columns, including quoted values with commas', async () => {
    const t = await readCsv(sharedDataset('german_credit.csv'));
    expect(t.rowCount).toBe(1000);
    const phone = getColumn(t, 'telephone') as CategoricalColumn;
    expect(phone.type).toBe('categorical');
    expect([...phone.levels].sort()).toEqual(['none', 'yes, registered under the customers name']);
    expect(phone.levels[phone.codes[0]!]).toBe('yes, registered under the customers name');
    const target = getColumn(t, 'creditability') as CategoricalColumn;
    const bad = target.levels.indexOf('bad');
    expect(target.codes.filter((c) => c === bad).length).toBe(300);
    expect((getColumn(t, 'credit_amount') as NumericColumn).values[0]).toBe(1169);
  });

  it('marks missing cells as NaN and -1, and parses booleans and ISO dates', () => {
    const t = parseCsv(
      Buffer.from('n,c,b,d\n1.25,x,yes,2024-01-31\nNA,,no,\n-3e2,y,,2024-02-01T12:00:00Z\n'),
    );
    expect([...(t.columns[0] as NumericColumn).values]).toEqual([1.25, NaN, -300]);
    expect([...(t.columns[1] as CategoricalColumn).codes]).toEqual([0, -1, 1]);
    expect([...(t.columns[2] as NumericColumn).values]).toEqual([1, 0, NaN]);
    expect([...(t.columns[3] as NumericColumn).values]).toEqual([
      Date.UTC(2024, 0, 31),
      NaN,
      Date.UTC(2024, 1, 1, 12),
    ]);
  });

  it('treats numeric-looking missing markers as missing, matching the text exactly', () => {
    const t = parseCsv(Buffer.from('x\n1\n-999\n-999.0\n'), { missingMarkers: ['', '-999'] });
    expect([...(t.columns[0] as NumericColumn).values]).toEqual([1, NaN, -999]);
  });

  it('re-reads a column as categorical when a value after the inference sample is not numeric', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},${i}`);
    rows.push('A1,7');
    const t = parseCsv(Buffer.from('code,x\n' + rows.join('\n')), { inferRows: 10 });
    expect(t.columns.map((c) => c.type)).toEqual(['categorical', 'numeric']);
    const code = t.columns[0] as CategoricalColumn;
    expect(code.levels[code.codes[50]!]).toBe('A1');
    expect(t.rowCount).toBe(51);
  });

  it('honours type overrides and names the line of a value that does not fit one', async () => {
    const path = tempCsv('id,x\n001,1\n002,2\n');
    const t = await readCsv(path, { types: { id: 'categorical' } });
    expect((t.columns[0] as CategoricalColumn).levels).toEqual(['001', '002']);
    expect(() => parseCsv(Buffer.from('x\n1\nabc\n'), { types: { x: 'numeric' } })).toThrow(
      expect.objectContaining({
        code: 'CSV_BAD_VALUE',
        message: expect.stringContaining('line 3 has "abc"'),
      }),
    );
    expect(() => parseCsv(Buffer.from('x\n1\n'), { types: { y: 'numeric' } })).toThrow(
      expect.objectContaining({ code: 'COLUMN_NOT_FOUND' }),
    );
  });

  it('reports a missing file as a coded operational error', async () => {
    await expect(readCsv('/nonexistent/loans.csv')).rejects.toMatchObject({
      code: 'FILE_READ_FAILED',
      kind: 'operational',
    });
  });

  it('grows past a low row estimate and reports errors from the full read', () => {
    const long = 'x\n1\n' + '2\n'.repeat(5000);
    expect(parseCsv(Buffer.from(long), { inferRows: 1 }).rowCount).toBe(5001);
    expect(() => parseCsv(Buffer.from('a,b\n1,2\n' + '3,4\n'.repeat(10) + '5\n'), { inferRows: 2 })).toThrow(
      expect.objectContaining({ code: 'CSV_RAGGED_ROW', message: expect.stringContaining('Line 13') }),
    );
  });
});

describe('readCsv inference from a sample', () => {
  it('reads a column that is empty throughout the sample by its later values', () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i < 20 ? `${i},` : `${i},${i * 2}`));
    const late = parseCsv(Buffer.from('a,b\n' + rows.join('\n')), { inferRows: 10 });
    expect(late.columns[1]!.type).toBe('numeric');
    expect((late.columns[1] as NumericColumn).values[29]).toBe(58);
    const text = parseCsv(Buffer.from('a,b\n' + rows.map((r) => r.replace(/,(\d+)$/, ',x$1')).join('\n')), {
      inferRows: 10,
    });
    expect(text.columns[1]!.type).toBe('categorical');
  });
});
