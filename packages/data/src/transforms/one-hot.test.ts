import { describe, expect, it } from 'vitest';
import type { DataWarning } from '../checks/data-warning';
import { parseCsv } from '../csv/read-csv';
import type { NumericColumn } from '../table';
import { applyOneHot, applyOneHotRow, fitOneHot } from './one-hot';
import { applyStandardize, fitStandardize } from './standardize';

describe('one-hot', () => {
  it('encodes categories most frequent first; unseen and missing rows are all zero, unseen ones counted', () => {
    const train = parseCsv(Buffer.from('c,x\nb,1\na,2\nb,3\n'));
    const f = fitOneHot(train);
    expect(f.columns).toEqual([{ name: 'c', categories: ['b', 'a'] }]);
    const warnings: DataWarning[] = [];
    const out = applyOneHot(f, parseCsv(Buffer.from('c,x\na,1\nz,2\n,3\nz,4\n')), warnings);
    expect(out.columns.map((c) => c.name)).toEqual(['x', 'c=b', 'c=a']);
    expect([...(out.columns[1] as NumericColumn).values]).toEqual([0, 0, 0, 0]);
    expect([...(out.columns[2] as NumericColumn).values]).toEqual([1, 0, 0, 0]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'UNSEEN_CATEGORY', column: 'c', details: { count: 2 } }),
    ]);
    expect(applyOneHotRow(f, { c: 'b', x: 1 })).toEqual({ x: 1, 'c=b': 1, 'c=a': 0 });
  });
});

describe('standardize', () => {
  it('centres and scales by the population standard deviation, like StandardScaler', () => {
    const t = parseCsv(Buffer.from('x,k\n1,5\n2,5\n3,5\n,5\n'));
    const f = fitStandardize(t);
    expect(f.columns[0]).toEqual({ name: 'x', mean: 2, scale: Math.sqrt(2 / 3) });
    expect(f.columns[1]).toEqual({ name: 'k', mean: 5, scale: 1 });
    const x = (applyStandardize(f, t).columns[0] as NumericColumn).values;
    expect([...x]).toEqual([-1 / Math.sqrt(2 / 3), 0, 1 / Math.sqrt(2 / 3), NaN]);
    expect(() => fitStandardize(parseCsv(Buffer.from('c\na\n')), { columns: ['c'] })).toThrow(
      expect.objectContaining({ code: 'TRANSFORM_NEEDS_NUMBERS' }),
    );
  });
});
