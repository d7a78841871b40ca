import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fineCuts, rangeIndex } from './numeric-bins';

describe('fine quantile cuts', () => {
  it('are the deduplicated order statistics at ⌈k·n/F⌉ − 1, below the maximum (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 25 }),
        (xs, bins) => {
          const sorted = [...xs].sort((a, b) => a - b);
          const expected: number[] = [];
          for (let k = 1; k < bins; k++) {
            const v = sorted[Math.ceil((k * xs.length) / bins) - 1]!;
            if (
              v < sorted[sorted.length - 1]! &&
              (expected.length === 0 || v > expected[expected.length - 1]!)
            ) {
              expected.push(v);
            }
          }
          expect(fineCuts(Float64Array.from(xs), bins)).toEqual(expected);
        },
      ),
    );
  });

  it('on 200k rows agree with a full sort (bucketed selection path)', () => {
    const xs = Float64Array.from({ length: 200_000 }, (_, i) => ((i * 7919) % 100_003) / 7 - 500);
    const sorted = Float64Array.from(xs).sort();
    const cuts = fineCuts(xs, 20);
    expect(cuts).toHaveLength(19);
    expect(cuts[9]).toBe(sorted[Math.ceil((10 * xs.length) / 20) - 1]);
  });

  it('place a value in the first bin whose upper edge is at least the value', () => {
    expect([0, 1, 1.5, 2, 9].map((v) => rangeIndex([1, 2], v))).toEqual([0, 0, 1, 1, 2]);
  });
});
