import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDistinct } from './distinct';

describe('countDistinct', () => {
  it('equals the size of a Set, capped (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ noNaN: true })), { maxLength: 200 }),
        fc.integer({ min: 1, max: 60 }),
        (xs, cap) => {
          expect(countDistinct(Float64Array.from(xs), cap)).toBe(
            Math.min(cap, new Set(xs.map((x) => x + 0)).size),
          );
        },
      ),
    );
  });

  it('works on a subarray view and treats -0 as 0', () => {
    const a = Float64Array.of(9, 1, 2, 2, -0, 0, 3);
    expect(countDistinct(a.subarray(1), 100)).toBe(4);
  });
});
