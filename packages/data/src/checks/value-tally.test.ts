import { describe, expect, it } from 'vitest';
import { tallyAuc, tallyAucBounds, tallyValues } from './value-tally';

/** Every bad against every good (missing below every number, ties one half). */
function bruteAuc(values: Float64Array, y: Uint8Array): number {
  const rank = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  let pairs = 0;
  let bads = 0;
  for (let i = 0; i < y.length; i++) if (y[i]) bads++;
  const goods = y.length - bads;
  for (let i = 0; i < y.length; i++) {
    if (!y[i]) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j]) continue;
      const a = rank(values[i]!);
      const b = rank(values[j]!);
      pairs += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return pairs / (goods * bads);
}

describe('tallyValues', () => {
  it('counts distinct values and the top count; −0 and +0 are one value', () => {
    const t = tallyValues(Float64Array.of(3, -0, 0, 3, NaN, 3, 7.5), Uint8Array.of(1, 0, 1, 0, 1, 0, 0));
    expect(t.filled).toBe(6);
    expect(t.distinct).toBe(3);
    expect(t.topCount).toBe(3);
    expect([t.missingGoods, t.missingBads]).toEqual([0, 1]);
    expect(t.indexOf(-0)).toBe(t.indexOf(0));
    expect(t.indexOf(42)).toBe(-1);
  });

  it('gives the AUC of every bad against every good, ties and gaps included', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const levels of [3, 40, 100_000]) {
      const n = 600;
      const values = new Float64Array(n);
      const y = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const r = rand();
        values[i] = r < 0.05 ? NaN : Math.floor(rand() * levels) - levels / 2;
        y[i] = rand() < 0.2 + (Number.isNaN(values[i]!) ? 0.3 : 0) + 0.3 * Number(values[i]! > 0) ? 1 : 0;
      }
      const t = tallyValues(values, y);
      const auc = tallyAuc(t);
      expect(auc).toBeCloseTo(bruteAuc(values, y), 12);
      for (const buckets of [1, 8, 1024]) {
        const [lower, upper] = tallyAucBounds(t, buckets);
        expect(lower).toBeLessThanOrEqual(auc);
        expect(upper).toBeGreaterThanOrEqual(auc);
      }
    }
  });
});
