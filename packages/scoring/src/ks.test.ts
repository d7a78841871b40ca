import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gainsTable } from './gains';
import { ksStatistic } from './ks';

function bruteKs(y: number[], s: number[]): number {
  const B = y.filter((v) => v === 1).length;
  const G = y.length - B;
  let best = 0;
  for (const t of new Set(s)) {
    let b = 0;
    let g = 0;
    for (let i = 0; i < y.length; i++) {
      if (s[i]! < t) continue;
      if (y[i] === 1) b++;
      else g++;
    }
    best = Math.max(best, Math.abs(b / B - g / G));
  }
  return best;
}

describe('ksStatistic', () => {
  it('equals the brute-force maximum gap over all thresholds (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 9 })), {
          minLength: 2,
          maxLength: 60,
        }),
        (rows) => {
          const y = rows.map((r) => r[0]);
          const s = rows.map((r) => r[1]);
          fc.pre(y.includes(0) && y.includes(1));
          expect(ksStatistic(y, s).ks).toBeCloseTo(bruteKs(y, s), 12);
        },
      ),
    );
  });

  it('builds a decile table whose cumulative shares end at 1 and whose max is at most KS', () => {
    const y = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const s = y.map((v, i) => v * 0.3 + ((i * 37) % 100) / 100);
    const r = ksStatistic(y, s);
    expect(r.table).toHaveLength(10);
    expect(r.table.reduce((a, row) => a + row.count, 0)).toBe(200);
    expect(r.table[9]!.cumBadShare).toBeCloseTo(1, 12);
    expect(r.table[9]!.cumGoodShare).toBeCloseTo(1, 12);
    expect(Math.max(...r.table.map((row) => row.ks))).toBeLessThanOrEqual(r.ks + 1e-12);
    expect(r.table[0]!.maxScore).toBeGreaterThanOrEqual(r.table[1]!.maxScore);
  });
});

describe('gainsTable', () => {
  it('a perfect ranking captures all bads in the top band, with lift 1/badRate', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0));
    const s = y.map((v, i) => v + i / 1000);
    const g = gainsTable(y, s);
    expect(g[0]).toMatchObject({ count: 10, bads: 10, cumBadShare: 1, lift: 10, cumLift: 10 });
    expect(g[9]!.cumLift).toBeCloseTo(1, 12);
  });

  it('keeps tied scores in one band', () => {
    const g = gainsTable([1, 0, 1, 0, 0, 1], [5, 5, 5, 5, 1, 0], 3);
    expect(g.map((r) => r.count)).toEqual([4, 1, 1]);
  });
});
