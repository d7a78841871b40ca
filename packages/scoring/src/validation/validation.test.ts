import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auc } from '../auc';
import { ksStatistic } from '../ks';
import {
  ageBand,
  bootstrapDiscrimination,
  calibrationByBand,
  calibrationInTheLarge,
  categoricalStability,
  chiSquareSurvival,
  cutoffTable,
  fairnessReport,
  hosmerLemeshow,
  numericStability,
  scoreDistribution,
  stabilityReading,
  validateSample,
} from './index';

const dir = join(import.meta.dirname, '../../reference');
const sk = JSON.parse(readFileSync(join(dir, 'sklearn_reference.json'), 'utf8')) as Record<
  string,
  { yTest: number[]; proba: number[] }
>;
interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  standardError: number;
}
const ref = JSON.parse(readFileSync(join(dir, 'validation_reference.json'), 'utf8')) as {
  bootstrap: Record<'auc' | 'ks' | 'gini', Interval>;
  hosmerLemeshow: { statistic: number; df: number; pValue: number; groups: number };
  calibrationInTheLarge: { zScore: number; pValue: number };
  chi2sf: [number, number, number][];
};
const german = sk.german_credit!;

describe('bootstrap intervals agree with numpy/scipy on the German test rows (validation_reference.py)', () => {
  const ours = bootstrapDiscrimination(german.yTest, german.proba, { resamples: 4000, seed: 7 });
  // Monte-Carlo tolerance: the 2.5% / 97.5% quantiles of 4000 resamples vary by about 0.002 (AUC) and 0.004
  // (KS, which also moves in steps of about 0.005 on 300 rows); the reference used 20000 resamples.
  const tolerance = { auc: 0.01, gini: 0.02, ks: 0.02 } as const;
  for (const metric of ['auc', 'gini', 'ks'] as const) {
    it(metric, () => {
      const r = ref.bootstrap[metric];
      expect(ours[metric].estimate).toBeCloseTo(r.estimate, 12);
      expect(Math.abs(ours[metric].lower - r.lower)).toBeLessThan(tolerance[metric]);
      expect(Math.abs(ours[metric].upper - r.upper)).toBeLessThan(tolerance[metric]);
      expect(ours[metric].standardError / r.standardError).toBeGreaterThan(0.9);
      expect(ours[metric].standardError / r.standardError).toBeLessThan(1.1);
      expect(ours[metric].lower).toBeLessThan(ours[metric].estimate);
      expect(ours[metric].upper).toBeGreaterThan(ours[metric].estimate);
    });
  }

  it('point estimates are those of auc() and ksStatistic()', () => {
    expect(ours.auc.estimate).toBeCloseTo(auc(german.yTest, german.proba), 12);
    expect(ours.ks.estimate).toBeCloseTo(ksStatistic(german.yTest, german.proba).ks, 12);
  });

  it('is seeded: same seed same intervals, another seed other intervals; B and level are honoured', () => {
    const a = bootstrapDiscrimination(german.yTest, german.proba, { resamples: 200, seed: 1 });
    const b = bootstrapDiscrimination(german.yTest, german.proba, { resamples: 200, seed: 1 });
    const c = bootstrapDiscrimination(german.yTest, german.proba, { resamples: 200, seed: 2 });
    expect(a).toEqual(b);
    expect(a.auc.lower).not.toBe(c.auc.lower);
    expect(a.resamples).toBe(200);
    const narrow = bootstrapDiscrimination(german.yTest, german.proba, {
      resamples: 200,
      seed: 1,
      level: 0.8,
    });
    expect(narrow.auc.upper - narrow.auc.lower).toBeLessThan(a.auc.upper - a.auc.lower);
  });

  it('refuses one class, too few resamples and a level outside (0.5, 1)', () => {
    expect(() => bootstrapDiscrimination([0, 0, 0], [0.1, 0.2, 0.3])).toThrow(
      expect.objectContaining({ code: 'BOOTSTRAP_ONE_CLASS', message: expect.stringContaining('all good') }),
    );
    expect(() => bootstrapDiscrimination([0, 1], [0.1, 0.2], { resamples: 10 })).toThrow(
      expect.objectContaining({ code: 'BOOTSTRAP_RESAMPLES' }),
    );
    expect(() => bootstrapDiscrimination([0, 1], [0.1, 0.2], { level: 1 })).toThrow(
      expect.objectContaining({ code: 'BOOTSTRAP_LEVEL' }),
    );
  });
});

describe('chi-square survival function', () => {
  it('matches scipy.stats.chi2.sf on a grid', () => {
    for (const [x, df, p] of ref.chi2sf) {
      expect(Math.abs(chiSquareSurvival(x, df) - p)).toBeLessThan(1e-12 + 1e-10 * p);
    }
  });
  it('edge cases', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(Infinity, 3)).toBe(0);
    expect(chiSquareSurvival(2, 2)).toBeCloseTo(Math.exp(-1), 14);
    expect(chiSquareSurvival(1, 0)).toBeNaN();
  });
});

describe('calibration', () => {
  const bands = calibrationByBand(german.yTest, german.proba);

  it('Hosmer–Lemeshow statistic, df and p-value match the scipy reference on the same decile bands', () => {
    const hl = hosmerLemeshow(bands);
    expect(hl.groups).toBe(ref.hosmerLemeshow.groups);
    expect(hl.df).toBe(ref.hosmerLemeshow.df);
    expect(hl.statistic).toBeCloseTo(ref.hosmerLemeshow.statistic, 9);
    expect(hl.pValue).toBeCloseTo(ref.hosmerLemeshow.pValue, 9);
  });

  it('bands run from lowest to highest risk and account for every row and bad', () => {
    expect(bands.map((b) => b.band)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bands.reduce((s, b) => s + b.count, 0)).toBe(300);
    expect(bands.reduce((s, b) => s + b.observedBads, 0)).toBe(german.yTest.reduce((s, v) => s + v, 0));
    for (let i = 1; i < bands.length; i++)
      expect(bands[i]!.minPredicted).toBeGreaterThanOrEqual(bands[i - 1]!.maxPredicted);
  });

  it('calibration-in-the-large: z and two-sided p as scipy', () => {
    const c = calibrationInTheLarge(german.yTest, german.proba);
    expect(c.zScore).toBeCloseTo(ref.calibrationInTheLarge.zScore, 10);
    expect(c.pValue).toBeCloseTo(ref.calibrationInTheLarge.pValue, 10);
    expect(calibrationInTheLarge([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25])).toMatchObject({
      meanPredicted: 0.25,
      observedRate: 0.25,
      difference: 0,
      ratio: 1,
      zScore: 0,
    });
  });

  it('Hosmer–Lemeshow by hand on two bands', () => {
    const hl = hosmerLemeshow([
      {
        band: 1,
        count: 10,
        minPredicted: 0,
        maxPredicted: 0,
        meanPredicted: 0.1,
        observedRate: 0.3,
        expectedBads: 1,
        observedBads: 3,
      },
      {
        band: 2,
        count: 10,
        minPredicted: 0,
        maxPredicted: 0,
        meanPredicted: 0.5,
        observedRate: 0.4,
        expectedBads: 5,
        observedBads: 4,
      },
      {
        band: 3,
        count: 10,
        minPredicted: 0,
        maxPredicted: 0,
        meanPredicted: 0.5,
        observedRate: 0.5,
        expectedBads: 5,
        observedBads: 5,
      },
    ]);
    expect(hl.statistic).toBeCloseTo(4 / (1 * 0.9) + 1 / (5 * 0.5), 12);
    expect(hl.df).toBe(1);
  });
});

describe('adverse impact (hand-computed fixture)', () => {
  // Group A: 10 applicants, PDs 0.05..0.95; group B: 10 applicants, PDs 0.35..0.80. Cut-off 0.5.
  const pa = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.6, 0.95];
  const ya = [0, 0, 0, 0, 0, 1, 0, 0, 1, 1];
  const pb = [0.35, 0.4, 0.45, 0.45, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
  const yb = [0, 0, 0, 1, 0, 1, 0, 1, 1, 1];
  const report = fairnessReport(
    'sex',
    [...ya, ...yb],
    [...pa, ...pb],
    [...pa.map(() => 'A'), ...pb.map(() => 'B')],
    0.5,
  );

  it('approval rates, ratio and the four-fifths flag', () => {
    const [a, b] = report.groups;
    expect(report.referenceGroup).toBe('A');
    expect(a).toMatchObject({
      group: 'A',
      size: 10,
      bads: 3,
      approved: 8,
      approvalRate: 0.8,
      adverseImpactRatio: 1,
    });
    expect(a!.belowFourFifths).toBe(false);
    expect(b).toMatchObject({ group: 'B', size: 10, bads: 5, approved: 4, approvalRate: 0.4 });
    expect(b!.adverseImpactRatio).toBeCloseTo(0.5, 12);
    expect(b!.belowFourFifths).toBe(true);
    expect(report.flagged).toEqual(['B']);
  });

  it('TPR, FPR and AUC within each group', () => {
    const [a, b] = report.groups;
    // A declines rows 8, 9 (both bad) of 3 bads; no good declined.
    expect(a!.tpr).toBeCloseTo(2 / 3, 12);
    expect(a!.fpr).toBe(0);
    // B declines the six rows from 0.55: bads at 0.6, 0.7, 0.75, 0.8 (4 of 5), goods at 0.55, 0.65 (2 of 5).
    expect(b!.tpr).toBeCloseTo(4 / 5, 12);
    expect(b!.fpr).toBeCloseTo(2 / 5, 12);
    // A: bads 0.3, 0.6, 0.95 vs goods 0.05..0.4 (7): 0.3 beats 5, 0.6 and 0.95 beat 7 → 19 / 21.
    expect(a!.auc).toBeCloseTo(19 / 21, 12);
    expect(b!.auc).toBeCloseTo(auc(yb, pb), 12);
  });

  it('a four-fifths ratio exactly is not flagged; one group, and a group of one class, are handled', () => {
    const r = fairnessReport(
      'g',
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      [0.1, 0.1, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.9],
      ['x', 'x', 'x', 'x', 'x', 'y', 'y', 'y', 'y', 'y'],
      0.5,
    );
    expect(r.groups.map((g) => g.adverseImpactRatio)).toEqual([1, 1]);
    expect(r.groups.find((g) => g.group === 'x')!.auc).toBeNull();
    const s = fairnessReport(
      'g',
      [0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
      [0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1],
      ['x', 'x', 'x', 'x', 'x', 'y', 'y', 'y', 'y', 'y'],
      0.5,
    );
    expect(s.groups.find((g) => g.group === 'y')!.adverseImpactRatio).toBeCloseTo(0.8, 12);
    expect(s.flagged).toEqual([]);
    expect(() => fairnessReport('g', [0, 1], [0.1, 0.2], ['x', 'x'], 0.5)).toThrow(
      expect.objectContaining({ code: 'FAIRNESS_ONE_GROUP', message: expect.stringContaining('"x"') }),
    );
    const m = fairnessReport('g', [0, 1], [0.1, 0.2], ['x', null], 0.5);
    expect(m.groups.map((g) => g.group).sort()).toEqual(['(missing)', 'x']);
  });

  it('a tiny group approved at 100% is not the reference (at least 5% of rows and 10 rows)', () => {
    // 3 rows of "tiny" all approved; 100 rows of "big" approved 80%.
    const prob = [0.1, 0.1, 0.1, ...Array.from({ length: 100 }, (_, i) => (i < 80 ? 0.2 : 0.8))];
    const y = prob.map((p) => (p > 0.5 ? 1 : 0));
    const r = fairnessReport(
      'g',
      y,
      prob,
      [...['tiny', 'tiny', 'tiny'], ...Array.from({ length: 100 }, () => 'big')],
      0.5,
    );
    expect(r.referenceMinSize).toBe(10);
    expect(r.referenceGroup).toBe('big');
    expect(r.groups.find((g) => g.group === 'big')!.adverseImpactRatio).toBe(1);
    expect(r.groups.find((g) => g.group === 'tiny')!.adverseImpactRatio).toBeCloseTo(1.25, 12);
    expect(r.flagged).toEqual([]);
  });

  it('age bands', () => {
    expect([19, 25, 34, 35, 64, 65, 80, NaN].map((a) => ageBand(a))).toEqual([
      'under 25',
      '25–34',
      '25–34',
      '35–44',
      '55–64',
      '65 and over',
      '65 and over',
      null,
    ]);
  });
});

describe('stability (hand-computed fixtures)', () => {
  const c = (a: number, e: number) => (a - e) * Math.log(a / e);
  it('CSI of a categorical characteristic, missing as its own category', () => {
    const r = categoricalStability([0, 0, 1, 1], [0, 1, 1, 1, -1], ['a', 'b']);
    expect(r.index).toBeCloseTo(c(0.2, 0.5) + c(0.6, 0.5) + c(0.2, 1e-4), 12);
    expect(r.bins.map((b) => b.label)).toEqual(['a', 'b', '(missing)']);
    expect(r.reading).toBe('shifted');
    expect(categoricalStability([0, 1], [1, 0], ['a', 'b']).index).toBe(0);
  });
  it('PSI of a numeric score with labels, and the reading thresholds', () => {
    const r = numericStability([1, 1, 2, 2], [1, 2, 2, 2], 2);
    expect(r.index).toBeCloseTo(c(0.25, 0.5) + c(0.75, 0.5), 12);
    expect(r.bins.map((b) => b.label)).toEqual(['(−∞, 1]', '(1, ∞]']);
    expect([0.05, 0.1, 0.25, 0.26].map(stabilityReading)).toEqual(['stable', 'watch', 'watch', 'shifted']);
  });
});

describe('cut-off table and score distribution (hand-computed)', () => {
  const y = [0, 0, 1, 0, 1];
  const p = [0.1, 0.2, 0.3, 0.4, 0.8];
  it('approval, bad rate and losses by cut-off under LGD and EAD', () => {
    const t = cutoffTable(y, p, { lgd: 0.5, ead: [100, 200, 300, 400, 500] }, [0.35, 0.5, 1]);
    expect(t.rows[0]).toMatchObject({ cutoff: 0.35, approved: 3, approvalRate: 0.6, approvedBads: 1 });
    expect(t.rows[0]!.badRate).toBeCloseTo(1 / 3, 12);
    expect(t.rows[0]!.badsDeclined).toBeCloseTo(0.5, 12);
    expect(t.rows[0]!.expectedLoss).toBeCloseTo(0.5 * (0.1 * 100 + 0.2 * 200 + 0.3 * 300), 12);
    expect(t.rows[0]!.observedLoss).toBeCloseTo(0.5 * 300, 12);
    expect(t.rows[2]).toMatchObject({ approved: 5, approvalRate: 1, approvedBads: 2, badsDeclined: 0 });
    expect(t.eadPerLoan).toBeNull();
  });
  it('default cut-offs approve 10% … 100% and the last approves everyone', () => {
    const t = cutoffTable(german.yTest, german.proba);
    expect(t.rows).toHaveLength(10);
    expect(t.lgd).toBe(0.45);
    expect(t.rows.at(-1)!.approvalRate).toBe(1);
    expect(t.rows[4]!.approvalRate).toBeCloseTo(0.5, 1);
    for (let i = 1; i < t.rows.length; i++)
      expect(t.rows[i]!.approvalRate).toBeGreaterThanOrEqual(t.rows[i - 1]!.approvalRate);
    expect(() => cutoffTable(y, p, { lgd: 2 })).toThrow(expect.objectContaining({ code: 'LOSS_LGD_RANGE' }));
  });
  it('distribution counts every row once, goods and bads apart', () => {
    const d = scoreDistribution(y, p, 7);
    expect(d).toHaveLength(7);
    expect(d.reduce((s, b) => s + b.goods, 0)).toBe(3);
    expect(d.reduce((s, b) => s + b.bads, 0)).toBe(2);
    expect(d.at(-1)!.bads).toBe(1);
    expect(d[0]).toMatchObject({ lower: 0.1, goods: 1, bads: 0 });
  });
});

describe('validateSample', () => {
  it('bundles every part for one sample', () => {
    const groups = german.yTest.map((_, i) => (i % 3 === 0 ? 'a' : 'b'));
    const v = validateSample({
      y: german.yTest,
      prob: german.proba,
      cutoff: 0.5,
      bootstrap: { resamples: 100 },
      protectedGroups: [{ attribute: 'g', groups }],
    });
    expect(v.rows).toBe(300);
    expect(v.discrimination.resamples).toBe(100);
    expect(v.calibration.bands).toHaveLength(10);
    expect(v.fairness[0]!.groups.map((g) => g.size)).toEqual([200, 100]);
    expect(v.cutoffs.rows).toHaveLength(10);
    expect(v.distribution.length).toBe(20);
  });
});
