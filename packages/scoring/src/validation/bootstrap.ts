import { UserError } from '@studio/ir';
import { assertLabelsAndScores, orderByScoreDesc } from '../inputs';
import { quantileSorted } from './rng';

/** A metric on the full sample and its bootstrap percentile interval. */
export interface MetricInterval {
  estimate: number;
  lower: number;
  upper: number;
  /** Standard deviation of the metric over the resamples. */
  standardError: number;
}

/** AUC, KS and Gini with intervals, and how they were computed (so a validator can reproduce them). */
export interface BootstrapResult {
  auc: MetricInterval;
  ks: MetricInterval;
  gini: MetricInterval;
  resamples: number;
  seed: number;
  level: number;
  method: 'stratified-percentile';
}

export interface BootstrapOptions {
  /** Number of resamples B (default 1000). */
  resamples?: number;
  /** Seed of the mulberry32 stream (default 42): same seed, same intervals. */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
  /**
   * The resampling loop to run (default: `resampleAucKs`, in TypeScript); the pipeline passes the engine's
   * native, multithreaded twin, which gives the same doubles.
   */
  kernel?: BootstrapKernel;
}

export const BOOTSTRAP_LIMITS = { minResamples: 50, maxResamples: 100_000 } as const;

/**
 * The native twin of the resampling loop (`@studio/engine`'s `bootstrapAucKs`): resample r draws
 * `badGroup.length` bad rows then `goodGroup.length` good rows from the mulberry32 stream seeded with `seed`
 * (continued across resamples), counts each draw in its row's tie group, and writes the weighted AUC and KS
 * to `auc[r]` and `ks[r]`. It must give the same doubles as `resampleAucKs` below (the engine's tests prove it).
 */
export type BootstrapKernel = (
  badGroup: Uint32Array,
  goodGroup: Uint32Array,
  groups: number,
  seed: number,
  auc: Float64Array,
  ks: Float64Array,
) => void;

/**
 * Tie group of every row: groups are the distinct scores, ascending (ids 0..groups−1), read off the rows in
 * descending score order (`orderByScoreDesc`, which the calibration bands of the same scores have just
 * computed and cached) from the last row up.
 */
function tieGroups(score: ArrayLike<number>): { groupOfRow: Uint32Array; groups: number } {
  const order = orderByScoreDesc(score);
  const groupOfRow = new Uint32Array(order.length);
  let groups = 0;
  for (let j = order.length - 1; j >= 0; j--) {
    const i = order[j]!;
    if (j === order.length - 1 || score[i] !== score[order[j + 1]!]) groups++;
    groupOfRow[i] = groups - 1;
  }
  return { groupOfRow, groups };
}

/** AUC and KS of per-group bad counts P and good counts Q (ascending score), `bad` and `good` their totals. */
function groupAucKs(
  P: Float64Array,
  Q: Float64Array,
  bad: number,
  good: number,
): { auc: number; ks: number } {
  let goodBelow = 0;
  let badBelow = 0;
  let num = 0;
  let ks = 0;
  for (let g = 0; g < P.length; g++) {
    const p = P[g]!;
    const q = Q[g]!;
    num += p * goodBelow + 0.5 * p * q;
    goodBelow += q;
    badBelow += p;
    const gap = Math.abs(badBelow / bad - goodBelow / good);
    if (gap > ks) ks = gap;
  }
  return { auc: num / (bad * good), ks };
}

/**
 * The resampling loop in TypeScript (the reference of `BootstrapKernel`): each resample counts its draws per
 * tie group, bads first, then goods, from one mulberry32 stream (rng.ts, inlined).
 */
export function resampleAucKs(
  badGroup: Uint32Array,
  goodGroup: Uint32Array,
  groups: number,
  seed: number,
  aucs: Float64Array,
  kss: Float64Array,
): void {
  const P = new Float64Array(groups);
  const Q = new Float64Array(groups);
  const nb = badGroup.length;
  const ng = goodGroup.length;
  let a = seed | 0;
  for (let r = 0; r < aucs.length; r++) {
    P.fill(0);
    Q.fill(0);
    for (let k = 0; k < nb; k++) {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      P[badGroup[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * nb)]!]!++;
    }
    for (let k = 0; k < ng; k++) {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      Q[goodGroup[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * ng)]!]!++;
    }
    const { auc, ks } = groupAucKs(P, Q, nb, ng);
    aucs[r] = auc;
    kss[r] = ks;
  }
}

function interval(estimate: number, values: Float64Array, level: number): MetricInterval {
  values.sort();
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const alpha = (1 - level) / 2;
  return {
    estimate,
    lower: quantileSorted(values, alpha),
    upper: quantileSorted(values, 1 - alpha),
    standardError: Math.sqrt(ss / (values.length - 1)),
  };
}

/**
 * Bootstrap percentile intervals of AUC, KS and Gini (higher score = riskier, y = 1 bad). Resampling is
 * stratified: each resample draws as many bads from the bads and goods from the goods as the sample has, with
 * replacement, from a seeded mulberry32 stream, so every resample has both classes and the same bad rate.
 */
export function bootstrapDiscrimination(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  options: BootstrapOptions = {},
): BootstrapResult {
  const resamples = options.resamples ?? 1000;
  const seed = options.seed ?? 42;
  const level = options.level ?? 0.95;
  if (
    !Number.isInteger(resamples) ||
    resamples < BOOTSTRAP_LIMITS.minResamples ||
    resamples > BOOTSTRAP_LIMITS.maxResamples
  ) {
    throw new UserError(
      'BOOTSTRAP_RESAMPLES',
      `The bootstrap needs between ${BOOTSTRAP_LIMITS.minResamples} and ${BOOTSTRAP_LIMITS.maxResamples} resamples; ${resamples} was asked.`,
      { resamples },
    );
  }
  if (!(level > 0.5 && level < 1)) {
    throw new UserError(
      'BOOTSTRAP_LEVEL',
      `The interval level must lie between 0.5 and 1; ${level} was asked.`,
      {
        level,
      },
    );
  }
  let bads = 0;
  for (let i = 0; i < y.length; i++) bads += y[i] === 1 ? 1 : 0;
  if (y.length > 0 && (bads === 0 || bads === y.length)) {
    throw new UserError(
      'BOOTSTRAP_ONE_CLASS',
      `The evaluated rows are all ${bads === 0 ? 'good' : 'bad'}, so AUC, KS and their intervals are undefined. Use a test or out-of-time sample with both good and bad loans.`,
      { rows: y.length, bads },
    );
  }
  assertLabelsAndScores(y, score);
  const n = y.length;
  const { groupOfRow, groups } = tieGroups(score);
  const nb = bads;
  const ng = n - bads;
  const badGroup = new Uint32Array(nb);
  const goodGroup = new Uint32Array(ng);
  const P = new Float64Array(groups);
  const Q = new Float64Array(groups);
  for (let i = 0, b = 0, g = 0; i < n; i++) {
    const k = groupOfRow[i]!;
    if (y[i] === 1) {
      badGroup[b++] = k;
      P[k]!++;
    } else {
      goodGroup[g++] = k;
      Q[k]!++;
    }
  }
  const full = groupAucKs(P, Q, nb, ng);
  const aucs = new Float64Array(resamples);
  const kss = new Float64Array(resamples);
  const kernel = nb > 0 && ng > 0 ? (options.kernel ?? resampleAucKs) : resampleAucKs;
  kernel(badGroup, goodGroup, groups, seed | 0, aucs, kss);
  const ginis = Float64Array.from(aucs, (auc) => 2 * auc - 1);
  return {
    auc: interval(full.auc, aucs, level),
    ks: interval(full.ks, kss, level),
    gini: interval(2 * full.auc - 1, ginis, level),
    resamples,
    seed,
    level,
    method: 'stratified-percentile',
  };
}
