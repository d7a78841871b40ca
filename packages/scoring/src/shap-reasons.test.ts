import { describe, expect, it } from 'vitest';
import { shapReasonCodes } from './shap-reasons';

describe('shapReasonCodes', () => {
  const sources = ['income', 'housing', 'housing', 'age', 'debt', 'late'];

  it('sums one-hot contributions per raw column and keeps only pushes toward default, largest first', () => {
    const shap = [-0.2, 0.3, 0.1, 0.05, 0.5, 0.0];
    const r = shapReasonCodes(shap, sources, { housing: 'rent', debt: 12000, age: null }, 20 / Math.LN2);
    expect(r.map((x) => x.characteristic)).toEqual(['debt', 'housing', 'age']);
    expect(r.map((x) => x.code)).toEqual(['R04', 'R02', 'R03']);
    expect(r[0]!.value).toBe('12000');
    expect(r[1]!.value).toBe('rent');
    expect(r[2]!.value).toBe('missing');
    expect(r[1]!.points).toBeCloseTo((0.4 * 20) / Math.LN2, 12);
  });

  it('gives at most four codes, ties in feature order, and none when nothing pushes toward default', () => {
    const all = shapReasonCodes([0.1, 0.1, 0, 0.1, 0.1, 0.1], sources, {}, 1);
    expect(all.map((x) => x.characteristic)).toEqual(['income', 'housing', 'age', 'debt']);
    expect(shapReasonCodes([-1, 0, 0, -0.5, 0, 0], sources, {}, 1)).toEqual([]);
  });
});
