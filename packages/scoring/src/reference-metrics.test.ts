import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brierScore, calibrationCurve } from './calibration';
import { ksStatistic } from './ks';

const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, '../reference/sklearn_reference.json'), 'utf8'),
) as Record<string, { ks: number; brier: number; calibration: number[][]; yTest: number[]; proba: number[] }>;

describe('metrics agree with scipy / scikit-learn on sklearn held-out probabilities', () => {
  for (const name of ['german_credit', 'taiwan_default']) {
    it(name, () => {
      const ref = reference[name]!;
      expect(ksStatistic(ref.yTest, ref.proba).ks).toBeCloseTo(ref.ks, 12);
      expect(brierScore(ref.yTest, ref.proba)).toBeCloseTo(ref.brier, 12);
      const curve = calibrationCurve(ref.yTest, ref.proba, 10);
      const [probTrue, probPred] = ref.calibration;
      expect(curve.map((b) => b.observedRate)).toEqual(probTrue!.map((v) => expect.closeTo(v, 12)));
      expect(curve.map((b) => b.meanPredicted)).toEqual(probPred!.map((v) => expect.closeTo(v, 12)));
    });
  }
});
