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
  /** Smallest group that may be the reference (5% of the rows, at least 10). */
  referenceMinSize: int,
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

/** A validator's finding on a run; an open high-severity finding blocks deploying the run (409 DEPLOY_BLOCKED_BY_FINDING). */
export const findingSeveritySchema = z.enum(['low', 'medium', 'high']);
export const findingStatusSchema = z.enum(['open', 'resolved', 'accepted']);
export const runFindingSchema = z.object({
  id: z.string(),
  runId: z.string(),
  severity: findingSeveritySchema,
  text: z.string(),
  status: findingStatusSchema,
  author: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
  updatedAt: z.string(),
});
export type RunFinding = z.infer<typeof runFindingSchema>;
export const addFindingBodySchema = z.object({
  severity: findingSeveritySchema,
  text: z.string().trim().min(1, 'write what the finding is').max(5000),
});
export type AddFindingBody = z.infer<typeof addFindingBodySchema>;
export const updateFindingBodySchema = z
  .object({
    severity: findingSeveritySchema.optional(),
    text: z.string().trim().min(1).max(5000).optional(),
    status: findingStatusSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'change at least one of severity, text, status');
export type UpdateFindingBody = z.infer<typeof updateFindingBodySchema>;

/** `GET /api/runs/:runId/lineage`: where a model comes from and where it went, each item with its hash. */
export const runLineageSchema = z.object({
  dataset: z
    .object({
      id: z.string(),
      name: z.string(),
      sha256: z.string(),
      rows: int,
      columns: int,
      target: z.string(),
      /** The dataset profile (per-column statistics) as the API serves it. */
      profileUrl: z.string(),
    })
    .nullable(),
  graphVersion: z.object({
    id: z.string(),
    number: int,
    hash: z.string(),
    author: z.string(),
    savedAt: z.string(),
  }),
  run: z.object({
    id: z.string(),
    status: z.string(),
    seed: int,
    engineVersion: z.string().nullable(),
    /** Where the models trained: cpu, cuda, or both. */
    device: z.string().nullable(),
    startedBy: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  }),
  artifacts: z.array(
    z.object({ kind: z.string(), sha256: z.string(), sizeBytes: int, modelNodeId: z.string().nullable() }),
  ),
  /** The model document: its content hash, or null before one was generated. */
  document: z.object({ sha256: z.string(), sizeBytes: int }).nullable(),
  deployments: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      version: int,
      status: z.string(),
      artifactHash: z.string(),
      requestedBy: z.string(),
      requestedAt: z.string(),
      /** Who approved the deployment request that made this version; null when approval was waived. */
      approvedBy: z.string().nullable(),
      /** When this version last became the served one (null when it never went live). */
      liveAt: z.string().nullable(),
      /** The model document hash recorded when the deployment was made. */
      documentSha256: z.string().nullable(),
    }),
  ),
});
export type RunLineage = z.infer<typeof runLineageSchema>;
