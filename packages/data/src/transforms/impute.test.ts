import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/read-csv';
import type { CategoricalColumn, NumericColumn } from '../table';
import { applyImpute, fitImpute } from './impute';

const t = parseCsv(Buffer.from('x,c,full\n1,a,1\n,b,2\n3,,3\n10,b,4\n'));

describe('impute', () => {
  it('fills numbers with the median, mean or a constant, and adds indicators', () => {
    expect(fitImpute(t).columns).toEqual([
      { name: 'x', type: 'numeric', fill: 3, indicator: false },
      { name: 'c', type: 'categorical', fill: '(missing)', indicator: false },
    ]);
    expect((fitImpute(t, { numeric: 'mean' }).columns[0] as { fill: number }).fill).toBeCloseTo(14 / 3, 12);
    const f = fitImpute(t, {
      numeric: 'constant',
      numericConstant: -1,
      categorical: 'mode',
      indicator: true,
    });
    const out = applyImpute(f, t);
    expect([...(out.columns[0] as NumericColumn).values]).toEqual([1, -1, 3, 10]);
    const c = out.columns[1] as CategoricalColumn;
    expect([...c.codes].map((k) => c.levels[k])).toEqual(['a', 'b', 'b', 'b']);
    expect(out.columns.map((col) => col.name)).toEqual(['x', 'c', 'full', 'x_missing', 'c_missing']);
    expect([...(out.columns[3] as NumericColumn).values]).toEqual([0, 1, 0, 0]);
  });

  it('refuses a median of an empty column and a transform version it does not know', () => {
    const empty = parseCsv(Buffer.from('x,y\n,1\n,2\n'), { types: { x: 'numeric' } });
    expect(() => fitImpute(empty, { columns: ['x'] })).toThrow(
      expect.objectContaining({ code: 'IMPUTE_ALL_MISSING' }),
    );
    const f = { ...fitImpute(t), version: 2 } as unknown as ReturnType<typeof fitImpute>;
    expect(() => applyImpute(f, t)).toThrow(
      expect.objectContaining({ code: 'TRANSFORM_VERSION_UNSUPPORTED' }),
    );
  });
});
