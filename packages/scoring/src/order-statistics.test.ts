import { describe, expect, it } from 'vitest';
import { orderStatistics } from './order-statistics';
import { mulberry32 } from './validation/rng';

/** Every rank's value, compared by bit pattern (so −0 and +0 differ) with what the native sort places there. */
function agrees(values: Float64Array): void {
  const sorted = Float64Array.from(values).sort();
  const ranks = Array.from({ length: values.length }, (_, i) => i).filter(
    (i) => i % Math.max(1, Math.floor(values.length / 37)) === 0 || i === values.length - 1,
  );
  const got = orderStatistics(Float64Array.from(values), ranks);
  const want = Float64Array.from(ranks, (r) => sorted[r]!);
  expect(new Uint8Array(got.buffer)).toEqual(new Uint8Array(want.buffer));
}

describe('orderStatistics', () => {
  const rand = mulberry32(5);
  it('gives the values a sort places at each rank: distinct, tied, ±0, sorted and adversarial inputs', () => {
    for (const n of [1, 2, 23, 24, 25, 100, 5000, 40_000]) {
      agrees(Float64Array.from({ length: n }, () => rand()));
      agrees(Float64Array.from({ length: n }, () => Math.round(rand() * 6) - 3));
      agrees(Float64Array.from({ length: n }, () => (rand() < 0.5 ? -0 : rand() < 0.5 ? 0 : rand() - 0.5)));
      agrees(Float64Array.from({ length: n }, (_, i) => i));
      agrees(Float64Array.from({ length: n }, (_, i) => n - i));
      agrees(Float64Array.from({ length: n }, (_, i) => (i % 2 ? i : n - i)));
      agrees(new Float64Array(n).fill(7));
    }
  });

  it('answers repeated and unordered ranks in the order asked', () => {
    const v = Float64Array.from([5, 1, 4, 2, 3]);
    expect(Array.from(orderStatistics(v, [4, 0, 4, 2]))).toEqual([5, 1, 5, 3]);
  });
});
