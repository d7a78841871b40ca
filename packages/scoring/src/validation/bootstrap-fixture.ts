import { mulberry32 } from './rng';

/**
 * Fixed labelled scores for pinning the bootstrap's intervals: `rows` rows, about 20 % bad, a score that
 * rises with risk, rounded to `grid` steps so that many rows tie (grid 0 keeps every score distinct).
 */
export function bootstrapFixture(
  rows: number,
  grid: number,
  seed = 2024,
): { y: Uint8Array; score: Float64Array } {
  const rand = mulberry32(seed);
  const y = new Uint8Array(rows);
  const score = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    y[i] = rand() < 0.2 ? 1 : 0;
    const s = 1 / (1 + Math.exp(-(y[i]! * 1.1 + 2 * rand() - 2)));
    score[i] = grid > 0 ? Math.round(s * grid) / grid : s;
  }
  return { y, score };
}
