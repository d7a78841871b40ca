import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv/read-csv';
import { dropColumns, getColumn, tableRow, takeRows, withColumns, type NumericColumn } from './table';

const t = parseCsv(Buffer.from('x,c\n1,a\n,b\n3,\n'));

describe('Table helpers', () => {
  it('reads rows as records with null for missing', () => {
    expect([0, 1, 2].map((i) => tableRow(t, i))).toEqual([
      { x: 1, c: 'a' },
      { x: null, c: 'b' },
      { x: 3, c: null },
    ]);
  });

  it('takes rows by index, replaces and appends columns, drops columns', () => {
    const picked = takeRows(t, [2, 0]);
    expect([tableRow(picked, 0), tableRow(picked, 1)]).toEqual([
      { x: 3, c: null },
      { x: 1, c: 'a' },
    ]);
    const y: NumericColumn = { name: 'y', type: 'numeric', values: Float64Array.of(7, 8, 9) };
    const x: NumericColumn = { name: 'x', type: 'numeric', values: Float64Array.of(0, 0, 0) };
    expect(withColumns(t, [y, x]).columns.map((c) => c.name)).toEqual(['x', 'c', 'y']);
    expect(tableRow(withColumns(t, [x]), 0).x).toBe(0);
    expect(dropColumns(t, ['x']).columns.map((c) => c.name)).toEqual(['c']);
  });

  it('names the available columns when one is missing', () => {
    expect(() => getColumn(t, 'z')).toThrow(
      expect.objectContaining({
        code: 'COLUMN_NOT_FOUND',
        message: expect.stringContaining('Pick one of: x, c'),
      }),
    );
  });
});
