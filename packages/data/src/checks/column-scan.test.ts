import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allDistinct,
  isConstant,
  scanAucBounds,
  scanColumn,
  scanSeparates,
  scanValues,
  topCountAtLeast,
} from './column-scan';
import { tallyAuc, tallyAucBounds, tallyValues } from './value-tally';

/** A column of `n` values drawn from a few shapes: ties, gaps, ±0, ±∞, decimals, wide integers, sequences. */
const column = fc
  .record({
    n: fc.integer({ min: 1, max: 9000 }),
    levels: fc.constantFrom(1, 2, 3, 50, 1e9),
    gaps: fc.constantFrom(0, 0.05, 0.9),
    shape: fc.constantFrom('ints', 'decimals', 'specials', 'ascending', 'descending', 'unique', 'majority'),
    seed: fc.integer({ min: 1, max: 1e9 }),
  })
  .map(({ n, levels, gaps, shape, seed }) => {
    let s = seed >>> 0;
    const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
    const specials = [0, -0, Infinity, -Infinity, 1, 5e-324];
    const values = Float64Array.from({ length: n }, (_, i) => {
      if (rand() < gaps) return NaN;
      if (shape === 'ascending') return i * 2;
      if (shape === 'descending') return -i / 4;
      if (shape === 'unique') return (i * 7919) % 9001;
      if (shape === 'majority') return rand() < 0.995 ? 3 : Math.floor(rand() * levels);
      if (shape === 'specials') return specials[Math.floor(rand() * specials.length)]!;
      const v = Math.floor(rand() * levels);
      return shape === 'decimals' ? v / 3 : v;
    });
    const y = Uint8Array.from({ length: n }, () => (rand() < 0.3 ? 1 : 0));
    return { values, y };
  });

describe('scanValues answers the checks exactly as the value tally does', () => {
  it('counts, order, integrality, constant, top count, all-distinct, separation and AUC bounds (property)', () => {
    fc.assert(
      fc.property(column, fc.constantFrom(0, 0.5, 0.99, 1), ({ values, y }, share) => {
        const t = tallyValues(values, y);
        const s = scanValues(values, y);
        const filled = [...values].filter((v) => v === v);
        const strictly = (ok: (a: number, b: number) => boolean) =>
          filled.length === values.length &&
          filled.length > 1 &&
          filled.every((v, i) => i === 0 || ok(v, filled[i - 1]!));
        expect([s.filled, s.missingGoods, s.missingBads, s.integers, s.monotone]).toEqual([
          t.filled,
          t.missingGoods,
          t.missingBads,
          filled.every((v) => Number.isInteger(v)),
          strictly((a, b) => a > b) || strictly((a, b) => a < b),
        ]);
        expect(isConstant(s)).toBe(t.distinct === 1);
        const top = topCountAtLeast(values, s, share);
        if (top < 0) expect(t.topCount / t.filled).toBeLessThan(share);
        else expect(top).toBe(t.topCount);
        if (t.filled > 0) expect(allDistinct(values, s)).toBe(t.distinct === t.filled);
        // Same buckets as the tally's bounds, so the same bounds (or none proven where there is no bucket width).
        const bounds = scanAucBounds(values, y, s);
        const exact = tallyAucBounds(t);
        if (bounds[0] !== exact[0] || bounds[1] !== exact[1]) {
          expect(bounds).toEqual([0, 1]);
          expect(exact[0]).toBe(exact[1]);
        }
        const auc = tallyAuc(t);
        expect(bounds[0]).toBeLessThanOrEqual(auc);
        expect(bounds[1]).toBeGreaterThanOrEqual(auc);
        // Perfect separation as the definition says: some threshold splits goods from bads, missing on one side.
        const good = [...values].filter((v, i) => v === v && !y[i]);
        const bad = [...values].filter((v, i) => v === v && y[i]);
        const gapGood = values.some((v, i) => v !== v && !y[i]);
        const gapBad = values.some((v, i) => v !== v && y[i]);
        const separates =
          !(gapGood && gapBad) &&
          (Math.max(...good, -Infinity) < Math.min(...bad, Infinity) ||
            Math.max(...bad, -Infinity) < Math.min(...good, Infinity));
        expect(scanSeparates(s, y.length)).toBe(separates);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('keeps order and the vote across its blocks of rows', () => {
    const small = scanValues(Float64Array.of(3, -0, 0, 3, NaN, 3, 7.5));
    expect([small.integers, small.monotone, scanValues(Float64Array.of(1, 2, 5)).monotone]).toEqual([
      false,
      false,
      true,
    ]);
    expect(scanValues(Float64Array.of(5, 2, 2)).monotone).toBe(false);
    const up = Float64Array.from({ length: 10_000 }, (_, i) => i);
    expect(scanValues(up).monotone).toBe(true);
    up[8192] = 8191; // a tie exactly at a block boundary
    const s = scanValues(up);
    expect([s.monotone, s.integers, s.min, s.max, s.filled]).toEqual([false, true, 0, 9999, 10_000]);
    expect(allDistinct(up, s)).toBe(false);
    const seven = new Float64Array(9000).fill(7);
    seven[4095] = 1;
    expect(topCountAtLeast(seven, scanValues(seven), 0.99)).toBe(8999);
  });

  it('counts text columns per category, missing as one more', () => {
    const c = {
      name: 'g',
      type: 'categorical' as const,
      codes: Int32Array.of(0, 1, -1, 1, 0),
      levels: ['a', 'b'],
    };
    const s = scanColumn(c, Uint8Array.of(1, 0, 1, 0, 1));
    expect(s.kind === 'categorical' && [[...s.goods], [...s.bads]]).toEqual([
      [0, 0, 2],
      [1, 2, 0],
    ]);
    expect(scanSeparates(s, 5)).toBe(false); // 3 groups in 5 rows: too few rows per group to judge
  });
});
