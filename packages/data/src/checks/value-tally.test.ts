import { describe, expect, it } from 'vitest';
import { tallyAuc, tallyAucBounds, tallyValues } from './value-tally';
import {
  tallyAuc as hashAuc,
  tallyAucBounds as hashAucBounds,
  tallyValues as hashTally,
} from './value-tally-hash';

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
  it('counts distinct values, the top count, order and integrality; −0 and +0 are one value', () => {
    const t = tallyValues(Float64Array.of(3, -0, 0, 3, NaN, 3, 7.5), Uint8Array.of(1, 0, 1, 0, 1, 0, 0));
    expect(t.filled).toBe(6);
    expect(t.distinct).toBe(3);
    expect(t.topCount).toBe(3);
    expect(t.integers).toBe(false);
    expect(t.monotone).toBe(false);
    expect([t.missingGoods, t.missingBads]).toEqual([0, 1]);
    expect(t.indexOf(-0)).toBe(t.indexOf(0));
    expect(t.indexOf(42)).toBe(-1);
    expect(tallyValues(Float64Array.of(1, 2, 5)).monotone).toBe(true);
    expect(tallyValues(Float64Array.of(5, 2, 2)).monotone).toBe(false);
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

describe('tallyValues against the previous hash tally', () => {
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  /** Columns of every shape the two paths see: narrow and wide integers, decimals, ±0, ±Infinity, gaps. */
  function column(kind: number, n: number): Float64Array {
    const v = new Float64Array(n);
    const missing = pick([0, 0.05, 0.5, 1]);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < missing) v[i] = NaN;
      else if (kind === 0) v[i] = Math.floor(rand() * 7) - 3 || pick([0, -0]);
      else if (kind === 1) v[i] = Math.floor(rand() * 1e7) - 5e6;
      else if (kind === 2) v[i] = Math.round(rand() * 1000) / 100 - 5;
      else if (kind === 3) v[i] = pick([-0, 0, 1.5, Infinity, -Infinity, 2, 1e300, -1e300]);
      else if (kind === 4) v[i] = 42;
      else if (kind === 5) v[i] = i * 3 - 50;
      else if (kind === 6) v[i] = 2 ** 60 + 256 * (Math.floor(rand() * 7) - 3);
      else v[i] = pick([1e20, 1e20 + 16384, 1e20 - 16384, -0]);
    }
    return v;
  }
  function entries(t: ReturnType<typeof tallyValues>): [number, number, number][] {
    return Array.from(t.keys, (k, i): [number, number, number] => [k, t.goods[i]!, t.bads[i]!]).sort(
      (a, b) => a[0] - b[0],
    );
  }

  it('gives the same counts, distinct values, order, AUC and AUC bounds', () => {
    for (let round = 0; round < 120; round++) {
      const kind = round % 8;
      const n = pick([0, 1, 2, 30, 500, 3000]);
      const values = column(kind, n);
      const y = round % 3 === 0 ? undefined : Uint8Array.from({ length: n }, () => (rand() < 0.3 ? 1 : 0));
      const now = tallyValues(values, y);
      const was = hashTally(values, y);
      const label = `round ${round} kind ${kind} n ${n}`;
      expect(
        [now.filled, now.distinct, now.topCount, now.integers, now.monotone, now.missingGoods, now.missingBads],
        label,
      ).toEqual([was.filled, was.distinct, was.topCount, was.integers, was.monotone, was.missingGoods, was.missingBads]);
      const got = entries(now);
      expect(got, label).toEqual(entries(was));
      // Narrow integers are counted by value (keys ascending), the rest hashed; +0 for zero, indexOf finds each.
      const narrow = kind === 0 || kind === 4 || kind === 6 || kind === 5;
      if (n >= 30 && now.distinct > 1 && kind !== 3) expect(now.ascending, label).toBe(narrow);
      let ok = true;
      for (let k = 0; k < now.distinct; k++) {
        if (now.ascending && k > 0 && !(now.keys[k]! > now.keys[k - 1]!)) ok = false;
        if (Object.is(now.keys[k], -0) || now.indexOf(now.keys[k]!) !== k) ok = false;
      }
      expect(ok, label).toBe(true);
      if (now.distinct > 0) expect(now.indexOf(-0), label).toBe(now.indexOf(0));
      expect(now.indexOf(0.123456789), label).toBe(-1);
      expect(tallyAuc(now), label).toBe(hashAuc(was));
      expect(tallyAucBounds(now), label).toEqual(hashAucBounds(was));
    }
  });
});
