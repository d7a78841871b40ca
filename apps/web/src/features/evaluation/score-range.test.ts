import { describe, expect, it } from 'vitest';
import { scoreRange } from './score-range';

const row = (characteristic: string, points: number) => ({ characteristic, bin: 'b', woe: 0, points });

describe('scoreRange', () => {
  it('adds up the extreme points of every characteristic', () => {
    const card = {
      pdo: 20,
      baseScore: 600,
      baseOdds: 50,
      rows: [row('A', 10), row('A', 30), row('B', -4), row('B', 5)],
    };
    expect(scoreRange(card)).toEqual({ min: 6, max: 35 });
  });
  it('is null for an empty scorecard', () => {
    expect(scoreRange({ pdo: 20, baseScore: 600, baseOdds: 50, rows: [] })).toBeNull();
  });
});
