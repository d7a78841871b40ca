import { z } from 'zod';
import { diagnosticSchema, type DiagnosticCode } from '@studio/ir';

/**
 * Every `code` an error body (`ErrorBody.code`) or a failed run (`Run.error.code`) can carry, once. The server
 * types what it throws with these (`HttpUserError`, `notFound`), so a misspelt code does not compile;
 * `apps/server/src/error-codes.test.ts` scans the sources of the server, the packages and the native engine
 * and fails when a code is thrown that these lists lack.
 */

/** Codes the server itself answers with (its routes, services and central error handler). */
export const SERVER_ERROR_CODES = [
  // requests the server cannot take
  'REQUEST_INVALID',
  'ROUTE_NOT_FOUND',
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'MULTIPART_EXPECTED',
  'FILE_MISSING',
  'UPLOAD_TOO_LARGE',
  // identity and access (401, 403, 421, 429)
  'AUTH_REQUIRED',
  'SESSION_EXPIRED',
  'SIGN_IN_FAILED',
  'SIGN_IN_LOCKED',
  'SIGN_IN_LINK_INVALID',
  'PASSWORD_WRONG',
  'FORBIDDEN',
  'TOKEN_SCOPE',
  'CSRF_REJECTED',
  'HOST_NOT_ALLOWED',
  'RATE_LIMITED',
  'USERNAME_TAKEN',
  'LAST_ADMIN',
  /** A project's creator is always its owner: their membership cannot be changed or removed. */
  'PROJECT_CREATOR',
  'MEMBER_NOT_FOUND',
  /** OIDC sign-in asked for on a Studio without STUDIO_OIDC_* settings. */
  'OIDC_NOT_CONFIGURED',
  /** The OIDC provider's answer was refused (state, nonce, signature, code); sign in again. */
  'OIDC_FAILED',
  // records that do not exist (see `NotFoundKind`)
  'PROJECT_NOT_FOUND',
  'VERSION_NOT_FOUND',
  'DATASET_NOT_FOUND',
  'RUN_NOT_FOUND',
  'DEPLOYMENT_NOT_FOUND',
  'KEY_NOT_FOUND',
  'USER_NOT_FOUND',
  'TOKEN_NOT_FOUND',
  'TEMPLATE_NOT_FOUND',
  'MODEL_NOT_FOUND',
  'INT8_MODEL_NOT_FOUND',
  // graphs and versions
  'GRAPH_INVALID',
  'STALE_VERSION',
  'BASE_VERSION_UNKNOWN',
  'NO_GRAPH_VERSION',
  'GRAPH_NOT_RUNNABLE',
  'TEMPLATE_TARGET_UNKNOWN',
  // datasets
  'DATASET_DELETED',
  'DATASET_FILE_MISSING',
  // runs
  'RUN_ACTIVE',
  'RUN_NOT_ACTIVE',
  'RUN_STATE_CHANGED',
  'RUN_CANCELLED',
  'RUN_INTERRUPTED',
  'RUN_INTERNAL',
  'RUN_NOT_TRAINED',
  // deployments and serving
  'SLUG_TAKEN',
  'NOT_DEPLOYED',
  'NO_EARLIER_VERSION',
  'INT8_AUC_GUARD_FAILED',
  'API_KEY_MISSING',
  'API_KEY_INVALID',
  'API_KEY_REVOKED',
  'INPUT_INVALID',
  'BATCH_NOT_ARRAY',
  'BATCH_TOO_LARGE',
  'PREDICTION_LOG_WORKER',
  'PREDICTION_LOG_WRITE',
  // validation: findings and the model document (issue #14)
  'FINDING_NOT_FOUND',
  'DEPLOY_BLOCKED_BY_FINDING',
  'DOCUMENT_NOT_AVAILABLE',
  'PDF_RENDERER_MISSING',
  'PDF_RENDER_FAILED',
  // bundles
  'BUNDLE_NOT_ZIP',
  'BUNDLE_INVALID',
  'BUNDLE_CHECKSUM_MISMATCH',
  'BUNDLE_VERSION_UNSUPPORTED',
  'BUNDLE_NO_MODEL',
  'BUNDLE_NO_INT8_MODEL',
  /** The bundle's signature does not match its manifest; import again with `confirmModified=true`. */
  'BUNDLE_MODIFIED',
  // jobs (bundle export/import)
  'JOB_NOT_FOUND',
  /** The job has not succeeded (yet): nothing to fetch. */
  'JOB_NOT_DONE',
  /** The job's result was released after the retention period (its job is `expired`): run the job again. */
  'JOB_RESULT_EXPIRED',
  'JOB_INTERRUPTED',
  /** The job was cancelled (by a person, or because its project was deleted). */
  'JOB_CANCELLED',
  /** The job has already ended: nothing to cancel. */
  'JOB_NOT_ACTIVE',
  // governance: untrusted runs, four-eyes approval
  /** The run's metrics came from a bundle this Studio cannot vouch for; retrain before deploying. */
  'RUN_UNTRUSTED',
  'REQUEST_NOT_FOUND',
  'REQUEST_NOT_PENDING',
  /** The requester may not approve their own deployment request. */
  'APPROVAL_BY_REQUESTER',
  /** The author of the graph version may not approve its deployment. */
  'APPROVAL_BY_AUTHOR',
  /** Approval can only be waived in single-user mode. */
  'APPROVAL_WAIVER_NOT_ALLOWED',
  'BUNDLE_TOO_LARGE',
  'BUNDLE_TOO_MANY_ENTRIES',
  'BUNDLE_RATIO_TOO_HIGH',
  'BUNDLE_ENTRY_COLLISION',
  // model files of a run (ONNX, generated code)
  'CODE_UNAVAILABLE_FOR_MODEL',
  'INT8_UNAVAILABLE_FOR_MODEL',
  // the server's own faults (5xx)
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'DATABASE_UNREACHABLE',
  // stored JSON records (apps/server/src/db/versioned-record.ts)
  'STORED_RECORD_TOO_NEW',
  'STORED_RECORD_INVALID',
  'RECORD_MIGRATION_MISSING',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** Codes of start-up failures (database URL, migrations); the CLI prints them, no HTTP body carries them. */
export const STARTUP_ERROR_CODES = [
  'DATABASE_URL_INVALID',
  'MIGRATION_UNKNOWN',
  'MIGRATION_FAILED',
  'MIGRATION_CHECKSUM_MISMATCH',
  'MIGRATION_BROKE_REFERENCES',
  'SCHEMA_ENGINE_FAILED',
] as const;
export type StartupErrorCode = (typeof STARTUP_ERROR_CODES)[number];

/** Codes the framework-free packages throw; the server forwards them unchanged (400 unless `errorStatus` says). */
export const PACKAGE_ERROR_CODES = [
  // @studio/data
  'CSV_BAD_VALUE',
  'CSV_DUPLICATE_HEADER',
  'CSV_EMPTY',
  'CSV_EMPTY_HEADER',
  'CSV_NOT_UTF8',
  'CSV_NO_ROWS',
  'CSV_RAGGED_ROW',
  'CSV_TEXT_AFTER_QUOTE',
  'CSV_TOO_LARGE',
  'CSV_UNTERMINATED_QUOTE',
  'COLUMN_NOT_FOUND',
  'DATASET_TOO_SMALL',
  'FILE_READ_FAILED',
  'IMPUTE_ALL_MISSING',
  'SPLIT_BAD_FRACTION',
  'SPLIT_TIME_MISSING',
  'SPLIT_OOT_EMPTY_SIDE',
  'TARGET_BAD_VALUE_UNKNOWN',
  'TARGET_MISSING',
  'TARGET_NOT_BINARY',
  'TARGET_ONE_CLASS',
  'TRANSFORM_NEEDS_CATEGORIES',
  'TRANSFORM_NEEDS_NUMBERS',
  'TRANSFORM_VERSION_UNSUPPORTED',
  'UNSEEN_CATEGORY',
  // @studio/pipeline
  'FEATURE_MISSING',
  'FEATURE_NOT_NUMERIC',
  'GBM_MONOTONE_COLUMN',
  'GBM_NO_INT8',
  'GBM_REASONS_NEED_ENGINE',
  'PIPELINE_ARTIFACT_UNSUPPORTED',
  'PIPELINE_INVARIANT',
  'PIPELINE_MODEL_FILE',
  'PLAN_LAYER_ORDER',
  'PLAN_SELECTION_NEEDS_WOE',
  'PREVIEW_GRAPH_INVALID',
  'PREVIEW_MISSING_INPUT',
  'PREVIEW_PARAMS_INVALID',
  'PREVIEW_UNSUPPORTED',
  'SCORECARD_INPUT_NOT_WOE',
  'SCORE_INPUT_INVALID',
  'SPLIT_STRATIFY_UNSUPPORTED',
  'SPLIT_TIME_NOT_ORDERED',
  'SPLIT_TIME_NOT_DATE',
  'SPLIT_OOT_CUTOFF',
  'TUNE_TOO_FEW_ROWS',
  'FAIRNESS_AGE_NOT_NUMERIC',
  'VALIDATION_COLUMN_TYPE',
  // @studio/scoring
  'METRIC_LABEL_NOT_BINARY',
  'METRIC_LENGTH_MISMATCH',
  'METRIC_NOT_PROBABILITY',
  'METRIC_ONE_CLASS',
  'METRIC_SCORE_NOT_FINITE',
  'PSI_EMPTY_SAMPLE',
  'REASON_BIN_MISSING',
  'RISK_BANDS_EMPTY',
  'SCORECARD_BAD_SCALING',
  'SCORECARD_EMPTY',
  'BOOTSTRAP_LEVEL',
  'BOOTSTRAP_ONE_CLASS',
  'BOOTSTRAP_RESAMPLES',
  'FAIRNESS_LENGTH',
  'FAIRNESS_ONE_GROUP',
  'LOSS_EAD_LENGTH',
  'LOSS_LGD_RANGE',
  // @studio/onnx
  'MODEL_FILE_INVALID',
  'ONNX_EXPORT_BAD_MODEL',
  'ONNX_EXPORT_BAD_SCALES',
  'ONNX_EXPORT_COLUMN_MISSING',
  'ONNX_EXPORT_COLUMN_TYPE',
  'ONNX_EXPORT_FEATURE_COUNT',
  'ONNX_EXPORT_FEATURE_MISSING',
  'ONNX_EXPORT_FEATURE_NOT_NUMERIC',
  'ONNX_EXPORT_INVALID_INPUT',
  'ONNX_EXPORT_NAME_CLASH',
  'ONNX_IMPORT_INVALID',
  'ONNX_MALFORMED',
  'ONNX_UNSUPPORTED_MODEL',
  'QUANT_BAD_PERCENTILE',
  'QUANT_NO_SAMPLES',
  'TREES_DUMP_INVALID',
  // @studio/codegen
  'CODEGEN_FEATURE_COUNT',
  'CODEGEN_JAVASCRIPT_FAILED',
] as const;
export type PackageErrorCode = (typeof PACKAGE_ERROR_CODES)[number];

/** Codes of the native engine (native/src/core/errors.cpp, mapped by @studio/engine). */
export const ENGINE_ERROR_CODES = [
  'ENGINE_BAD_ARGUMENT',
  'ENGINE_BAD_INPUT',
  'ENGINE_BAD_MODEL_FILE',
  'ENGINE_BAD_OPTION',
  'ENGINE_BAD_SPEC',
  'ENGINE_BAD_TARGET',
  'ENGINE_BUSY',
  'ENGINE_CANCELLED',
  'ENGINE_DEVICE',
  'ENGINE_DISPOSED',
  'ENGINE_EMPTY_DATASET',
  'ENGINE_INTERNAL',
  'ENGINE_LOSS_NAN',
  'ENGINE_NONFINITE_INPUT',
  'ENGINE_OUT_OF_MEMORY',
  'ENGINE_SHAPE_MISMATCH',
  'ENGINE_SINGLE_CLASS',
] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** Every named code, in one list (IR diagnostic codes `IR000`… and Fastify pass-throughs come on top). */
export const ERROR_CODES = [
  ...SERVER_ERROR_CODES,
  ...STARTUP_ERROR_CODES,
  ...PACKAGE_ERROR_CODES,
  ...ENGINE_ERROR_CODES,
] as const;

/** A Fastify client error the server has no name for keeps Fastify's code, or `HTTP_<status>` without one. */
export type PassThroughErrorCode = `FST_${string}` | `HTTP_${number}`;

/** Every `code` an error body or a run's error can carry. */
export type ErrorCode =
  | ServerErrorCode
  | StartupErrorCode
  | PackageErrorCode
  | EngineErrorCode
  | DiagnosticCode
  | PassThroughErrorCode;

const named: ReadonlySet<string> = new Set(ERROR_CODES);

/** True for a code of `ERROR_CODES`, an IR diagnostic code or a Fastify pass-through. */
export function isErrorCode(code: string): code is ErrorCode {
  return named.has(code) || /^IR\d{3}$/.test(code) || /^FST_\w+$/.test(code) || /^HTTP_\d{3}$/.test(code);
}

/** Codes of a run's warnings (`Run.warnings[].code`): the run went on, the analyst should look. */
export const RUN_WARNING_CODES = [
  'COLUMN_ALL_MISSING',
  'COLUMN_CONSTANT',
  'COLUMN_NEAR_CONSTANT',
  'COLUMN_MOSTLY_MISSING',
  'COLUMN_ID_LIKE',
  'TARGET_LEAKAGE',
  'TARGET_TINY_CLASS',
  'UNSEEN_CATEGORY',
  'PLAN_SETTING_IGNORED',
  'QUANTIZE_AUC_DROP',
  'PROTECTED_ATTRIBUTE_AS_INPUT',
] as const;
export type RunWarningCode = (typeof RUN_WARNING_CODES)[number];

/** Kinds of record `notFound(kind, id)` names; the code is `<KIND>_NOT_FOUND`. */
export type NotFoundKind =
  | 'project'
  | 'version'
  | 'dataset'
  | 'run'
  | 'deployment'
  | 'key'
  | 'user'
  | 'token'
  | 'request'
  | 'member'
  | 'job';
export type NotFoundCode<K extends NotFoundKind = NotFoundKind> = `${Uppercase<K>}_NOT_FOUND` &
  ServerErrorCode;
export const notFoundCode = <K extends NotFoundKind>(kind: K): NotFoundCode<K> =>
  `${kind.toUpperCase()}_NOT_FOUND` as NotFoundCode<K>;

/** HTTP status of package codes that mean more than 400 (a server code's status is chosen where it is thrown). */
export const errorStatus: Partial<Record<ErrorCode, number>> = {
  CSV_TOO_LARGE: 413,
  UPLOAD_TOO_LARGE: 413,
};

/** Body of every non-2xx response: a stable code, a message that says what to do next, optional details. */
export const errorBodySchema = z.object({
  /** An `ErrorCode`; kept a string on the wire so an older client reads a newer server's codes. */
  code: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** 422 when a graph cannot be run (a run, a template's project): the planner's diagnostics, when it has some. */
export const notRunnableBodySchema = errorBodySchema.extend({
  diagnostics: z.array(diagnosticSchema).optional(),
});

/** 422 on a graph save: the server-side validation's diagnostics, pinned to nodes. */
export const graphInvalidBodySchema = errorBodySchema.extend({
  code: z.literal('GRAPH_INVALID'),
  diagnostics: z.array(diagnosticSchema),
});
