import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bootstrapDiscrimination,
  bootstrapFixture,
  resampleAucKs,
  type BootstrapKernel,
  type MetricInterval,
} from './index';

interface PinnedCase {
  rows: number;
  grid: number;
  resamples: number;
  seed: number;
  auc: MetricInterval;
  ks: MetricInterval;
  gini: MetricInterval;
}
const pinned = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../reference/bootstrap_pinned.json'), 'utf8'),
) as { cases: PinnedCase[] };

describe('bootstrap intervals are pinned to the bit (reference/bootstrap_pinned.json)', () => {
  it.each(pinned.cases)(
    '$rows rows, grid $grid, $resamples resamples, seed $seed',
    ({ rows, grid, resamples, seed, auc, ks, gini }) => {
      const { y, score } = bootstrapFixture(rows, grid);
      const r = bootstrapDiscrimination(y, score, { resamples, seed });
      // toEqual compares numbers exactly: the same doubles as the implementation that wrote the file.
      expect({ auc: r.auc, ks: r.ks, gini: r.gini }).toEqual({ auc, ks, gini });
    },
    60_000,
  );

  it('runs the kernel it is given on the tie groups (and only the resampling goes through it)', () => {
    const { y, score } = bootstrapFixture(2000, 50);
    const seen: number[] = [];
    const counting: BootstrapKernel = (bad, good, groups, seed, auc, ks) => {
      seen.push(bad.length, good.length, groups, seed, auc.length);
      resampleAucKs(bad, good, groups, seed, auc, ks);
    };
    const plain = bootstrapDiscrimination(y, score, { resamples: 60, seed: 3 });
    expect(bootstrapDiscrimination(y, score, { resamples: 60, seed: 3, kernel: counting })).toEqual(plain);
    let bads = 0;
    for (const v of y) bads += v;
    expect(seen).toEqual([bads, 2000 - bads, new Set(score).size, 3, 60]);
    const off: BootstrapKernel = (bad, good, groups, seed, auc, ks) => {
      resampleAucKs(bad, good, groups, seed + 1, auc, ks);
    };
    const other = bootstrapDiscrimination(y, score, { resamples: 60, seed: 3, kernel: off });
    expect(other.auc.estimate).toBe(plain.auc.estimate);
    expect(other.auc.lower).not.toBe(plain.auc.lower);
  }, 60_000);
});
