import { z } from 'zod';
import { runLogSchema, runSchema, type RunLog } from '@studio/api';
import type { Prisma } from '../generated/sqlite/client.js';
import { migrationStep, versionedRecord } from '../db/versioned-record';

// The JSON columns of a Run row as versioned records (see db/versioned-record.ts). The nested reports
// (evaluation, WOE, scorecard, quantization, progress) are the API's own schemas: what is stored is what is served.
// Learning-curve points and log lines are not here: they are rows of RunPoint and RunLog.

const shape = runSchema.shape;
const warning = shape.warnings.element;

/** Run.metrics version 1 (before records carried `v`): `version: 1`, quantizations absent on older runs. */
const factsV1 = z.object({
  version: z.literal(1),
  graphHash: z.string(),
  datasetHash: z.string().nullable(),
  seed: z.number().int(),
  modelKind: z.string().nullable(),
  engineVersion: z.string().nullable(),
  durations: shape.durations,
  evaluation: shape.evaluation,
  evaluations: shape.evaluations,
  woe: shape.woe,
  scorecard: shape.scorecard,
  quantizations: shape.quantizations,
  warnings: z.array(warning),
});

/** Run.metrics: what a run is (hashes, seed, versions) and what it found; written at creation and completion. */
const factsV2 = factsV1.omit({ version: true }).extend({
  v: z.literal(2),
  /** One per Quantize node (empty without one). */
  quantizations: z.array(shape.quantization.unwrap()),
});

/** Run.metrics version 3: adds the leaderboard and chosen configuration of every Tune node (issue #12). */
const factsV3 = factsV2.omit({ v: true }).extend({
  v: z.literal(3),
  tunings: shape.tunings.unwrap(),
});
export type RunFacts = z.output<typeof factsV3>;

export const runFactsRecord = versionedRecord({
  name: 'run facts',
  version: 3,
  schema: factsV3,
  steps: [
    migrationStep(1, factsV1, ({ version: _, quantizations, ...rest }) => ({
      v: 2,
      ...rest,
      quantizations: quantizations ?? [],
    })),
    // Runs before Tune nodes had none.
    migrationStep(2, factsV2, (old) => ({ ...old, v: 3, tunings: [] })),
  ],
  legacyVersion: (stored) => (stored.version === 1 ? 1 : undefined),
});

/** Run.progress version 1: the whole live state, learning curve and logs included, rewritten every second. */
const liveV1 = z.object({
  progress: shape.progress.optional(),
  history: z.array(shape.history.element).optional(),
  logs: z.array(runLogSchema).optional(),
});

/** A run's output as bundles carry it (the layout of Run.progress version 1): progress, curve and logs. */
export const bundledOutputSchema = liveV1;

/** Run.progress: the latest live progress only; points and logs are rows of RunPoint and RunLog. */
const liveV2 = z.object({ v: z.literal(2), progress: shape.progress });
export type RunLive = z.output<typeof liveV2>;

export const runLiveRecord = versionedRecord({
  name: 'run progress',
  version: 2,
  schema: liveV2,
  steps: [
    // Migration 0003_run_points_logs moved every stored curve and log into RunPoint and RunLog and rewrote the
    // column as version 2, so a version 1 record read here (a bundle's) carries them elsewhere.
    migrationStep(1, liveV1, (old) => ({ v: 2, progress: old.progress ?? null })),
  ],
  legacyVersion: () => 1,
});

/** Run.error version 1: code, message and the node to blame. */
const errorV1 = z.object({ code: z.string(), message: z.string(), nodeId: z.string().optional() });

/** Run.error: why the run failed, was cancelled or interrupted; the message says what to do. */
const errorV2 = errorV1.extend({ v: z.literal(2) });
export type StoredRunError = z.output<typeof errorV2>;

export const runErrorRecord = versionedRecord({
  name: 'run error',
  version: 2,
  schema: errorV2,
  steps: [migrationStep(1, errorV1, (old) => ({ ...old, v: 2 }))],
  legacyVersion: (stored) => ('code' in stored ? 1 : undefined),
});

/** A run error as the record Run.error stores. */
export function storedError(error: { code: string; message: string; nodeId?: string }): StoredRunError {
  return { v: 2, ...error };
}

/** The row a record belongs to, for error messages. */
const rowName = (id: string | undefined) => (id ? `run ${id}` : 'a run');

/** The facts of a row (Run.metrics), as the current version. */
export function factsOf(row: { id?: string; metrics: unknown }): RunFacts {
  return runFactsRecord.parse(row.metrics, rowName(row.id));
}

/** The live progress of a row (Run.progress); rows not yet started have none. */
export function liveOf(row: { id?: string; progress: unknown }): RunLive {
  return row.progress == null ? { v: 2, progress: null } : runLiveRecord.parse(row.progress, rowName(row.id));
}

/** The error of a row (Run.error), null when it has none. */
export function errorOf(row: { id?: string; error: unknown }): StoredRunError | null {
  return row.error == null ? null : runErrorRecord.parse(row.error, rowName(row.id));
}

/** A record as the value of a Json column. */
export function jsonOf(record: RunFacts | RunLive | StoredRunError): Prisma.InputJsonObject {
  return record;
}

/** A RunLog row as the API's log line. */
export function logOf(row: { at: Date; level: string; message: string; nodeId: string | null }): RunLog {
  return {
    at: row.at.toISOString(),
    level: runLogSchema.shape.level.parse(row.level),
    message: row.message,
    ...(row.nodeId === null ? {} : { nodeId: row.nodeId }),
  };
}
