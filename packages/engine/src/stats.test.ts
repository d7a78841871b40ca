import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bootstrapDiscrimination,
  bootstrapFixture,
  resampleAucKs,
  type MetricInterval,
} from '@studio/scoring';
import { describe, expect, it } from 'vitest';
import { bootstrapAucKs } from './index';

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
  });

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
