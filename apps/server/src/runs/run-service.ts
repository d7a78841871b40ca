import { access } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import {
  ACTIVE_STATUSES,
  isActiveStatus,
  type Actor,
  type Person,
  type Run,
  type RunLog,
  type RunStatus,
} from '@studio/api';
import { currentGraph, isStudioError, type Diagnostic } from '@studio/ir';
import { executePlan, assertRunnable, planGraph, preflightPlan, type ExecuteResult } from '@studio/pipeline';
import type { AuditLog } from '../audit/audit-log';
import { SYSTEM_PERSON } from '../audit/system-person';
import type { DatasetService } from '../datasets/dataset-service';
import type { StudioPrisma } from '../db/prisma-client';
import { HttpUserError, notFound, operationalError, userError } from '../http-error';
import { ArtifactStore, type StoredArtifact } from './artifact-store';
import { engineVersion, runBackend } from './engine-version';
import { InProcessJobQueue, type JobQueue, type JobQueueFactory } from './job-queue';
import { cancelledError, isCancellation, runError, toRunError } from './run-errors';
import { RunEventHub } from './run-events';
import { factsOf, jsonOf, liveOf, logOf, storedError, type RunFacts } from './run-json';
import { MAX_LOGS, RunOutput } from './run-output';
import { runRefs, toRun, type RunError } from './run-record';

const INTERRUPTED: RunError = runError(
  'RUN_INTERRUPTED',
  'The server stopped while this run was waiting or training. Retry it to train this version again.',
);

/** Runs: created from saved versions, trained one at a time by the job queue, reported live over SSE. */
export class RunService {
  readonly events = new RunEventHub();
  private readonly queue: JobQueue;
  private readonly artifacts: ArtifactStore;
  private readonly engine = engineVersion();
  private closing = false;
  /** Called after a run succeeded (the validation plugin writes its model document); failures are its own. */
  onSucceeded: ((runId: string) => Promise<void>) | null = null;

  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
    private readonly datasets: DatasetService,
    dataDir: string,
    private readonly log: FastifyBaseLogger,
    makeQueue: JobQueueFactory = (handler, onError) => new InProcessJobQueue(handler, onError),
  ) {
    this.artifacts = new ArtifactStore(datasets.blobs, dataDir);
    this.queue = makeQueue(
      (runId, signal) => this.execute(runId, signal),
      (runId, e) => this.log.error({ err: e, runId }, 'run worker failed'),
    );
  }

  /**
   * Queues a run of a saved version (default: the project's head). A graph that cannot run answers 422 with
   * node-pinned diagnostics and creates nothing; otherwise the Run row and its audit event commit together.
   */
  async start(
    projectId: string,
    versionId: string | undefined,
    actor: Actor,
    retryOf?: string,
  ): Promise<Run> {
    const project = await this.prisma.project.findUnique({
      where: { id: projectId },
      select: { headVersionId: true },
    });
    if (!project) throw notFound('project', projectId);
    const id = versionId ?? project.headVersionId;
    if (!id)
      throw new HttpUserError(
        409,
        'NO_GRAPH_VERSION',
        'This project has no saved graph yet. Save the graph, then train it.',
      );
    const version = await this.prisma.graphVersion.findFirst({ where: { id, projectId } });
    if (!version) throw notFound('version', id);
    const datasets = await this.prisma.dataset.findMany({ where: { projectId } });
    const columns = new Map(
      datasets.map((d) => [d.id, (d.columns as { name: string }[]).map((c) => c.name)]),
    );
    const planned = planGraph(currentGraph(version.graph), {
      context: { datasetColumns: (d) => columns.get(d) },
    });
    if (!planned.ok || !planned.plan) throw notRunnable(planned.diagnostics);
    const plan = planned.plan;
    const dataset = datasets.find((d) => d.id === plan.dataset.datasetId);
    if (!dataset)
      throw notRunnable([
        {
          code: 'DATASET_NOT_FOUND',
          severity: 'error',
          message: `dataset "${plan.dataset.datasetId}" is not one of this project's datasets; pick an uploaded dataset`,
          nodeId: plan.dataset.nodeId,
          param: 'datasetId',
        },
      ]);
    // Bad input the data reveals (an out-of-time cut-off outside the dates, one group, one class) is reported
    // on its node now, not as a run failing half-way.
    const problems = await this.preflight(plan, dataset.sha256);
    if (problems.some((d) => d.severity === 'error'))
      throw notRunnable([...planned.diagnostics, ...problems]);
    const facts: RunFacts = {
      v: 3,
      graphHash: version.hash,
      datasetHash: dataset.sha256,
      seed: plan.seed,
      modelKind: [...new Set(plan.branches.map((b) => b.model.kind))].join('+'),
      engineVersion: null,
      durations: {},
      evaluation: null,
      evaluations: [],
      woe: null,
      scorecard: null,
      quantizations: [],
      tunings: [],
      warnings: planned.diagnostics
        .filter((d) => d.severity === 'warning')
        .map((d) => ({ code: d.code, message: d.message, ...(d.nodeId ? { nodeId: d.nodeId } : {}) })),
    };
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.run.create({
        data: {
          projectId,
          graphVersionId: version.id,
          datasetId: dataset.id,
          status: 'queued',
          startedById: actor.id,
          progress: jsonOf({ v: 2, progress: null }),
          metrics: jsonOf(facts),
        },
      });
      await this.audit.record(tx, {
        actor,
        action: 'run.start',
        targetType: 'run',
        targetId: created.id,
        projectId,
        afterHash: version.hash,
        changes: [
          `queued version ${version.number} on dataset "${dataset.name}" (sha256 ${dataset.sha256.slice(0, 12)}), seed ${plan.seed}`,
          ...(retryOf ? [`retry of run ${retryOf}`] : []),
        ],
      });
      return created;
    });
    // Read the run back before the worker can pick it up, so the answer is the run as created (queued).
    const created = await this.get(row.id);
    this.queue.enqueue(row.id);
    return created;
  }

  /** A new run of the same version as run `runId`. */
  async retry(runId: string, actor: Actor): Promise<Run> {
    const row = await this.prisma.run.findUnique({ where: { id: runId } });
    if (!row) throw notFound('run', runId);
    if (isActiveStatus(row.status as RunStatus))
      throw new HttpUserError(
        409,
        'RUN_ACTIVE',
        'This run is still queued or training; cancel it before retrying.',
      );
    return this.start(row.projectId, row.graphVersionId, actor, row.id);
  }

  /** One run; 404 when it does not exist. */
  async get(runId: string): Promise<Run> {
    const row = await this.prisma.run.findUnique({ where: { id: runId }, include: runRefs });
    if (!row) throw notFound('run', runId);
    return toRun(row);
  }

  /** The project's runs, newest first. */
  async list(projectId: string): Promise<Run[]> {
    const rows = await this.prisma.run.findMany({
      where: { projectId },
      include: runRefs,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map(toRun);
  }

  /** The run's log lines (the newest MAX_LOGS), oldest first. */
  async logs(runId: string): Promise<RunLog[]> {
    const row = await this.prisma.run.findUnique({
      where: { id: runId },
      select: { logs: { orderBy: { seq: 'desc' }, take: MAX_LOGS } },
    });
    if (!row) throw notFound('run', runId);
    return row.logs.reverse().map(logOf);
  }

  /** Cancels a queued or training run and resolves once it has stopped; finished runs answer 409. */
  async cancel(runId: string, actor: Actor): Promise<Run> {
    const row = await this.prisma.run.findUnique({ where: { id: runId } });
    if (!row) throw notFound('run', runId);
    if (!isActiveStatus(row.status as RunStatus))
      throw new HttpUserError(
        409,
        'RUN_NOT_ACTIVE',
        `This run has already ${row.status}; there is nothing to cancel.`,
      );
    await this.prisma.$transaction((tx) =>
      this.audit.record(tx, {
        actor,
        action: 'run.cancel',
        targetType: 'run',
        targetId: runId,
        projectId: row.projectId,
        changes: [`cancelled while ${row.status}`],
      }),
    );
    const outcome = await this.queue.cancel(runId);
    // A dequeued run never started; an aborted one was recorded by its worker.
    if (outcome !== 'aborted') {
      const error = cancelledError(`Cancelled by ${actor.name} before training started.`);
      const moved = await this.prisma.run.updateMany({
        where: { id: runId, status: { in: [...ACTIVE_STATUSES] } },
        data: { status: 'cancelled', finishedAt: new Date(), error: jsonOf(storedError(error)) },
      });
      if (moved.count > 0)
        this.events.publish(runId, { type: 'status', status: 'cancelled', error: error.message });
    }
    return this.get(runId);
  }

  /**
   * Stops an active run because its project is being deleted (the deletion's own audit event records it):
   * a queued run leaves the queue, a training one is aborted and recorded as cancelled by its worker.
   */
  async stopForDeletion(runId: string): Promise<void> {
    const outcome = await this.queue.cancel(runId);
    if (outcome !== 'aborted')
      await this.prisma.run.updateMany({
        where: { id: runId, status: { in: [...ACTIVE_STATUSES] } },
        data: {
          status: 'cancelled',
          finishedAt: new Date(),
          error: jsonOf(storedError(cancelledError('Cancelled: its project was deleted.'))),
        },
      });
    this.events.publish(runId, { type: 'status', status: 'cancelled', error: 'its project was deleted' });
  }

  /**
   * Marks runs left queued or running by a previous server process as interrupted; returns how many. Right for
   * the embedded single-process server; with several workers on one database (pg-boss) this sweep must only
   * take runs whose worker lease expired.
   */
  async interruptLeftovers(): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const left = await tx.run.findMany({
        where: { status: { in: [...ACTIVE_STATUSES] } },
        select: { id: true, projectId: true, status: true, startedBy: { select: { name: true } } },
      });
      for (const run of left) {
        const moved = await tx.run.updateMany({
          where: { id: run.id, status: run.status },
          data: { status: 'interrupted', finishedAt: new Date(), error: jsonOf(storedError(INTERRUPTED)) },
        });
        if (moved.count === 0) continue;
        await this.audit.record(tx, {
          actor: SYSTEM_PERSON,
          action: 'run.interrupt',
          targetType: 'run',
          targetId: run.id,
          projectId: run.projectId,
          summary: `Run ${run.id} started by ${run.startedBy.name} was interrupted: the Studio stopped while it was ${run.status}`,
          changes: [`${run.status} -> interrupted (the previous server process stopped)`],
        });
      }
      return left.length;
    });
  }

  /** Stops the worker (the running training is cancelled and recorded) and the event timers. */
  async close(): Promise<void> {
    this.closing = true;
    await this.queue.close();
    this.events.close();
  }

  private async execute(runId: string, signal: AbortSignal): Promise<void> {
    const row = await this.prisma.run.findUnique({
      where: { id: runId },
      include: { graphVersion: true, startedBy: { select: { id: true, name: true } } },
    });
    if (!row || row.status !== 'queued') return;
    // Read before the run is marked running, so that a running run always ends with a recorded outcome.
    const output = await RunOutput.open(this.prisma, runId, liveOf(row).progress);
    const started = await this.prisma.run.updateMany({
      where: { id: runId, status: 'queued' },
      data: { status: 'running', startedAt: new Date(), backend: runBackend() },
    });
    if (started.count === 0) return;
    this.events.publish(runId, { type: 'status', status: 'running', error: null });
    const actor = row.startedBy;
    try {
      const plan = assertRunnable(currentGraph(row.graphVersion.graph));
      const result = await executePlan(plan, {
        loadDataset: (id) => this.datasetFile(row.projectId, id),
        signal,
        seed: factsOf(row).seed,
        onProgress: (progress, point) => {
          output.update(progress, point);
          this.events.publish(runId, { type: 'progress', progress, point });
        },
        onLog: (log) => {
          output.log(log);
          this.events.publish(runId, { type: 'log', log });
        },
      });
      await output.stop();
      await this.succeed(row, result, output, actor);
      await this.onSucceeded?.(runId);
    } catch (e) {
      await output.stop();
      await this.fail(row, e, output, actor, signal);
    }
  }

  /** `preflightPlan` on the stored dataset file; a missing or unreadable file is left to the run to report. */
  private async preflight(plan: Parameters<typeof preflightPlan>[0], sha256: string): Promise<Diagnostic[]> {
    try {
      return await preflightPlan(plan, this.datasets.blobs.pathOf(sha256));
    } catch (e) {
      if (isStudioError(e)) return [];
      throw e;
    }
  }

  private async datasetFile(projectId: string, datasetId: string): Promise<{ path: string; sha256: string }> {
    const ds = await this.prisma.dataset.findFirst({ where: { id: datasetId, projectId } });
    if (!ds)
      throw userError(
        'DATASET_NOT_FOUND',
        `Dataset "${datasetId}" was deleted from this project. Pick another dataset in the Dataset node and save.`,
        { datasetId },
      );
    const path = this.datasets.blobs.pathOf(ds.sha256);
    try {
      await access(path);
    } catch {
      throw operationalError(
        'DATASET_FILE_MISSING',
        `The stored file of dataset "${ds.name}" is missing on disk`,
        {
          sha256: ds.sha256,
        },
      );
    }
    return { path, sha256: ds.sha256 };
  }

  /** Artifacts go to disk first (durably), then rows and the succeeded status commit in one transaction. */
  private async succeed(
    row: { id: string; projectId: string; metrics: unknown },
    result: ExecuteResult,
    output: RunOutput,
    actor: Person,
  ): Promise<void> {
    const written: StoredArtifact[] = [];
    try {
      for (const a of result.artifacts) written.push(await this.artifacts.write(a.bytes));
      const stored = factsOf(row);
      const facts: RunFacts = {
        ...stored,
        datasetHash: result.datasetSha256,
        modelKind: result.modelKind,
        engineVersion: this.engine,
        durations: result.durations,
        evaluation: result.evaluation,
        evaluations: result.evaluations,
        woe: result.woe,
        scorecard: result.scorecard,
        quantizations: result.quantizations,
        tunings: result.tunings,
        warnings: [...stored.warnings, ...result.warnings],
      };
      const progress = output.progress && { ...output.progress, phase: 'done', fraction: 1, etaSeconds: 0 };
      await this.prisma.$transaction(async (tx) => {
        await output.drain(tx);
        const moved = await tx.run.updateMany({
          where: { id: row.id, status: 'running' },
          data: {
            status: 'succeeded',
            finishedAt: new Date(),
            // Where the models actually trained (logistic solvers stay on the CPU even with a GPU present).
            backend: result.devices,
            metrics: jsonOf(facts),
            progress: jsonOf({ v: 2, progress }),
          },
        });
        if (moved.count !== 1)
          throw operationalError('RUN_STATE_CHANGED', 'the run left the running state before it finished');
        for (const [i, a] of result.artifacts.entries())
          await tx.modelArtifact.create({
            data: {
              projectId: row.projectId,
              runId: row.id,
              kind: a.kind,
              sha256: written[i]!.sha256,
              sizeBytes: written[i]!.sizeBytes,
              metadata: { modelNodeId: a.modelNodeId },
            },
          });
        const auc = result.evaluations.map((e) => `${e.label}: AUC ${e.evaluation.auc.toFixed(4)}`);
        await this.audit.record(tx, {
          actor,
          action: 'run.finish',
          targetType: 'run',
          targetId: row.id,
          projectId: row.projectId,
          changes: [`succeeded in ${result.durations.total?.toFixed(1)} s`, ...auc],
        });
      });
      output.drained();
    } catch (e) {
      await this.removeOrphans(written);
      throw e;
    }
    this.events.publish(row.id, { type: 'status', status: 'succeeded', error: null });
  }

  private async fail(
    row: { id: string; projectId: string },
    e: unknown,
    output: RunOutput,
    actor: Person,
    signal: AbortSignal,
  ): Promise<void> {
    const cancelled = isCancellation(e) || signal.aborted;
    // A shutdown aborts the training too; that run did not fail and was not cancelled by anyone.
    const interrupted = cancelled && this.closing;
    const { error, internal } = interrupted
      ? { error: INTERRUPTED, internal: false }
      : cancelled
        ? {
            error: cancelledError('The run was cancelled while training.'),
            internal: false,
          }
        : toRunError(e);
    if (internal) this.log.error({ err: e, runId: row.id }, 'run failed on an internal error');
    const status: RunStatus = interrupted ? 'interrupted' : cancelled ? 'cancelled' : 'failed';
    const line: RunLog = {
      at: new Date().toISOString(),
      level: cancelled ? 'warn' : 'error',
      message: `${error.code}: ${error.message}`,
      ...(error.nodeId ? { nodeId: error.nodeId } : {}),
    };
    output.log(line);
    this.events.publish(row.id, { type: 'log', log: line });
    const message = error.nodeId ? `node ${error.nodeId}: ${error.message}` : error.message;
    await this.prisma.$transaction(async (tx) => {
      await output.drain(tx);
      await tx.run.updateMany({
        where: { id: row.id, status: 'running' },
        data: {
          status,
          finishedAt: new Date(),
          error: jsonOf(storedError({ ...error, message })),
          progress: jsonOf({ v: 2, progress: output.progress }),
        },
      });
      if (!cancelled)
        await this.audit.record(tx, {
          actor,
          action: 'run.finish',
          targetType: 'run',
          targetId: row.id,
          projectId: row.projectId,
          changes: [`failed: ${error.code}`],
        });
      else if (interrupted)
        await this.audit.record(tx, {
          actor: SYSTEM_PERSON,
          action: 'run.interrupt',
          targetType: 'run',
          targetId: row.id,
          projectId: row.projectId,
          summary: `The Studio stopped while run ${row.id} (started by ${actor.name}) was training: the run was interrupted`,
          changes: ['interrupted: the server shut down while it trained'],
        });
    });
    output.drained();
    this.events.publish(row.id, { type: 'status', status, error: message });
  }

  // Only files this run created and nothing else refers to are removed; equal content may belong to another run.
  private async removeOrphans(written: StoredArtifact[]): Promise<void> {
    for (const w of written.filter((x) => x.created)) {
      const used =
        (await this.prisma.modelArtifact.count({ where: { sha256: w.sha256 } })) +
        (await this.prisma.dataset.count({ where: { sha256: w.sha256 } }));
      if (used === 0) await this.artifacts.remove(w.sha256);
    }
  }
}

function notRunnable(diagnostics: Diagnostic[]): HttpUserError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  const where = first?.nodeId ? `node ${first.nodeId}: ` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
  return new HttpUserError(
    422,
    'GRAPH_NOT_RUNNABLE',
    `The graph cannot be trained yet: ${where}${first?.message ?? 'it is incomplete'}${more}. Fix the marked nodes, save and train again.`,
    { diagnostics },
  );
}
