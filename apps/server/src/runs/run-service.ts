import {
  ACTIVE_STATUSES,
  isActiveStatus,
  type Actor,
  type Run,
  type RunLog,
  type RunStatus,
} from '@studio/api';
import { currentGraph, isStudioError, type Diagnostic } from '@studio/ir';
import { planGraph, preflightPlan } from '@studio/pipeline';
import type { AuditLog } from '../audit/audit-log';
import type { DatasetService } from '../datasets/dataset-service';
import type { StudioPrisma } from '../db/prisma-client';
import { HttpUserError, notFound } from '../http-error';
import type { JobHandler, JobQueue } from '../jobs/job-queue';
import type { PgNotifier } from '../jobs/pg-notifier';
import { cancelledError } from './run-errors';
import type { RunEventHub } from './run-events';
import { jsonOf, logOf, storedError, type RunFacts } from './run-json';
import type { LeaseSettings } from './run-lease';
import { MAX_LOGS } from './run-output';
import { runRefs, toRun } from './run-record';
import type { RunWorker } from './run-worker';

/** How long a cancel waits for the owning worker to record the stop before answering. */
const CANCEL_WAIT_MS = 15_000;

/** What the run service needs besides the database: the queue it feeds and where cancels travel. */
export interface RunServiceDeps {
  prisma: StudioPrisma;
  audit: AuditLog;
  datasets: DatasetService;
  queue: JobQueue;
  events: RunEventHub;
  settings: LeaseSettings;
  /** PostgreSQL: cancels reach workers on other machines by NOTIFY on `cancelChannel`. */
  notifier: PgNotifier | null;
  cancelChannel: string;
}

/**
 * Runs, the API side: created from saved versions and enqueued as jobs, read, streamed and cancelled from any
 * replica. Training happens in a `RunWorker` (this process' own when it runs one, or `studio worker`).
 */
export class RunService {
  readonly events: RunEventHub;
  readonly queue: JobQueue;
  private readonly prisma: StudioPrisma;
  private readonly audit: AuditLog;
  private readonly datasets: DatasetService;
  private readonly notifier: PgNotifier | null;
  private readonly cancelChannel: string;
  readonly settings: LeaseSettings;
  /** Called after a run succeeded (the validation plugin writes its model document); failures are its own. */
  onSucceeded: ((runId: string) => Promise<void>) | null = null;
  /** This process' worker, when it runs one. */
  worker: RunWorker | null = null;
  /** Jobs of other kinds taken from the same queue (bundle export/import: the jobs plugin's). */
  otherJobs: JobHandler | null = null;
  /** Stops a job of another kind this process holds (the jobs plugin's); false when it holds none. */
  stopOtherJob: ((jobId: string) => boolean) | null = null;
  /** Records a job's duration and outcome (metrics); set by the runs plugin. */
  jobDone: (kind: string, outcome: string, seconds: number) => void = () => undefined;

  constructor(d: RunServiceDeps) {
    this.prisma = d.prisma;
    this.audit = d.audit;
    this.datasets = d.datasets;
    this.queue = d.queue;
    this.events = d.events;
    this.notifier = d.notifier;
    this.cancelChannel = d.cancelChannel;
    this.settings = d.settings;
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
          maxAttempts: this.settings.maxAttempts,
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
      // Read back before any worker can take it (the answer is the run as created: queued), then enqueue in
      // this transaction: on PostgreSQL pg-boss' job row commits with the run, so no committed run ever waits
      // for a job that was never sent (a server killed between the two).
      const answer = toRun(await tx.run.findUniqueOrThrow({ where: { id: created.id }, include: runRefs }));
      await this.queue.enqueue({ kind: 'train', id: created.id }, tx);
      return answer;
    });
    return row;
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

  /**
   * Cancels a queued or training run from any replica and resolves once it has stopped (or after
   * CANCEL_WAIT_MS, the flag still set for its worker); finished runs answer 409.
   */
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
    await this.stop(runId, `Cancelled by ${actor.name} before training started.`);
    return this.get(runId);
  }

  /**
   * Stops an active run because its project is being deleted (the deletion's own audit event records it).
   * A worker that has not stopped by the time the rows go loses its lease with them and writes nothing.
   */
  async stopForDeletion(runId: string): Promise<void> {
    await this.stop(runId, 'Cancelled: its project was deleted.');
  }

  /**
   * A queued run nobody holds is cancelled here; a running one gets the cancel flag (its worker hears it by
   * NOTIFY, or at its next heartbeat) and is waited for.
   */
  private async stop(runId: string, queuedMessage: string): Promise<void> {
    const error = cancelledError(queuedMessage);
    const dequeued = await this.prisma.run.updateMany({
      where: { id: runId, status: 'queued' },
      data: {
        status: 'cancelled',
        cancelRequested: true,
        finishedAt: new Date(),
        error: jsonOf(storedError(error)),
      },
    });
    if (dequeued.count > 0) {
      this.events.publish(runId, { type: 'status', status: 'cancelled', error: error.message });
      return;
    }
    const flagged = await this.prisma.run.updateMany({
      where: { id: runId, status: { in: [...ACTIVE_STATUSES] } },
      data: { cancelRequested: true },
    });
    if (flagged.count === 0) return;
    await this.signalCancel(runId);
    await this.settled(runId, CANCEL_WAIT_MS);
  }

  /** Stops this process' worker (held runs go back to the queue) and the event timers. */
  async close(): Promise<void> {
    await this.worker?.close();
    this.events.close();
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

  /** Polls the run until it has stopped (terminal or queued again), at most `ms`. */
  private async settled(runId: string, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const row = await this.prisma.run.findUnique({ where: { id: runId }, select: { status: true } });
      if (!row || row.status !== 'running') return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Asks the worker that holds a running run (or another job) to stop: directly when it is this process,
   * else by NOTIFY on the cancel channel, whose listener in every worker tries its runs, then its jobs.
   */
  async signalCancel(id: string): Promise<void> {
    if (this.worker?.stopLocal(id, 'cancel') || this.stopOtherJob?.(id)) return;
    await this.notifier?.notify(this.cancelChannel, id);
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
