import { describe, expect, it } from 'vitest';
import { orderStatistics } from './order-statistics';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Bit patterns, so −0 and +0 differ. */
const bits = (v: Float64Array) => Array.from(new BigUint64Array(Float64Array.from(v).buffer));

/** Whether two arrays hold the same bit patterns (a loop: vitest's deep equality is slow on 100k values). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Ranks spread over the input, the ends, repeats and out of order, as callers ask them. */
function ranksOf(n: number): number[] {
  const step = Math.max(1, Math.floor(n / 19));
  const r = Array.from({ length: Math.ceil(n / step) }, (_, i) => Math.min(n - 1, i * step)).reverse();
  return [...r, n - 1, 0, r[0]!];
}

describe('orderStatistics: the values Float64Array#sort places at each rank, on every path', () => {
  const rand = lcg(3);
  const inputs = (n: number): Float64Array[] => [
    Float64Array.from({ length: n }, () => rand()),
    Float64Array.from({ length: n }, () => Math.round(rand() * 6) - 3),
    Float64Array.from({ length: n }, () => (rand() < 0.3 ? -0 : rand() < 0.4 ? 0 : rand() - 0.5)),
    Float64Array.from({ length: n }, () => (rand() < 0.5 ? -0 : 0)),
    Float64Array.from({ length: n }, () => Math.exp(rand() * 12) - 50),
    Float64Array.from({ length: n }, (_, i) => (i === 7 ? 1e12 : rand())),
    Float64Array.from({ length: n }, (_, i) => (i % 2 ? i : n - i)),
    new Float64Array(n).fill(7),
  ];

  // 100 and 40k: selection in a copy (or in place); 70k and 120k: the bucketed path of an untouched input.
  it.each([1, 2, 25, 100, 40_000, 70_000, 120_000])('%i values', (n) => {
    for (const values of inputs(n)) {
      const ranks = ranksOf(n);
      const sorted = Float64Array.from(values).sort();
      const want = bits(Float64Array.from(ranks, (r) => sorted[r]!));
      const before = values.slice();
      expect(bits(orderStatistics(values, ranks))).toEqual(want);
      expect(sameBits(values, before)).toBe(true); // left untouched
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) [min, max] = [Math.min(min, v), Math.max(max, v)];
      const scratch = new Float64Array(n + 5);
      expect(bits(orderStatistics(values, ranks, { range: { min, max }, scratch: () => scratch }))).toEqual(
        want,
      );
      expect(sameBits(values, before)).toBe(true);
      expect(bits(orderStatistics(Float64Array.from(values), ranks, { reorder: true }))).toEqual(want);
    }
  });

  it('selects in the caller’s buffer when allowed to reorder it', () => {
    const v = Float64Array.of(5, 1, 4, 2, 3);
    expect(Array.from(orderStatistics(v, [4, 0, 4, 2], { reorder: true }))).toEqual([5, 1, 5, 3]);
    expect(Array.from(v)).not.toEqual([5, 1, 4, 2, 3]);
  });
});
