import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enforceTrend, mergeSmall, mergeToMax, type BinRange } from './bin-merge';

const bins = (pairs: [number, number][]): BinRange[] =>
  pairs.map(([goods, bads], i) => ({ from: i, to: i, goods, bads }));
const rates = (bs: BinRange[]) => bs.map((b) => b.bads / (b.goods + b.bads));

describe('bin merging', () => {
  it('pools adjacent violators into a monotonic bad rate', () => {
    const out = enforceTrend(
      bins([
        [9, 1],
        [7, 3],
        [8, 2],
        [5, 5],
      ]),
      'ascending',
    );
    expect(out.map((b) => [b.from, b.to])).toEqual([
      [0, 0],
      [1, 2],
      [3, 3],
    ]);
    expect(rates(out)).toEqual([0.1, 0.25, 0.5]);
  });

  it('any input becomes monotonic, keeps every row, and covers the fine bins in order (property)', () => {
    const arb = fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 50 })), {
      minLength: 1,
      maxLength: 25,
    });
    fc.assert(
      fc.property(arb, fc.constantFrom('ascending' as const, 'descending' as const), (pairs, trend) => {
        const out = mergeToMax(mergeSmall(enforceTrend(bins(pairs), trend), 30), 5);
        const r = rates(out);
        for (let i = 1; i < r.length; i++) {
          if (trend === 'ascending') expect(r[i]!).toBeGreaterThanOrEqual(r[i - 1]! - 1e-12);
          else expect(r[i]!).toBeLessThanOrEqual(r[i - 1]! + 1e-12);
        }
        expect(out.length).toBeLessThanOrEqual(5);
        expect(out.reduce((s, b) => s + b.goods + b.bads, 0)).toBe(pairs.reduce((s, [g, b]) => s + g + b, 0));
        expect(out[0]!.from).toBe(0);
        expect(out[out.length - 1]!.to).toBe(pairs.length - 1);
        if (out.length > 1) expect(out.every((b) => b.goods + b.bads >= 30)).toBe(true);
      }),
    );
  });
});
