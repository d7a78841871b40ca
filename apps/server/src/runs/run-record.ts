import type { Run, RunStatus } from '@studio/api';
import type { HistoryPoint } from '@studio/pipeline';
import type {
  ModelArtifact as ArtifactRow,
  Run as RunRow,
  RunPoint as RunPointRow,
} from '../generated/sqlite/client.js';
import { errorOf, factsOf, liveOf } from './run-json';

/** A run's error as the worker reports it: the code, the message that says what to do, and the node to blame if any. */
export interface RunError {
  code: string;
  message: string;
  nodeId?: string;
}

/** A run row with the relations the DTO needs. */
export type RunRowWithRefs = RunRow & {
  graphVersion: { number: number };
  artifacts: ArtifactRow[];
  points: RunPointRow[];
};

/** The include that loads `RunRowWithRefs`. */
export const runRefs = {
  graphVersion: { select: { number: true } },
  artifacts: { orderBy: { createdAt: 'asc' as const } },
  points: { orderBy: { seq: 'asc' as const } },
};

/** A RunPoint row as the API's learning-curve point. */
export function pointOf(
  row: Pick<RunPointRow, 'step' | 'epoch' | 'loss' | 'valLoss' | 'valAuc' | 'nodeId' | 'modelKind'>,
): HistoryPoint {
  const kind = row.modelKind;
  return {
    step: row.step,
    epoch: row.epoch,
    loss: row.loss,
    valLoss: row.valLoss,
    valAuc: row.valAuc,
    ...(row.nodeId ? { nodeId: row.nodeId } : {}),
    ...(kind === 'logistic' || kind === 'mlp' || kind === 'gbm' ? { modelKind: kind } : {}),
  };
}

/** The API's Run from a row. */
export function toRun(row: RunRowWithRefs): Run {
  const facts = factsOf(row);
  const live = liveOf(row);
  const error = errorOf(row);
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
    history: row.points.map(pointOf),
    evaluation: facts.evaluation,
    evaluations: facts.evaluations,
    woe: facts.woe,
    scorecard: facts.scorecard,
    quantization: facts.quantizations[0] ?? null,
    quantizations: facts.quantizations,
    ...(facts.tunings.length > 0 ? { tunings: facts.tunings } : {}),
    warnings: facts.warnings,
    error: error ? { code: error.code, message: error.message } : null,
    // The model document is written after the run (issue #14) and served by the validation routes.
    artifacts: row.artifacts
      .filter((a) => a.kind !== 'document')
      .map((a) => ({ kind: a.kind, hash: a.sha256, sizeBytes: a.sizeBytes })),
    untrusted: row.untrusted ?? null,
  };
}

export { factsOf } from './run-json';
