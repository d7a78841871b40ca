// Test-only: seeded random tree dumps that exercise every path of an evaluator (NaN directions, categorical ranks).
import type { TreesDump } from './tree-dump';

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `trees` random trees of depth at most `depth` over `kinds` features; numeric thresholds are arbitrary doubles
 * in [-2, 2] (mostly not float32 values), categorical features split on ranks.
 */
export function randomDump(
  kinds: TreesDump['features'],
  trees: number,
  depth: number,
  seed: number,
): TreesDump {
  const r = rng(seed);
  const dump: TreesDump = {
    format: 'studio-gbm-trees',
    version: 1,
    cols: kinds.length,
    baseScore: r() - 0.5,
    features: kinds,
    trees: [],
  };
  for (let k = 0; k < trees; k++) {
    const t: TreesDump['trees'][number] = {
      feature: [],
      threshold: [],
      defaultLeft: [],
      left: [],
      right: [],
      value: [],
      cover: [],
    };
    const grow = (d: number): number => {
      const i = t.feature.length;
      const leaf = d === depth || (d > 0 && r() < 0.25);
      const j = Math.floor(r() * kinds.length);
      const kind = kinds[j]!;
      t.feature.push(leaf ? -1 : j);
      t.threshold.push(leaf ? 0 : kind.kind === 'numeric' ? r() * 4 - 2 : Math.floor(r() * kind.rank.length));
      t.defaultLeft.push(r() < 0.5);
      t.left.push(-1);
      t.right.push(-1);
      t.value.push(leaf ? (r() - 0.5) * 0.2 : 0);
      t.cover.push(1);
      if (!leaf) {
        t.left[i] = grow(d + 1);
        t.right[i] = grow(d + 1);
      }
      return i;
    };
    grow(0);
    dump.trees.push(t);
  }
  return dump;
}
