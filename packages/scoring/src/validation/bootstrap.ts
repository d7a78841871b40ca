import { UserError } from '@studio/ir';
import { assertLabelsAndScores } from '../inputs';
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
}

export const BOOTSTRAP_LIMITS = { minResamples: 50, maxResamples: 100_000 } as const;

/**
 * Rows sorted by score ascending, cut into runs of equal scores, so that a resample (row multiplicities)
 * gives AUC and KS in O(n) without sorting again.
 */
interface TieOrder {
  order: Uint32Array;
  /** groupEnd[g] is one past the last position of tie group g in `order`. */
  groupEnd: Uint32Array;
}

function tieOrder(score: ArrayLike<number>): TieOrder {
  const n = score.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => score[a]! - score[b]!);
  const ends: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 === n || score[order[i + 1]!] !== score[order[i]!]) ends.push(i + 1);
  }
  return { order, groupEnd: Uint32Array.from(ends) };
}

/** Weighted (by multiplicity) AUC and KS over the tie groups; `bad` and `good` are the weighted class totals. */
function weightedAucKs(
  ties: TieOrder,
  y: ArrayLike<number>,
  weight: ArrayLike<number>,
  bad: number,
  good: number,
): { auc: number; ks: number } {
  let goodBelow = 0;
  let badBelow = 0;
  let num = 0;
  let ks = 0;
  let start = 0;
  for (let g = 0; g < ties.groupEnd.length; g++) {
    const end = ties.groupEnd[g]!;
    let p = 0;
    let q = 0;
    for (let k = start; k < end; k++) {
      const i = ties.order[k]!;
      if (y[i] === 1) p += weight[i]!;
      else q += weight[i]!;
    }
    num += p * goodBelow + 0.5 * p * q;
    goodBelow += q;
    badBelow += p;
    const gap = Math.abs(badBelow / bad - goodBelow / good);
    if (gap > ks) ks = gap;
    start = end;
  }
  return { auc: num / (bad * good), ks };
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
  const badIdx = new Uint32Array(bads);
  const goodIdx = new Uint32Array(n - bads);
  for (let i = 0, b = 0, g = 0; i < n; i++) {
    if (y[i] === 1) badIdx[b++] = i;
    else goodIdx[g++] = i;
  }
  const ties = tieOrder(score);
  const ones = new Float64Array(n).fill(1);
  const full = weightedAucKs(ties, y, ones, bads, n - bads);
  // Each resample counts its draws per tie group (the same draws from the same stream, so the same integer
  // weights per group as weighting rows, summed in the same group order): no per-row weights to clear, and the
  // pass over the scores is a pass over the groups.
  const groups = ties.groupEnd.length;
  const groupOfRow = new Uint32Array(n);
  for (let g = 0, k = 0; g < groups; g++)
    for (const end = ties.groupEnd[g]!; k < end; k++) groupOfRow[ties.order[k]!] = g;
  const badGroup = Uint32Array.from(badIdx, (i) => groupOfRow[i]!);
  const goodGroup = Uint32Array.from(goodIdx, (i) => groupOfRow[i]!);
  const P = new Float64Array(groups);
  const Q = new Float64Array(groups);
  let a = seed | 0;
  const aucs = new Float64Array(resamples);
  const kss = new Float64Array(resamples);
  const ginis = new Float64Array(resamples);
  const nb = badIdx.length;
  const ng = goodIdx.length;
  const bad = bads;
  const good = n - bads;
  for (let r = 0; r < resamples; r++) {
    P.fill(0);
    Q.fill(0);
    // mulberry32 (rng.ts) inlined: the same stream, bads first, then goods.
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
    let goodBelow = 0;
    let badBelow = 0;
    let num = 0;
    let ks = 0;
    for (let g = 0; g < groups; g++) {
      const p = P[g]!;
      const q = Q[g]!;
      num += p * goodBelow + 0.5 * p * q;
      goodBelow += q;
      badBelow += p;
      const gap = Math.abs(badBelow / bad - goodBelow / good);
      if (gap > ks) ks = gap;
    }
    const auc = num / (bad * good);
    aucs[r] = auc;
    kss[r] = ks;
    ginis[r] = 2 * auc - 1;
  }
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
