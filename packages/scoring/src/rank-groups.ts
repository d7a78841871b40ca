import { orderByScoreDesc } from './inputs';

/** One score band: rows `order[start..end)` of the descending score order. */
export interface RankGroup {
  start: number;
  end: number;
  minScore: number;
  maxScore: number;
}

/**
 * Cuts rows sorted by descending score into `groups` bands of near-equal size (deciles for 10). A band never
 * splits rows with equal scores, so a band may be larger and the last bands fewer when scores are heavily tied.
 */
export function rankGroups(
  score: ArrayLike<number>,
  groups: number,
): { order: Uint32Array; groups: RankGroup[] } {
  const order = orderByScoreDesc(score);
  const n = order.length;
  const out: RankGroup[] = [];
  let start = 0;
  for (let g = 1; g <= groups && start < n; g++) {
    let end = g === groups ? n : Math.max(start + 1, Math.round((g * n) / groups));
    while (end < n && score[order[end]!] === score[order[end - 1]!]) end++;
    out.push({ start, end, maxScore: score[order[start]!]!, minScore: score[order[end - 1]!]! });
    start = end;
  }
  return { order, groups: out };
}
