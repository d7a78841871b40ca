import { z } from 'zod';
import { validationSchema } from './validation';

export const runStatusSchema = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
]);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Statuses of a run that may still change: waiting for a worker, or training. */
export const ACTIVE_STATUSES = ['queued', 'running'] as const satisfies readonly RunStatus[];
/** Statuses a run ends in; it never changes again (retry makes a new run). */
export const TERMINAL_STATUSES = [
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
] as const satisfies readonly RunStatus[];
export type ActiveRunStatus = (typeof ACTIVE_STATUSES)[number];
export type TerminalRunStatus = (typeof TERMINAL_STATUSES)[number];
export const ACTIVE: ReadonlySet<RunStatus> = new Set(ACTIVE_STATUSES);
export const TERMINAL: ReadonlySet<RunStatus> = new Set(TERMINAL_STATUSES);
export const isActiveStatus = (s: RunStatus): s is ActiveRunStatus => ACTIVE.has(s);
export const isTerminalStatus = (s: RunStatus): s is TerminalRunStatus => TERMINAL.has(s);

/** One scored trial of a Tune node: a configuration at one rung of successive halving. */
export const tuningTrialSchema = z.object({
  /** The configuration's number (1 is the model node's own setting); the same at every rung it reaches. */
  trial: z.number().int(),
  /** 0 for the first rung; each later rung keeps the best 1/η and raises the resource η-fold. */
  rung: z.number().int(),
  /** The share of the full resource this rung gave it, in (0, 1]. */
  resource: z.number(),
  /** The resource in words: "11 trees", "4 epochs", "33% of rows". */
  units: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  /** The metric, averaged over the folds (or on the validation split). */
  score: z.number(),
  seconds: z.number(),
});
export type TuningTrial = z.infer<typeof tuningTrialSchema>;

/** The leaderboard of one Tune node, live while it searches and kept with the run; `best` goes to the model. */
export const tuningReportSchema = z.object({
  nodeId: z.string(),
  modelNodeId: z.string(),
  modelKind: z.enum(['logistic', 'mlp', 'gbm']),
  metric: z.enum(['auc', 'ks', 'logloss']),
  /** How trials are scored, in words: "5-fold stratified", "validation split (20%)". */
  evaluation: z.string(),
  /** The budget in words: "27 trials", "300 s". */
  budget: z.string(),
  status: z.enum(['searching', 'done']),
  /** Why the search ended short (the time budget ran out), or null. */
  stopped: z.string().nullable(),
  trials: z.array(tuningTrialSchema),
  /**
   * The model node's own setting scored the same way with the full resource, after the search; null while
   * searching.
   */
  baseline: z.object({ params: tuningTrialSchema.shape.params, score: z.number() }).nullable(),
  /**
   * The chosen configuration: the best score at the highest rung reached, or the model's own setting (trial 0)
   * when that scored better in full; null before any trial finished.
   */
  best: z
    .object({ trial: z.number().int(), params: tuningTrialSchema.shape.params, score: z.number() })
    .nullable(),
});
export type TuningReport = z.infer<typeof tuningReportSchema>;

/** Live progress of a run; `fraction` drives the progress bar and `etaSeconds` the time left. */
export const runProgressSchema = z.object({
  phase: z.string(),
  fraction: z.number().min(0).max(1),
  etaSeconds: z.number().nullable(),
  epoch: z.number().int().nullable(),
  step: z.number().int().nullable(),
  loss: z.number().nullable(),
  valLoss: z.number().nullable(),
  valAuc: z.number().nullable(),
  rowsPerSec: z.number().nullable(),
  /** The leaderboards of the run's Tune nodes so far (absent when the graph has none). */
  tunings: z.array(tuningReportSchema).optional(),
});
export type RunProgress = z.infer<typeof runProgressSchema>;

/**
 * One point of the live loss / validation-AUC chart. `nodeId` and `modelKind` name the model the point belongs
 * to (a run with several models has one curve each; for `gbm` a step is a tree); runs stored before they
 * existed have neither.
 */
export const historyPointSchema = z.object({
  step: z.number().int(),
  epoch: z.number().int(),
  loss: z.number(),
  valLoss: z.number().nullable(),
  valAuc: z.number().nullable(),
  nodeId: z.string().optional(),
  modelKind: z.enum(['logistic', 'mlp', 'gbm']).optional(),
});

export const runLogSchema = z.object({
  at: z.string(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
  nodeId: z.string().optional(),
});
export type RunLog = z.infer<typeof runLogSchema>;

/** Server-sent events of `GET /api/runs/:runId/events` (SSE event name = `type`, data = this JSON). */
export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    progress: runProgressSchema,
    point: historyPointSchema.nullable(),
  }),
  z.object({ type: z.literal('log'), log: runLogSchema }),
  z.object({ type: z.literal('status'), status: runStatusSchema, error: z.string().nullable() }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;

const bandSchema = z.object({
  band: z.number().int(),
  count: z.number().int(),
  bads: z.number().int(),
  badRate: z.number(),
});

/**
 * What an analyst reads after training, computed by packages/scoring on the held-out rows. Curves are
 * downsampled to a few hundred points; `cutoffs` lets the browser recompute the confusion matrix for any
 * cutoff without a round trip.
 */
export const evaluationSchema = z.object({
  rows: z.number().int(),
  bads: z.number().int(),
  auc: z.number(),
  gini: z.number(),
  ks: z.number(),
  ksAtScore: z.number(),
  brier: z.number(),
  roc: z.array(z.object({ fpr: z.number(), tpr: z.number() })),
  ksTable: z.array(
    bandSchema.extend({
      minScore: z.number(),
      maxScore: z.number(),
      goods: z.number().int(),
      cumBadShare: z.number(),
      cumGoodShare: z.number(),
      ks: z.number(),
    }),
  ),
  gains: z.array(
    bandSchema.extend({
      cumCount: z.number().int(),
      cumBadShare: z.number(),
      lift: z.number(),
      cumLift: z.number(),
    }),
  ),
  calibration: z.array(
    z.object({ count: z.number().int(), meanPredicted: z.number(), observedRate: z.number() }),
  ),
  cutoffs: z.array(
    z.object({
      cutoff: z.number(),
      tp: z.number().int(),
      fp: z.number().int(),
      tn: z.number().int(),
      fn: z.number().int(),
    }),
  ),
  defaultCutoff: z.number(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/**
 * How much a boosted-tree model leans on one feature: total split gain and split count over all trees, and the
 * mean absolute SHAP contribution (log-odds) on the evaluated rows. `source` is the raw column behind the feature.
 */
export const featureImportanceSchema = z.object({
  feature: z.string(),
  source: z.string(),
  gain: z.number(),
  splits: z.number().int(),
  meanAbsShap: z.number(),
});
export type FeatureImportance = z.infer<typeof featureImportanceSchema>;

/**
 * The evaluation of one Evaluate node. A graph with several model branches (champion vs challenger) gets one
 * per Evaluate node; `Run.evaluation` is the first of them (in node order), so single-model screens need not care.
 */
export const namedEvaluationSchema = z.object({
  nodeId: z.string(),
  modelNodeId: z.string(),
  modelKind: z.enum(['logistic', 'mlp', 'gbm']),
  label: z.string(),
  evaluation: evaluationSchema,
  /** The Evaluate node's validation pack (null when turned off; absent from runs of older servers). */
  validation: validationSchema.nullable().optional(),
  importance: z.array(featureImportanceSchema).optional(),
});
export type NamedEvaluation = z.infer<typeof namedEvaluationSchema>;

export const woeVariableSchema = z.object({
  name: z.string(),
  iv: z.number(),
  selected: z.boolean(),
  bins: z.array(
    z.object({
      label: z.string(),
      count: z.number().int(),
      bads: z.number().int(),
      badRate: z.number(),
      woe: z.number(),
    }),
  ),
});
export type WoeVariable = z.infer<typeof woeVariableSchema>;

export const scorecardTableSchema = z.object({
  pdo: z.number(),
  baseScore: z.number(),
  baseOdds: z.number(),
  rows: z.array(
    z.object({ characteristic: z.string(), bin: z.string(), woe: z.number(), points: z.number() }),
  ),
});
export type ScorecardTable = z.infer<typeof scorecardTableSchema>;

/**
 * What a Quantize node found: weight bytes in fp32 against INT8, AUC and KS of both on the same held-out rows,
 * batch latency of both, and whether the AUC drop stays within the node's `maxAucDrop` (the deploy guard).
 */
export const quantizationReportSchema = z.object({
  nodeId: z.string(),
  modelNodeId: z.string(),
  label: z.string(),
  method: z.enum(['minmax', 'percentile']),
  percentile: z.number().nullable(),
  calibrationRows: z.number().int(),
  evaluationRows: z.number().int(),
  fp32WeightBytes: z.number().int(),
  int8WeightBytes: z.number().int(),
  /** int8WeightBytes / fp32WeightBytes. */
  sizeRatio: z.number(),
  fp32: z.object({ auc: z.number(), ks: z.number() }),
  int8: z.object({ auc: z.number(), ks: z.number() }),
  /** fp32 AUC minus INT8 AUC (negative when INT8 scores better). */
  aucDrop: z.number(),
  ksDrop: z.number(),
  fp32LatencyUsPerRow: z.number(),
  int8LatencyUsPerRow: z.number(),
  maxAucDrop: z.number(),
  passed: z.boolean(),
});
export type QuantizationReport = z.infer<typeof quantizationReportSchema>;

export const artifactRefSchema = z.object({
  kind: z.string(),
  hash: z.string(),
  sizeBytes: z.number().int(),
});

/** A training run of one saved graph version, with everything needed to reproduce and audit it. */
export const runSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  versionId: z.string(),
  versionNumber: z.number().int(),
  graphHash: z.string(),
  datasetHash: z.string().nullable(),
  seed: z.number().int(),
  status: runStatusSchema,
  modelKind: z.string().nullable(),
  engineVersion: z.string().nullable(),
  backend: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durations: z.record(z.string(), z.number()),
  progress: runProgressSchema.nullable(),
  history: z.array(historyPointSchema),
  evaluation: evaluationSchema.nullable(),
  /** Every Evaluate node's result (champion and challenger side by side); absent from runs of older servers. */
  evaluations: z.array(namedEvaluationSchema).optional(),
  woe: z.array(woeVariableSchema).nullable(),
  scorecard: scorecardTableSchema.nullable(),
  /** The first Quantize node's report (null without one); `quantizations` has one per quantized model branch. */
  quantization: quantizationReportSchema.nullable(),
  quantizations: z.array(quantizationReportSchema).optional(),
  /** One leaderboard and chosen configuration per Tune node; absent from runs without one or of older servers. */
  tunings: z.array(tuningReportSchema).optional(),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), nodeId: z.string().optional() })),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  artifacts: z.array(artifactRefSchema),
  /**
   * Why this Studio cannot vouch for the run's metrics (imported from a modified, unsigned or foreign bundle);
   * such a run cannot be deployed until retrained. Absent or null: trained here or from an intact bundle.
   */
  untrusted: z.string().nullable().optional(),
});
export type Run = z.infer<typeof runSchema>;

export const startRunBodySchema = z.object({ versionId: z.string().optional() });

/** Node preview (the canvas's eager mode): the output of one node on a sample of rows. */
export const previewBodySchema = z.object({
  graph: z.unknown(),
  nodeId: z.string(),
  rows: z.number().int().min(1).max(200).default(20),
});
export const previewSchema = z.object({
  nodeId: z.string(),
  port: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.number(), z.string(), z.null()]))),
  totalRows: z.number().int(),
});
export type Preview = z.infer<typeof previewSchema>;

/** A ready graph on the demo dataset ("WOE logistic scorecard", "Neural network for PD", …). */
export const templateSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type Template = z.infer<typeof templateSchema>;
export const fromTemplateBodySchema = z.object({
  templateId: z.string(),
  /**
   * Fill this project (made by the new-project wizard, still without a graph) instead of creating one; the
   * dataset is used as is when it belongs to the project, else copied. 409 STALE_VERSION once it has a graph.
   */
  projectId: z.string().optional(),
  name: z.string().min(1).max(200).optional(),
  datasetId: z.string().optional(),
  /** The target column when `datasetId` is given; default: the dataset's one binary column named like a target. */
  target: z.string().optional(),
  /** Keep ID-like and leaking columns in the graph (by default the Dataset node leaves them out). */
  keepAllColumns: z.boolean().optional(),
});
