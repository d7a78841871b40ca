import { describe, expect, it } from 'vitest';
import { reasonCodes } from './reason-codes';
import {
  buildScorecard,
  probabilityFromScore,
  scalingOf,
  scoreFromProbability,
  type WoeLogisticModel,
} from './scorecard';

const params = { pdo: 20, baseScore: 600, baseOdds: 50 };
const model: WoeLogisticModel = {
  intercept: -1.2,
  characteristics: [
    {
      name: 'age',
      coefficient: -0.9,
      bins: [
        { label: '<25', woe: -0.5 },
        { label: '25-40', woe: 0.1 },
        { label: '>40', woe: 0.6 },
      ],
    },
    {
      name: 'income',
      coefficient: -1.1,
      bins: [
        { label: 'low', woe: -0.8 },
        { label: 'high', woe: 0.4 },
      ],
    },
    {
      name: 'history',
      coefficient: -0.7,
      bins: [
        { label: 'late', woe: -1.0 },
        { label: 'ok', woe: 0.3 },
      ],
    },
  ],
};

describe('scorecard scaling', () => {
  it('uses factor = PDO/ln2 and offset = base − factor·ln(odds)', () => {
    const s = scalingOf(params);
    expect(s.factor).toBeCloseTo(28.8539, 4);
    expect(s.offset).toBeCloseTo(487.1229, 4);
    expect(scoreFromProbability(1 / 51, params)).toBeCloseTo(600, 9);
    expect(scoreFromProbability(1 / 101, params)).toBeCloseTo(620, 1);
    expect(probabilityFromScore(600, params)).toBeCloseTo(1 / 51, 12);
    expect(() => scalingOf({ ...params, pdo: 0 })).toThrow(
      expect.objectContaining({ code: 'SCORECARD_BAD_SCALING' }),
    );
  });

  it('points per bin add up to the score of the model probability', () => {
    const card = buildScorecard(model, params, false);
    const pick = [2, 0, 1];
    const logit =
      model.intercept +
      model.characteristics.reduce((s, c, i) => s + c.coefficient * c.bins[pick[i]!]!.woe, 0);
    const total = card.characteristics.reduce((s, c, i) => s + c.bins[pick[i]!]!.points, 0);
    expect(total).toBeCloseTo(scoreFromProbability(1 / (1 + Math.exp(-logit)), params), 9);
    const rounded = buildScorecard(model, params);
    expect(rounded.characteristics.flatMap((c) => c.bins.map((b) => b.points)).every(Number.isInteger)).toBe(
      true,
    );
  });
});

describe('reasonCodes', () => {
  it('lists the characteristics that lost the most points against their best bin', () => {
    const card = buildScorecard(model, params);
    const reasons = reasonCodes(card, { bins: { age: 0, income: 0, history: 1 }, values: { age: 22 } });
    expect(reasons.map((r) => r.characteristic)).toEqual(['income', 'age']);
    expect(reasons[0]).toEqual({
      code: 'R02',
      characteristic: 'income',
      value: 'low',
      points: expect.any(Number),
    });
    expect(reasons[1]!.value).toBe('22');
    const best = card.characteristics[1]!.bins;
    expect(reasons[0]!.points).toBe(best[1]!.points - best[0]!.points);
    expect(reasonCodes(card, { bins: { age: 0, income: 0, history: 0 } }, 2, { history: 'H1' })).toHaveLength(
      2,
    );
    expect(reasonCodes(card, { bins: { age: 2, income: 1, history: 1 } })).toEqual([]);
    expect(() => reasonCodes(card, { bins: { age: 7, income: 1, history: 1 } })).toThrow(
      expect.objectContaining({ code: 'REASON_BIN_MISSING' }),
    );
  });
});
