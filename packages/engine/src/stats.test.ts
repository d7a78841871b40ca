import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bootstrapDiscrimination,
  bootstrapFixture,
  mulberry32,
  resampleAucKs,
  type MetricInterval,
} from '@studio/scoring';
import { applyWoe, fitWoe, useWoeKernels, woeFixture } from '@studio/data';
import { describe, expect, it } from 'vitest';
import { bootstrapAucKs, hasStatsKernels, woeByRange, woeFineBins } from './index';

/** Tie groups of a fixture as the bootstrap builds them: distinct scores ascending. */
function groupsOf(y: Uint8Array, score: Float64Array) {
  const distinct = [...new Set(score)].sort((a, b) => a - b);
  const id = new Map(distinct.map((v, k) => [v, k]));
  const bad: number[] = [];
  const good: number[] = [];
  score.forEach((s, i) => (y[i] ? bad : good).push(id.get(s)!));
  return { bad: Uint32Array.from(bad), good: Uint32Array.from(good), groups: distinct.length };
}

describe('native bootstrap kernel', () => {
  it('is in the loaded addon (rebuild native/ when this fails)', () => {
    expect(hasStatsKernels).toBe(true);
  });

  it.each([
    [4000, 0, 120, 42],
    [4000, 25, 120, -7],
    [333, 3, 64, 2_000_000_001],
    [9000, 400, 50, 0],
  ])(
    '%i rows (grid %i), %i resamples, seed %i: the same doubles as scoring’s TypeScript loop',
    (rows, grid, resamples, seed) => {
      const { y, score } = bootstrapFixture(rows, grid, rows + grid);
      const g = groupsOf(y, score);
      const ref = { auc: new Float64Array(resamples), ks: new Float64Array(resamples) };
      const ours = { auc: new Float64Array(resamples), ks: new Float64Array(resamples) };
      resampleAucKs(g.bad, g.good, g.groups, seed, ref.auc, ref.ks);
      bootstrapAucKs(g.bad, g.good, g.groups, seed, ours.auc, ours.ks);
      // Bit patterns, not closeness: every resample's AUC and KS.
      expect(new Uint8Array(ours.auc.buffer)).toEqual(new Uint8Array(ref.auc.buffer));
      expect(new Uint8Array(ours.ks.buffer)).toEqual(new Uint8Array(ref.ks.buffer));
      expect(new Set(ours.auc).size).toBeGreaterThan(resamples / 4);
    },
    60_000,
  );

  it.each([
    [3, 12, 0],
    [3, 12, 2],
    [7, 21, 0],
    [40, 160, 5],
  ])(
    '%i bads and %i goods (grid %i), where resamples reach the widest KS gap at several points: the same doubles',
    (nb, ng, grid) => {
      // ng a multiple of nb makes |B·ng − G·nb| repeat at different (B, G), whose gaps B/nb − G/ng round apart.
      const rand = mulberry32(nb + ng + grid);
      const y = Uint8Array.from({ length: nb + ng }, (_, i) => (i < nb ? 1 : 0));
      const score = Float64Array.from(y, (v) => {
        const s = 0.3 * v + rand();
        return grid > 0 ? Math.round(s * grid) / grid : s;
      });
      const g = groupsOf(y, score);
      const resamples = 3000;
      const ref = { auc: new Float64Array(resamples), ks: new Float64Array(resamples) };
      const ours = { auc: new Float64Array(resamples), ks: new Float64Array(resamples) };
      resampleAucKs(g.bad, g.good, g.groups, 11, ref.auc, ref.ks);
      bootstrapAucKs(g.bad, g.good, g.groups, 11, ours.auc, ours.ks);
      expect(new Uint8Array(ours.auc.buffer)).toEqual(new Uint8Array(ref.auc.buffer));
      expect(new Uint8Array(ours.ks.buffer)).toEqual(new Uint8Array(ref.ks.buffer));
    },
    60_000,
  );

  it('reproduces the pinned intervals of @studio/scoring (reference/bootstrap_pinned.json)', () => {
    const file = join(import.meta.dirname, '../../scoring/reference/bootstrap_pinned.json');
    const pinned = JSON.parse(readFileSync(file, 'utf8')) as {
      cases: ({ rows: number; grid: number; resamples: number; seed: number } & Record<
        'auc' | 'ks' | 'gini',
        MetricInterval
      >)[];
    };
    for (const c of pinned.cases) {
      const { y, score } = bootstrapFixture(c.rows, c.grid);
      const r = bootstrapDiscrimination(y, score, {
        resamples: c.resamples,
        seed: c.seed,
        kernel: bootstrapAucKs,
      });
      expect({ auc: r.auc, ks: r.ks, gini: r.gini }).toEqual({ auc: c.auc, ks: c.ks, gini: c.gini });
    }
  }, 60_000);

  it('refuses arrays of the wrong type, group ids out of range and an empty class', () => {
    const auc = new Float64Array(4);
    const ks = new Float64Array(4);
    const one = Uint32Array.of(0);
    expect(() => bootstrapAucKs(Int32Array.of(0) as unknown as Uint32Array, one, 1, 1, auc, ks)).toThrow(
      /Uint32Array/,
    );
    expect(() => bootstrapAucKs(one, Uint32Array.of(2), 2, 1, auc, ks)).toThrow(/out of range/);
    expect(() => bootstrapAucKs(new Uint32Array(0), one, 1, 1, auc, ks)).toThrow(/both classes/);
    expect(() => bootstrapAucKs(one, one, 1, 1, auc, new Float64Array(3))).toThrow(/same length/);
  });
});

describe('native WOE kernels', () => {
  const pinnedFile = join(import.meta.dirname, '../../data/src/transforms/woe/woe-pinned.json');
  const pinned = JSON.parse(readFileSync(pinnedFile, 'utf8')) as { results: Record<string, unknown> };
  const fingerprint = (values: Float64Array) => {
    let h = 0;
    for (let i = 0; i < values.length; i++) h = (h * 31 + ((values[i]! * 1e6) | 0)) | 0;
    return h;
  };

  it.each([
    [5000, 11],
    [70000, 3],
  ])(
    'fitWoe/applyWoe on woeFixture(%i, %i) give the pinned bins, WOE values and IV',
    (rows, seed) => {
      const t = woeFixture(rows, seed);
      useWoeKernels({ fineBins: woeFineBins, woeByRange });
      try {
        for (const monotonic of ['auto', 'ascending', 'none'] as const) {
          const f = fitWoe(t, { target: 'target', monotonic, specialValues: { special: [-1, 999] } });
          const applied = applyWoe(f, woeFixture(3000, seed + 100));
          const sums = applied.columns.map((c) => [
            c.name,
            c.type === 'categorical' ? 0 : fingerprint(c.values),
          ]);
          expect(JSON.parse(JSON.stringify({ fitted: f, applied: sums }))).toEqual(
            pinned.results[`${rows}/${seed}/${monotonic}`],
          );
        }
      } finally {
        useWoeKernels(null);
      }
    },
    60_000,
  );

  it('agree with the TypeScript passes value for value (applied WOE bit for bit)', () => {
    const t = woeFixture(10000, 5);
    const unseen = woeFixture(5000, 6);
    const ts = fitWoe(t, { target: 'target', specialValues: { special: [-1, 999], ints: [30] } });
    const tsApplied = applyWoe(ts, unseen);
    const calls = { fine: 0, apply: 0 };
    useWoeKernels({
      fineBins: (...a) => (calls.fine++, woeFineBins(...a)),
      woeByRange: (...a) => (calls.apply++, woeByRange(...a)),
    });
    try {
      const nat = fitWoe(t, { target: 'target', specialValues: { special: [-1, 999], ints: [30] } });
      expect(nat).toEqual(ts);
      const natApplied = applyWoe(nat, unseen);
      for (const [k, c] of natApplied.columns.entries()) {
        const ref = tsApplied.columns[k]!;
        if (c.type !== 'categorical' && ref.type !== 'categorical')
          // The first row whose bits differ (Object.is: NaN equals NaN, −0 differs from 0), −1 when none.
          expect(c.values.findIndex((v, i) => !Object.is(v, ref.values[i]))).toBe(-1);
      }
      // Six numeric characteristics fitted natively; the four without special codes applied natively.
      expect(calls).toEqual({ fine: 6, apply: 4 });
    } finally {
      useWoeKernels(null);
    }
  }, 60_000);
});
