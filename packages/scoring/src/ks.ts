import { assertLabelsAndScores } from './inputs';
import { rankGroups } from './rank-groups';

/** One band of the KS table, ordered from highest score (riskiest) down. */
export interface KsRow {
  band: number;
  minScore: number;
  maxScore: number;
  count: number;
  bads: number;
  goods: number;
  badRate: number;
  cumBadShare: number;
  cumGoodShare: number;
  ks: number;
}

/** The Kolmogorov–Smirnov statistic, the score where it is reached, and the banded KS table. */
export interface KsResult {
  ks: number;
  /** Rows scoring at or above this value are the side that separates best. */
  atScore: number;
  table: KsRow[];
}

/**
 * KS: the largest gap between the cumulative share of bads and of goods when rows are taken from the highest
 * score down, evaluated exactly at every distinct score; the table shows the same gap per band (10 by default).
 */
export function ksStatistic(y: ArrayLike<number>, score: ArrayLike<number>, bands = 10): KsResult {
  assertLabelsAndScores(y, score);
  const { order, groups } = rankGroups(score, bands);
  let totalBad = 0;
  for (let i = 0; i < y.length; i++) totalBad += y[i]!;
  const totalGood = y.length - totalBad;
  let ks = 0;
  let atScore = score[order[0]!]!;
  let cumBad = 0;
  for (let i = 0; i < order.length; i++) {
    cumBad += y[order[i]!]!;
    const last = i + 1 === order.length || score[order[i + 1]!] !== score[order[i]!];
    if (!last) continue;
    const gap = Math.abs(cumBad / totalBad - (i + 1 - cumBad) / totalGood);
    if (gap > ks) {
      ks = gap;
      atScore = score[order[i]!]!;
    }
  }
  let runBad = 0;
  let runGood = 0;
  const table = groups.map((g, band): KsRow => {
    let bads = 0;
    for (let i = g.start; i < g.end; i++) bads += y[order[i]!]!;
    const count = g.end - g.start;
    runBad += bads;
    runGood += count - bads;
    return ksRow(band, g.minScore, g.maxScore, count, bads, runBad / totalBad, runGood / totalGood);
  });
  return { ks, atScore, table };
}

/**
 * One band of the KS table (`band` 0-based) from its counts and the cumulative shares of bads and goods up to it:
 * the one expression of each figure, shared with the evaluation screen's native pass.
 */
export function ksRow(
  band: number,
  minScore: number,
  maxScore: number,
  count: number,
  bads: number,
  cumBadShare: number,
  cumGoodShare: number,
): KsRow {
  return {
    band: band + 1,
    minScore,
    maxScore,
    count,
    bads,
    goods: count - bads,
    badRate: bads / count,
    cumBadShare,
    cumGoodShare,
    ks: Math.abs(cumBadShare - cumGoodShare),
  };
}
