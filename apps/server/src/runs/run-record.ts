import type {
  Evaluation,
  NamedEvaluation,
  QuantizationReport,
  Run,
  RunLog,
  RunProgress,
  RunStatus,
  ScorecardTable,
  WoeVariable,
} from '@studio/api';
import type { HistoryPoint, RunWarning } from '@studio/pipeline';
import type { ModelArtifact as ArtifactRow, Run as RunRow } from '../generated/sqlite/client.js';

/**
 * The Run row keeps its reports in two JSON columns (no schema change needed per report):
 * `progress` holds the live state the worker rewrites while training, `metrics` what the run is and found.
 */
export interface LiveState {
  progress: RunProgress | null;
  history: HistoryPoint[];
  logs: RunLog[];
}

/** What a run is (hashes, seed, versions) and what it found; written at creation and completion. */
export interface RunFacts {
  version: 1;
  graphHash: string;
  datasetHash: string | null;
  seed: number;
  modelKind: string | null;
  engineVersion: string | null;
  durations: Record<string, number>;
  evaluation: Evaluation | null;
  evaluations: NamedEvaluation[];
  woe: WoeVariable[] | null;
  scorecard: ScorecardTable | null;
  /** One per Quantize node; absent from runs stored before quantization ran. */
  quantizations?: QuantizationReport[];
  warnings: RunWarning[];
}

/** A run's error as stored: the code, the message that says what to do, and the node to blame if any. */
export interface RunError {
  code: string;
  message: string;
  nodeId?: string;
}

/** A run row with the relations the DTO needs. */
export type RunRowWithRefs = RunRow & { graphVersion: { number: number }; artifacts: ArtifactRow[] };

/** The include that loads `RunRowWithRefs`. */
export const runRefs = {
  graphVersion: { select: { number: true } },
  artifacts: { orderBy: { createdAt: 'asc' as const } },
};

/** The live state of a row (empty for rows written before any progress). */
export function liveOf(row: { progress: unknown }): LiveState {
  const live = row.progress as Partial<LiveState> | null;
  return { progress: live?.progress ?? null, history: live?.history ?? [], logs: live?.logs ?? [] };
}

/** The facts of a row. */
export function factsOf(row: { metrics: unknown }): RunFacts {
  return row.metrics as unknown as RunFacts;
}

/** The API's Run from a row. */
export function toRun(row: RunRowWithRefs): Run {
  const facts = factsOf(row);
  const live = liveOf(row);
  const error = row.error as RunError | null;
  return {
    id: row.id,
    projectId: row.projectId,
    versionId: row.graphVersionId,
    versionNumber: row.graphVersion.number,
    graphHash: facts.graphHash,
    datasetHash: facts.datasetHash,
    seed: facts.seed,
    status: row.status as RunStatus,
    modelKind: facts.modelKind,
    engineVersion: facts.engineVersion,
    backend: row.backend,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durations: facts.durations,
    progress: live.progress,
    history: live.history,
    evaluation: facts.evaluation,
    evaluations: facts.evaluations,
    woe: facts.woe,
    scorecard: facts.scorecard,
    quantization: facts.quantizations?.[0] ?? null,
    quantizations: facts.quantizations ?? [],
    warnings: facts.warnings,
    error: error ? { code: error.code, message: error.message } : null,
    artifacts: row.artifacts.map((a) => ({ kind: a.kind, hash: a.sha256, sizeBytes: a.sizeBytes })),
  };
}
