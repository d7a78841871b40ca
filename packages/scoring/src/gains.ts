import { assertLabelsAndScores } from './inputs';
import { rankGroups } from './rank-groups';

/** One band of a gains/lift chart, ordered from highest score (riskiest) down. */
export interface GainsRow {
  band: number;
  count: number;
  cumCount: number;
  bads: number;
  badRate: number;
  /** Share of all bads captured in this band and those above it (the gains curve). */
  cumBadShare: number;
  /** Bad rate of the band over the overall bad rate. */
  lift: number;
  /** Bad rate of this band and those above over the overall bad rate. */
  cumLift: number;
}

/** Gains and lift by score band (deciles by default), highest score first. */
export function gainsTable(y: ArrayLike<number>, score: ArrayLike<number>, bands = 10): GainsRow[] {
  assertLabelsAndScores(y, score);
  const { order, groups } = rankGroups(score, bands);
  let totalBad = 0;
  for (let i = 0; i < y.length; i++) totalBad += y[i]!;
  const overall = totalBad / y.length;
  let cumBad = 0;
  let cumCount = 0;
  return groups.map((g, band) => {
    let bads = 0;
    for (let i = g.start; i < g.end; i++) bads += y[order[i]!]!;
    const count = g.end - g.start;
    cumBad += bads;
    cumCount += count;
    return {
      band: band + 1,
      count,
      cumCount,
      bads,
      badRate: bads / count,
      cumBadShare: cumBad / totalBad,
      lift: bads / count / overall,
      cumLift: cumBad / cumCount / overall,
    };
  });
}
