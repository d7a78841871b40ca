import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantiles } from './quantiles';

const PS = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];

function sortedQuantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

describe('quantiles', () => {
  it('equals interpolated quantiles of the sorted values (property, many ties)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 }), (xs) => {
        const got = quantiles(Float64Array.from(xs), PS);
        PS.forEach((p, i) => expect(got[i]).toBeCloseTo(sortedQuantile(xs, p), 10));
      }),
    );
  });

  it('matches numpy on a known vector', () => {
    // numpy.percentile([1, 2, 3, 4, 10], [25, 50, 90]) = [2.0, 3.0, 7.6]
    expect(quantiles(Float64Array.of(10, 4, 1, 3, 2), [0.25, 0.5, 0.9])).toEqual([
      2,
      3,
      expect.closeTo(7.6, 12),
    ]);
  });
});

describe('quantiles on large inputs (bucketed path)', () => {
  it('matches a full sort on skewed, tied and negative data', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const n = 100_000;
    const skewed = Float64Array.from({ length: n }, () => Math.exp(rand() * 12) - 50);
    const tied = Float64Array.from({ length: n }, () => Math.floor(rand() * 5));
    const outlier = Float64Array.from({ length: n }, (_, i) => (i === 7 ? 1e12 : rand()));
    for (const xs of [skewed, tied, outlier]) {
      const sorted = Float64Array.from(xs).sort();
      const expected = PS.map((p) => {
        const h = (n - 1) * p;
        const lo = Math.floor(h);
        return lo + 1 < n ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!) : sorted[lo]!;
      });
      const copy = Float64Array.from(xs);
      expect(quantiles(copy, PS)).toEqual(expected);
      // Left untouched (compared as bytes: a deep equal of 100k elements alone takes seconds on a loaded machine).
      expect(Buffer.from(copy.buffer).equals(Buffer.from(xs.buffer))).toBe(true);
    }
  });
});
