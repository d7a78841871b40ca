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
});
