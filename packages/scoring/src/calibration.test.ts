import { describe, expect, it } from 'vitest';
import { brierScore, calibrationCurve } from './calibration';
import { confusionMatrix } from './confusion';

describe('calibration and classification metrics', () => {
  it('brier score is the mean squared error', () => {
    expect(brierScore([0, 1, 1], [0.1, 0.8, 0.5])).toBeCloseTo((0.01 + 0.04 + 0.25) / 3, 12);
  });

  it('calibration curve groups by predicted probability', () => {
    const y = [0, 0, 1, 1, 1, 0];
    const p = [0.05, 0.15, 0.95, 0.85, 0.91, 0.99];
    const uniform = calibrationCurve(y, p, 2);
    expect(uniform).toEqual([
      { count: 2, meanPredicted: 0.1, observedRate: 0 },
      { count: 4, meanPredicted: (0.95 + 0.85 + 0.91 + 0.99) / 4, observedRate: 0.75 },
    ]);
    const quantile = calibrationCurve(y, p, 3, 'quantile');
    expect(quantile.map((b) => b.count)).toEqual([2, 2, 2]);
    expect(quantile[0]!.meanPredicted).toBeCloseTo(0.1, 12);
    expect(() => calibrationCurve([0, 1], [0.2, 1.5])).toThrow(
      expect.objectContaining({ code: 'METRIC_NOT_PROBABILITY' }),
    );
  });

  it('confusion matrix at a cutoff', () => {
    const m = confusionMatrix([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.1, 0.5], 0.5);
    expect(m).toMatchObject({ tp: 2, fn: 1, fp: 1, tn: 1, accuracy: 0.6 });
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
  });
});
