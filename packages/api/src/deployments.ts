import { z } from 'zod';
import { personSchema } from './auth';
import { errorBodySchema } from './errors';

/** One field a prediction request carries, as derived from the training dataset. */
export const inputFieldSchema = z.object({
  name: z.string(),
  type: z.enum(['numeric', 'categorical', 'boolean', 'date']),
  /** Whether null is accepted (the column had missing values in training). */
  nullable: z.boolean(),
  /** Categorical fields: the categories seen in training; any other value is refused. */
  categories: z.array(z.string()).optional(),
  /** Numeric fields: the range seen in training (documentation; values outside are still scored). */
  min: z.number().optional(),
  max: z.number().optional(),
  /**
   * Whether the model reads this column (default true). Columns it does not read are optional in requests and
   * ignored; they are listed so a whole training-CSV row can be sent as it is.
   */
  used: z.boolean().optional(),
  /** Boolean fields: the words the training CSV writes for true and false (e.g. "yes" / "no"). */
  words: z.object({ true: z.string(), false: z.string() }).optional(),
  /**
   * A typical training value as a request sends it (the median of a numeric column, the most frequent category or
   * word): the example of the OpenAPI document and the baseline that Shapley reason codes compare against.
   */
  reference: z.union([z.number(), z.string(), z.boolean()]).optional(),
});
export type InputField = z.infer<typeof inputFieldSchema>;

export const deploymentRuntimeSchema = z.enum(['native', 'onnx']);
/** Weights a deployment serves: the trained fp32 model, or the INT8 copy a Quantize node made and checked. */
export const deploymentPrecisionSchema = z.enum(['fp32', 'int8']);
export type DeploymentPrecision = z.infer<typeof deploymentPrecisionSchema>;
export const deploymentStatusSchema = z.enum(['pending', 'active', 'retired']);

/** One version of a deployment slug. At most one version of a slug is `active` (served). */
export const deploymentSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  slug: z.string(),
  version: z.number().int(),
  name: z.string(),
  runId: z.string().nullable(),
  runtime: deploymentRuntimeSchema,
  precision: deploymentPrecisionSchema,
  status: deploymentStatusSchema,
  artifactHash: z.string(),
  inputSchema: z.array(inputFieldSchema),
  logSampleRate: z.number(),
  /**
   * Strict input checking: numbers must be JSON numbers, booleans JSON booleans, categories ones seen in training,
   * and fields not in the schema are refused (400). Off: a training-CSV row is accepted as its file writes it.
   */
  strict: z.boolean(),
  createdAt: z.string(),
  promotedAt: z.string().nullable(),
  /** Path of the prediction endpoint. */
  url: z.string(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** `POST /api/runs/:runId/deploy`. */
export const deployBodySchema = z.object({
  /** Default: the project name in kebab-case. Redeploying a slug adds a version. */
  slug: z.string().regex(SLUG_PATTERN, 'lowercase letters, digits and inner dashes, at most 64').optional(),
  runtime: deploymentRuntimeSchema.default('native'),
  /** `int8` serves the Quantize node's INT8 model; refused (409) when its AUC drop failed the node's guard. */
  precision: deploymentPrecisionSchema.default('fp32'),
  /** The model node to serve when the run trained several; default the first. */
  modelNodeId: z.string().optional(),
  /** Share of predictions logged, 0 to 1 (default all). */
  logSampleRate: z.number().min(0).max(1).default(1),
  /** Serve the new version at once (default); false keeps it pending until promoted. */
  promote: z.boolean().default(true),
  /** Strict input checking (see `Deployment.strict`); default off. */
  strict: z.boolean().default(false),
});
export type DeployBody = z.input<typeof deployBodySchema>;

/** `PATCH /api/deployments/:deploymentId`: the settings of one version that may change while it serves. */
export const updateDeploymentBodySchema = z.object({
  strict: z.boolean().optional(),
});
export type UpdateDeploymentBody = z.infer<typeof updateDeploymentBodySchema>;

export const rollbackBodySchema = z.object({
  /** The version to serve again; default the newest version older than the active one. */
  version: z.number().int().min(1).optional(),
});

export const reasonSchema = z.object({
  code: z.string(),
  characteristic: z.string(),
  value: z.string(),
  points: z.number(),
});

/** A problem with an accepted record: the field, a code and a sentence. */
export const predictionWarningSchema = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type PredictionWarning = z.infer<typeof predictionWarningSchema>;

/** The answer of `POST /v1/deployments/:slug/predict`. */
export const predictionSchema = z.object({
  probability: z.number(),
  score: z.number(),
  riskBand: z.string(),
  reasons: z.array(reasonSchema).max(4),
  model: z.object({ name: z.string(), version: z.number().int(), artifactHash: z.string() }),
  /** What was accepted but deserves a look, e.g. a category not seen in training (scored as missing). */
  warnings: z.array(predictionWarningSchema).optional(),
  requestId: z.string(),
});
export type Prediction = z.infer<typeof predictionSchema>;

export const batchPredictionSchema = z.object({
  predictions: z.array(predictionSchema.omit({ requestId: true })),
  model: predictionSchema.shape.model,
  requestId: z.string(),
});
export type BatchPrediction = z.infer<typeof batchPredictionSchema>;

/** Most records one batch request may carry. */
export const MAX_BATCH_ROWS = 1000;

export const fieldProblemSchema = z.object({
  field: z.string(),
  problem: z.enum(['missing', 'extra', 'wrong_type', 'not_finite', 'unknown_category', 'not_nullable']),
});
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

/**
 * 400 on a prediction. `INPUT_INVALID` names every wrong field with what is wrong with it; other 400s
 * (malformed JSON, a batch over the limit, a category the model refuses) carry no `fields`.
 */
export const inputInvalidBodySchema = errorBodySchema.extend({
  fields: z.array(fieldProblemSchema).optional(),
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** A new key: the secret appears in this answer only. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const createKeyBodySchema = z.object({ name: z.string().max(100).default('') });

export const loggedPredictionSchema = z.object({
  id: z.string(),
  at: z.string(),
  version: z.number().int(),
  requestId: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  output: z.record(z.string(), z.unknown()),
  latencyMs: z.number(),
});
export type LoggedPrediction = z.infer<typeof loggedPredictionSchema>;

/** Live statistics of a slug over its logged predictions (all versions, or sampled when sampling is on). */
export const deploymentStatsSchema = z.object({
  slug: z.string(),
  requests: z.number().int(),
  byVersion: z.array(z.object({ version: z.number().int(), requests: z.number().int() })),
  latencyMs: z.object({ p50: z.number(), p95: z.number(), p99: z.number() }).nullable(),
  /**
   * Population stability of each numeric input: live values against the training dataset, with the number of
   * live values (`sample`). Only inputs with at least `psiMinSample` live values are listed.
   */
  psi: z.array(z.object({ field: z.string(), psi: z.number(), sample: z.number().int() })),
  /** The fewest live values PSI is computed on (server setting `STUDIO_PSI_MIN_SAMPLE`, default 500). */
  psiMinSample: z.number().int(),
  /** Logged predictions in the stats window (what PSI can draw on). */
  psiSample: z.number().int(),
  windowStart: z.string().nullable(),
});
export type DeploymentStats = z.infer<typeof deploymentStatsSchema>;

export const deploymentRequestStatusSchema = z.enum(['pending', 'approved', 'rejected']);

/**
 * A request to deploy a run (four eyes): it goes live only when an approver other than the requester and
 * other than the author of the graph version approves it, with a comment. `POST /api/runs/:runId/deploy`
 * answers 202 with one, unless the project waives approval in single-user mode (201 with the deployment).
 */
export const deploymentRequestSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  runId: z.string(),
  slug: z.string(),
  runtime: deploymentRuntimeSchema,
  precision: deploymentPrecisionSchema,
  status: deploymentRequestStatusSchema,
  note: z.string(),
  requestedBy: personSchema,
  graphVersionId: z.string(),
  graphVersionNumber: z.number().int().nullable(),
  graphAuthor: personSchema,
  /** sha256 of the project's model document when the request was made, if it had one. */
  documentHash: z.string().nullable(),
  createdAt: z.string(),
  decidedBy: personSchema.nullable(),
  decisionComment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The version created when it was approved. */
  deploymentId: z.string().nullable(),
  /** What the approver reviews: the run's evaluation summary and the data it used. */
  evaluation: z
    .object({ auc: z.number(), gini: z.number(), ks: z.number(), brier: z.number(), rows: z.number().int() })
    .nullable(),
  dataset: z.object({ name: z.string(), sha256: z.string(), rowCount: z.number().int() }).nullable(),
  /** The live version of the slug (if any) and the graph changes since the graph it serves. */
  live: z.object({ version: z.number().int(), graphVersionNumber: z.number().int().nullable() }).nullable(),
  graphChanges: z.array(z.object({ type: z.string(), description: z.string() })),
  /** Whether the signed-in person may approve or reject it, and if not, why (the UI shows it on the button). */
  canDecide: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
});
export type DeploymentRequest = z.infer<typeof deploymentRequestSchema>;

export const deployBodyWithNoteSchema = deployBodySchema.extend({
  /** Why this model should go live; shown to the approver. */
  note: z.string().max(2000).optional(),
});

export const approveRequestBodySchema = z.object({
  comment: z.string().trim().min(1, 'say why you approve (the comment is on the record)').max(2000),
});
export type ApproveRequestBody = z.input<typeof approveRequestBodySchema>;
export const rejectRequestBodySchema = z.object({
  reason: z.string().trim().min(1, 'give the reasons for the rejection').max(2000),
});
export type RejectRequestBody = z.input<typeof rejectRequestBodySchema>;
