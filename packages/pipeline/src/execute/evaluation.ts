import type { Evaluation } from '@studio/api';
import type { EvaluationPass, evaluationPass } from '@studio/engine';
import {
  brierScore,
  calibrationCurve,
  gainsTable,
  ksRow,
  ksStatistic,
  orderByScoreDesc,
} from '@studio/scoring';

const ROC_POINTS = 200;
const CUTOFF_STEP = 0.01;

/**
 * The predicted probabilities of the bad rows and of the good rows, each ascending: read off the rows in
 * descending order of probability (`orderByScoreDesc`, cached by the KS table of the same probabilities) from
 * the last row up, instead of two more sorts. Equal probabilities are equal values wherever they land.
 */
function byClass(y: ArrayLike<number>, prob: ArrayLike<number>): { bads: Float64Array; goods: Float64Array } {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  const bads = new Float64Array(pos);
  const goods = new Float64Array(y.length - pos);
  const order = orderByScoreDesc(prob);
  for (let j = order.length - 1, b = 0, g = 0; j >= 0; j--) {
    const i = order[j]!;
    if (y[i]) bads[b++] = prob[i]!;
    else goods[g++] = prob[i]!;
  }
  return { bads, goods };
}

/**
 * Tie-aware AUC from the sorted classes: the Mann–Whitney count of (bad, good) pairs the bad one outranks, ties
 * counting one half, over all pairs. The count is a sum of half-integers, exact in doubles, so this is the very
 * number `auc` of @studio/scoring computes from average ranks, without its comparator sort.
 */
function aucOfSorted(bads: Float64Array, goods: Float64Array): number {
  let u = 0;
  let below = 0;
  for (let b = 0; b < bads.length;) {
    const v = bads[b]!;
    while (below < goods.length && goods[below]! < v) below++;
    let equal = 0;
    while (below + equal < goods.length && goods[below + equal] === v) equal++;
    let same = 0;
    while (b < bads.length && bads[b] === v) {
      b++;
      same++;
    }
    u += same * (below + equal / 2);
  }
  return u / (bads.length * goods.length);
}

/**
 * ROC curve points from the highest probability down (ties taken together), thinned to about `ROC_POINTS`:
 * the origin and one point per distinct probability, of which every `stride`-th and the last are kept. The
 * distinct probabilities are counted first, so only the kept points are made.
 */
function rocCurve(bads: Float64Array, goods: Float64Array): { fpr: number; tpr: number }[] {
  const walk = (visit: (i: number, b: number, g: number) => void) => {
    let b = bads.length - 1;
    let g = goods.length - 1;
    for (let i = 1; b >= 0 || g >= 0; i++) {
      const at = Math.max(b >= 0 ? bads[b]! : -Infinity, g >= 0 ? goods[g]! : -Infinity);
      while (b >= 0 && bads[b] === at) b--;
      while (g >= 0 && goods[g] === at) g--;
      visit(i, b, g);
    }
  };
  let count = 1;
  walk((i) => (count = i + 1));
  const stride = Math.max(1, Math.ceil(count / ROC_POINTS));
  const points = [{ fpr: 0, tpr: 0 }];
  walk((i, b, g) => {
    if (i % stride === 0 || i === count - 1)
      points.push({ fpr: (goods.length - 1 - g) / goods.length, tpr: (bads.length - 1 - b) / bads.length });
  });
  return points;
}

/** Confusion counts at every cutoff on a 0.01 grid, so the browser can move the cutoff without a round trip. */
function cutoffGrid(y: ArrayLike<number>, prob: ArrayLike<number>): Evaluation['cutoffs'] {
  const steps = Math.round(1 / CUTOFF_STEP);
  const badAt = new Float64Array(steps + 2);
  const goodAt = new Float64Array(steps + 2);
  for (let i = 0; i < y.length; i++) {
    // Row i is predicted bad at every cutoff c ≤ prob, i.e. grid points 0..floor(prob / step).
    const k = Math.min(steps, Math.floor(prob[i]! / CUTOFF_STEP + 1e-9));
    if (y[i]) badAt[k]!++;
    else goodAt[k]!++;
  }
  const out: Evaluation['cutoffs'] = [];
  let tp = 0;
  let fp = 0;
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  const neg = y.length - pos;
  for (let k = steps; k >= 0; k--) {
    tp += badAt[k]!;
    fp += goodAt[k]!;
    out.push({ cutoff: Math.round(k * CUTOFF_STEP * 100) / 100, tp, fp, tn: neg - fp, fn: pos - tp });
  }
  return out.reverse();
}

/**
 * The screen's counts in one native pass (`@studio/engine`'s `evaluationPass`, registered by
 * native-kernels.ts): null when the inputs are not valid metric inputs, so the TypeScript path reports why.
 */
export type EvaluationKernel = typeof evaluationPass;

let kernel: EvaluationKernel | null = null;

/** Registers (or, with null, removes) the native pass `buildEvaluation` uses; the same screen either way. */
export function useEvaluationKernel(k: EvaluationKernel | null): void {
  kernel = k;
}

const BANDS = 10;

/**
 * The screen from the native pass's counts, each figure by the same expression as the TypeScript path
 * (`ksStatistic`, `gainsTable`, `calibrationCurve` of @studio/scoring and the functions above), so the doubles
 * are the same.
 */
function fromPass(n: number, r: EvaluationPass, cutoff: number): Evaluation {
  const totalBad = r.totalBad;
  const totalGood = n - totalBad;
  const overall = totalBad / n;
  const area = r.u / (totalBad * totalGood);
  const ksTable: Evaluation['ksTable'] = [];
  const gains: Evaluation['gains'] = [];
  const calibration: Evaluation['calibration'] = [];
  let runBad = 0;
  let runGood = 0;
  let cumCount = 0;
  for (let b = 0; b < r.bandStart.length; b++) {
    const count = r.bandEnd[b]! - r.bandStart[b]!;
    const bads = r.bandBads[b]!;
    runBad += bads;
    runGood += count - bads;
    cumCount += count;
    ksTable.push(ksRow(b, r.bandMin[b]!, r.bandMax[b]!, count, bads, runBad / totalBad, runGood / totalGood));
    gains.push({
      band: b + 1,
      count,
      cumCount,
      bads,
      badRate: bads / count,
      cumBadShare: runBad / totalBad,
      lift: finite(bads / count / overall),
      cumLift: finite(runBad / cumCount / overall),
    });
    calibration.push({ count, meanPredicted: r.bandScoreSum[b]! / count, observedRate: bads / count });
  }
  const roc = [{ fpr: 0, tpr: 0 }];
  for (let k = 0; k < r.rocGoods.length; k++)
    roc.push({ fpr: r.rocGoods[k]! / totalGood, tpr: r.rocBads[k]! / totalBad });
  const cutoffs: Evaluation['cutoffs'] = [];
  let tp = 0;
  let fp = 0;
  for (let k = r.cutBad.length - 2; k >= 0; k--) {
    tp += r.cutBad[k]!;
    fp += r.cutGood[k]!;
    cutoffs.push({
      cutoff: Math.round(k * CUTOFF_STEP * 100) / 100,
      tp,
      fp,
      tn: totalGood - fp,
      fn: totalBad - tp,
    });
  }
  return {
    rows: n,
    bads: totalBad,
    auc: area,
    gini: 2 * area - 1,
    ks: r.ks,
    ksAtScore: r.ksAt,
    brier: r.brierSum / n,
    roc,
    ksTable,
    gains,
    calibration: calibration.reverse(),
    cutoffs: cutoffs.reverse(),
    defaultCutoff: cutoff,
  };
}

/** Everything the evaluation screen shows, from outcomes (1 = bad) and predicted probabilities of default. */
export function buildEvaluation(y: ArrayLike<number>, prob: ArrayLike<number>, cutoff: number): Evaluation {
  if (kernel && y instanceof Uint8Array && y.length === prob.length && y.length > 0) {
    const score = prob instanceof Float64Array ? prob : Float64Array.from(prob);
    const r = kernel(y, score, BANDS, ROC_POINTS, Math.round(1 / CUTOFF_STEP), CUTOFF_STEP);
    if (r) return fromPass(y.length, r, cutoff);
  }
  const ks = ksStatistic(y, prob);
  const sorted = byClass(y, prob);
  const area = aucOfSorted(sorted.bads, sorted.goods);
  return {
    rows: y.length,
    bads: sorted.bads.length,
    auc: area,
    gini: 2 * area - 1,
    ks: ks.ks,
    ksAtScore: ks.atScore,
    brier: brierScore(y, prob),
    roc: rocCurve(sorted.bads, sorted.goods),
    ksTable: ks.table,
    gains: gainsTable(y, prob).map((g) => ({ ...g, lift: finite(g.lift), cumLift: finite(g.cumLift) })),
    calibration: calibrationCurve(y, prob, 10, 'quantile'),
    cutoffs: cutoffGrid(y, prob),
    defaultCutoff: cutoff,
  };
}

function finite(v: number): number {
  return Number.isFinite(v) ? v : 0;
}
