import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/read-csv';
import { separatesPerfectly } from './leakage';
import { dropAllMissingColumns } from './usable-columns';

describe('data checks', () => {
  it('drops all-missing columns with a warning object', () => {
    const t = parseCsv(Buffer.from('a,b,c\n1,,x\n2,NA,y\n'));
    const r = dropAllMissingColumns(t);
    expect(r.table.columns.map((c) => c.name)).toEqual(['a', 'c']);
    expect(r.warnings).toEqual([
      { code: 'COLUMN_ALL_MISSING', column: 'b', message: expect.stringContaining('"b"') },
    ]);
  });

  it('detects a numeric threshold that separates the outcomes, and ignores ID-like text', () => {
    const y = Uint8Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));
    const leak = {
      name: 'x',
      type: 'numeric' as const,
      values: Float64Array.from(y, (v, i) => (v ? 100 + i : i)),
    };
    const noise = { name: 'z', type: 'numeric' as const, values: Float64Array.from(y, (_, i) => i % 7) };
    expect(separatesPerfectly(leak, y)).toBe(true);
    expect(separatesPerfectly(noise, y)).toBe(false);
    const ids = {
      name: 'id',
      type: 'categorical' as const,
      codes: Int32Array.from(y, (_, i) => i),
      levels: [...y].map(String),
    };
    expect(separatesPerfectly(ids, y)).toBe(false);
  });
});
