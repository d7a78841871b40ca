import { z } from 'zod';

// Figures that can be undefined (a bad rate with nobody approved, a ratio over zero) travel as null.
const num = z.number().nullable();
const int = z.number().int();

export const metricIntervalSchema = z.object({
  estimate: z.number(),
  lower: z.number(),
  upper: z.number(),
  standardError: z.number(),
});
export type MetricInterval = z.infer<typeof metricIntervalSchema>;

export const stabilityIndexSchema = z.object({
  index: z.number(),
  reading: z.enum(['stable', 'watch', 'shifted']),
  bins: z.array(
    z.object({
      label: z.string(),
      expectedShare: z.number(),
      actualShare: z.number(),
      contribution: z.number(),
    }),
  ),
});
export type StabilityIndexDto = z.infer<typeof stabilityIndexSchema>;

export const fairnessReportSchema = z.object({
  attribute: z.string(),
  cutoff: z.number(),
  referenceGroup: z.string(),
  groups: z.array(
    z.object({
      group: z.string(),
      size: int,
      bads: int,
      approved: int,
      approvalRate: z.number(),
      adverseImpactRatio: num,
      belowFourFifths: z.boolean(),
      tpr: num,
      fpr: num,
      auc: num,
    }),
  ),
  flagged: z.array(z.string()),
});
export type FairnessReportDto = z.infer<typeof fairnessReportSchema>;

/** The validation pack on one sample: the Split's test rows or its out-of-time rows. */
export const sampleValidationSchema = z.object({
  sample: z.enum(['test', 'out-of-time']),
  rows: int,
  bads: int,
  discrimination: z.object({
    auc: metricIntervalSchema,
    ks: metricIntervalSchema,
    gini: metricIntervalSchema,
    resamples: int,
    seed: int,
    level: z.number(),
    method: z.literal('stratified-percentile'),
  }),
  calibration: z.object({
    bands: z.array(
      z.object({
        band: int,
        count: int,
        minPredicted: z.number(),
        maxPredicted: z.number(),
        meanPredicted: z.number(),
        observedRate: z.number(),
        expectedBads: z.number(),
        observedBads: z.number(),
      }),
    ),
    hosmerLemeshow: z.object({ statistic: num, df: int, pValue: num, groups: int }),
    inTheLarge: z.object({
      rows: int,
      meanPredicted: z.number(),
      observedRate: z.number(),
      difference: z.number(),
      ratio: num,
      zScore: num,
      pValue: num,
    }),
  }),
  distribution: z.array(z.object({ lower: z.number(), upper: z.number(), goods: int, bads: int })),
  cutoffs: z.object({
    lgd: z.number(),
    eadPerLoan: num,
    rows: z.array(
      z.object({
        cutoff: z.number(),
        approved: int,
        approvalRate: z.number(),
        approvedBads: int,
        badRate: num,
        badsDeclined: num,
        expectedLoss: z.number(),
        observedLoss: z.number(),
      }),
    ),
  }),
  fairness: z.array(fairnessReportSchema),
  /** PSI of the score against the training rows. */
  scorePsi: stabilityIndexSchema,
  /** CSI of each characteristic the model reads, against the training rows. */
  characteristics: z.array(stabilityIndexSchema.extend({ name: z.string() })),
});
export type SampleValidationDto = z.infer<typeof sampleValidationSchema>;

/** What an Evaluate node's validation pack reports; stored with the run's evaluations. */
export const validationSchema = z.object({
  /** The score of the distribution and PSI: scorecard points (higher = safer) at this scaling. */
  scoreScale: z.object({ pdo: z.number(), baseScore: z.number(), baseOdds: z.number() }),
  samples: z.array(sampleValidationSchema),
  protected: z.array(z.string()),
  /** Protected attributes the model also reads as inputs (each one a warning on the Evaluate node). */
  protectedAsInputs: z.array(z.string()),
  /** Out-of-time split facts, null for other split methods. */
  outOfTime: z
    .object({ column: z.string(), cutoff: z.string(), trainRows: int, testRows: int, outOfTimeRows: int })
    .nullable(),
});
export type Validation = z.infer<typeof validationSchema>;
