import { describe, expect, it } from 'vitest';
import { orderByScoreDesc } from './inputs';

describe('orderByScoreDesc', () => {
  it('is the order of sorting indices by (−score, index), ties and signed zeros included', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [0, 1, 2, 7, 1000, 30000]) {
      for (const levels of [3, 100, 0]) {
        const score = Array.from({ length: n }, () =>
          levels ? Math.floor(rand() * levels) / levels - 0.5 : rand() * 2 - 1,
        );
        if (n > 2) score[1] = -0;
        const expected = Uint32Array.from(score.keys()).sort((a, b) => score[b]! - score[a]! || a - b);
        expect(orderByScoreDesc(score)).toEqual(expected);
        expect(orderByScoreDesc(Float64Array.from(score))).toEqual(expected);
      }
    }
  });

  it('reuses an order only while it is still the order of the scores', () => {
    const score = Float64Array.from([0.2, 0.9, 0.5, 0.5, 0.1]);
    const first = orderByScoreDesc(score);
    expect([...first]).toEqual([1, 2, 3, 0, 4]);
    first[0] = 4; // a caller scribbling on its copy does not reach the next call
    expect([...orderByScoreDesc(score)]).toEqual([1, 2, 3, 0, 4]);
    score[4] = 0.95; // the scores changed: a fresh order
    expect([...orderByScoreDesc(score)]).toEqual([4, 1, 2, 3, 0]);
    score[2] = 0.5;
    score[3] = 0.5;
    expect([...orderByScoreDesc(score)]).toEqual([4, 1, 2, 3, 0]);
  });
});
