import { describe, expect, it } from 'vitest';
import type { DataWarning } from '../checks/data-warning';
import { parseCsv } from '../csv/read-csv';
import type { NumericColumn, Table } from '../table';
import { applyOneHot, applyOneHotRow, fitOneHot, indicatorCodes } from './one-hot';
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

describe('one-hot indicators kept as category codes', () => {
  /** Codes of `levels` categories with gaps (−1) and, from `unseenFrom` on, categories training never saw. */
  const coded = (rows: number, seed: number, first: number): Table => {
    let x = seed;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const codes = Int32Array.from({ length: rows }, (_, i) => (i === 0 ? first : Math.floor(next() * 6) - 1));
    return {
      rowCount: rows,
      columns: [{ name: 'c', type: 'categorical', codes, levels: ['a', 'b', 'c', 'd', 'e'] }],
    };
  };
  const bits = (v: number) => new Uint32Array(Float64Array.of(v).buffer).join(',');

  it('gives standardisation the mean and deviation of the materialised 0/1 values, to the bit', () => {
    for (const [rows, seed, first] of [
      [1, 1, 0],
      [2, 2, -1],
      [5000, 3, 0],
      [5001, 4, 4],
      [70_000, 5, 2],
    ] as const) {
      const train = coded(rows, seed, first);
      // Categories d and e are beyond maxCategories: rows of them are unseen, all zeros.
      const encoded = applyOneHot(fitOneHot(train, { maxCategories: 3 }), train);
      const copied: Table = {
        ...encoded,
        columns: encoded.columns.map((c) =>
          c.type === 'categorical' ? c : { name: c.name, type: c.type, values: Float64Array.from(c.values) },
        ),
      };
      expect(encoded.columns.every((c) => indicatorCodes(c) !== undefined)).toBe(true);
      expect(copied.columns.some((c) => indicatorCodes(c) !== undefined)).toBe(false);
      const fromCodes = fitStandardize(encoded).columns;
      const fromValues = fitStandardize(copied).columns;
      expect(fromCodes.map((c) => c.name)).toEqual(fromValues.map((c) => c.name));
      expect(fromCodes.map((c) => [bits(c.mean), bits(c.scale)])).toEqual(
        fromValues.map((c) => [bits(c.mean), bits(c.scale)]),
      );
    }
  });
});
