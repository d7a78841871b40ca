import { describe, expect, it } from 'vitest';
import { riskBand, scorecardScore } from './score-applicant';
import { buildScorecard, scoreFromProbability } from './scorecard';

const params = { pdo: 20, baseScore: 600, baseOdds: 50 };
const card = buildScorecard(
  {
    intercept: -1,
    characteristics: [
      {
        name: 'a',
        coefficient: -1,
        bins: [
          { label: 'lo', woe: -0.5 },
          { label: 'hi', woe: 0.5 },
        ],
      },
      {
        name: 'b',
        coefficient: -0.5,
        bins: [
          { label: 'x', woe: 0.2 },
          { label: 'y', woe: -0.4 },
        ],
      },
    ],
  },
  params,
  false,
);

describe('applicant score and band', () => {
  it('sums bin points to the score of the model probability', () => {
    const logit = -1 + -1 * 0.5 + -0.5 * -0.4;
    expect(scorecardScore(card, { a: 1, b: 1 })).toBeCloseTo(
      scoreFromProbability(1 / (1 + Math.exp(-logit)), params),
      9,
    );
    expect(() => scorecardScore(card, { a: 1 })).toThrow(
      expect.objectContaining({ code: 'REASON_BIN_MISSING' }),
    );
  });

  it('finds the band by minimum score, lowest band catching the rest', () => {
    const bands = [
      { name: 'C', minScore: 0 },
      { name: 'A', minScore: 650 },
      { name: 'B', minScore: 580 },
    ];
    expect([700, 650, 600, 579, -10].map((s) => riskBand(s, bands))).toEqual(['A', 'A', 'B', 'C', 'C']);
    expect(() => riskBand(1, [])).toThrow(expect.objectContaining({ code: 'RISK_BANDS_EMPTY' }));
  });
});
