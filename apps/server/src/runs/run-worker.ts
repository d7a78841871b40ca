import { access } from 'node:fs/promises';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Person, RunLog, RunStatus } from '@studio/api';
import { currentGraph } from '@studio/ir';
import { executePlan, assertRunnable, type ExecuteResult } from '@studio/pipeline';
import type { AuditLog } from '../audit/audit-log';
import { SYSTEM_PERSON } from '../audit/system-person';
import type { DatasetService } from '../datasets/dataset-service';
import type { StudioPrisma } from '../db/prisma-client';
import { operationalError, userError } from '../http-error';
import type { Job, JobQueue } from '../jobs/job-queue';
import type { DbClock } from '../jobs/db-clock';
import type { PgNotifier } from '../jobs/pg-notifier';
import { ArtifactStore, type StoredArtifact } from './artifact-store';
import { engineVersion, runBackend } from './engine-version';
import { cancelledError, isCancellation, runError, toRunError } from './run-errors';
import type { RunEventHub } from './run-events';
import { factsOf, jsonOf, liveOf, storedError, type RunFacts } from './run-json';
import { RunLease, type LeaseSettings } from './run-lease';
import { leaseLost, RUN_TX, RunOutput } from './run-output';
import type { RunError } from './run-record';

export const INTERRUPTED: RunError = runError(
  'RUN_INTERRUPTED',
  'The worker training this run stopped and the run used all its attempts. Retry it to train this version again.',
);

/** Why a worker stopped a run it holds: a cancel, its lease was lost, or this worker is shutting down. */
type StopReason = 'cancel' | 'lost' | 'shutdown';

interface Held {
  lease: RunLease;
  abort: AbortController;
  reason: StopReason | null;
  done: Promise<void>;
}

/** Collaborators of a worker. */
export interface RunWorkerDeps {
  prisma: StudioPrisma;
  audit: AuditLog;
  datasets: DatasetService;
  dataDir: string;
  log: FastifyBaseLogger;
  queue: JobQueue;
  events: RunEventHub;
  settings: LeaseSettings;
  /** PostgreSQL: where cancels from other replicas arrive (NOTIFY on `cancelChannel`). */
  notifier: PgNotifier | null;
  cancelChannel: string;
  /** Called after a run succeeded (the validation plugin writes its model document). */
  onSucceeded: (runId: string) => Promise<void>;
  /** Each job's duration and outcome (metrics). */
  onJobDone: (kind: string, outcome: string, seconds: number) => void;
  /** The database's clock, on which leases are written and expire. */
  clock: DbClock;
  /** Jobs that are not training (bundle export/import), run by the jobs plugin's service. */
  otherJobs: (job: Job) => Promise<void>;
  /** Stops a job of another kind this process holds, on a cancel heard on `cancelChannel`. */
  stopOtherJob: (jobId: string) => boolean;
}

/**
 * Trains runs taken from the job queue. A run is claimed with a lease the worker renews every heartbeat;
 * every write of the run is fenced by that lease, so a worker that lost it (expired, cancelled, deleted)
 * writes nothing more. The same heartbeat takes back runs whose lease expired (another worker died): queued
 * again while attempts remain, else interrupted. It touches no other run.
 */
export class RunWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly held = new Map<string, Held>();
  private readonly artifacts: ArtifactStore;
  private readonly engine = engineVersion();
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> = Promise.resolve();
  private stopListening: (() => void) | null = null;
  private closing = false;
  private lastResend = 0;

  constructor(private readonly d: RunWorkerDeps) {
    this.artifacts = new ArtifactStore(d.datasets.blobs, d.dataDir);
  }

  /** Registers this worker, hears cancels, takes expired leases back and starts `concurrency` handlers. */
  async start(concurrency: number): Promise<void> {
    // `seenAt` on the database's clock, as leases are: live workers are counted against it.
    const now = await this.d.clock();
    await this.d.prisma.jobWorker.upsert({
      where: { id: this.id },
      create: { id: this.id, host: hostname(), pid: process.pid, concurrency, startedAt: now, seenAt: now },
      update: { seenAt: now },
    });
    if (this.d.notifier)
      this.stopListening = await this.d.notifier.listen(this.d.cancelChannel, (id) => {
        if (!this.stopLocal(id, 'cancel')) this.d.stopOtherJob(id);
      });
    await this.sweep();
    this.timer = setInterval(() => {
      this.beating = this.beating.then(() => this.beat());
    }, this.d.settings.heartbeatMs);
    await this.d.queue.work((job) => this.handle(job), concurrency);
  }

  /** Aborts a run this worker holds (a cancel heard here); false when it holds no such run. */
  stopLocal(runId: string, reason: StopReason): boolean {
    const h = this.held.get(runId);
    if (!h) return false;
    h.reason ??= reason;
    h.abort.abort();
    return true;
  }

  /**
   * Stops taking jobs and hands back what it holds: each training run is aborted and queued again for
   * another worker (or the next start), without using up an attempt. Then leaves the worker table.
   */
  async close(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopListening?.();
    for (const id of this.held.keys()) this.stopLocal(id, 'shutdown');
    await Promise.all([...this.held.values()].map((h) => h.done));
    await this.beating;
    await this.d.queue.close();
    await this.d.prisma.jobWorker.deleteMany({ where: { id: this.id } }).catch(() => undefined);
  }

  private async handle(job: Job): Promise<void> {
    // pg-boss retries a job that failed this way, so a job fetched while shutting down is not lost.
    if (this.closing) throw operationalError('SERVICE_UNAVAILABLE', 'this worker is shutting down');
    if (job.kind !== 'train') return this.d.otherJobs(job);
    const lease = new RunLease(this.d.prisma, job.id, this.id, this.d.settings, this.d.clock);
    if (!(await lease.claim(runBackend()))) return;
    const started = Date.now();
    const abort = new AbortController();
    let settle!: () => void;
    const held: Held = { lease, abort, reason: null, done: new Promise((r) => (settle = r)) };
    this.held.set(job.id, held);
    let outcome = 'failed';
    try {
      outcome = await this.execute(held);
    } catch (e) {
      this.d.log.error({ err: e, runId: job.id }, 'run worker failed');
    } finally {
      this.held.delete(job.id);
      settle();
      this.d.onJobDone(job.kind, outcome, (Date.now() - started) / 1000);
    }
  }

  /** One heartbeat: renew held leases (hearing cancels), mark this worker alive, take back expired leases. */
  private async beat(): Promise<void> {
    try {
      for (const h of [...this.held.values()]) {
        const state = await h.lease.renew();
        if (state === 'lost') this.stopLocal(h.lease.runId, 'lost');
        else if (state === 'cancel') this.stopLocal(h.lease.runId, 'cancel');
      }
      await this.d.prisma.jobWorker.updateMany({
        where: { id: this.id },
        data: { seenAt: await this.d.clock() },
      });
      await this.sweep();
    } catch (e) {
      this.d.log.warn({ err: e }, 'worker heartbeat failed; retrying at the next one');
    }
  }

  /**
   * Takes back runs whose lease expired (their worker died or hung): cancelled if a cancel was asked,
   * queued again while attempts remain, else interrupted. Each move is conditional on the lease seen, so two
   * workers sweeping at once move a run once.
   */
  async sweep(): Promise<void> {
    // The database's clock judges expiry: a worker whose clock runs ahead does not take live leases.
    const now = await this.d.clock();
    // A run handed back to the queue just as a cancel arrived is never claimed (claims skip the flag).
    await this.d.prisma.run.updateMany({
      where: { status: 'queued', cancelRequested: true },
      data: {
        status: 'cancelled',
        finishedAt: now,
        error: jsonOf(storedError(cancelledError('Cancelled before training started again.'))),
      },
    });
    const expired = await this.d.prisma.run.findMany({
      where: { status: 'running', OR: [{ leaseExpiresAt: { lt: now } }, { leaseExpiresAt: null }] },
      select: {
        id: true,
        projectId: true,
        leaseOwner: true,
        leaseExpiresAt: true,
        attempt: true,
        maxAttempts: true,
        cancelRequested: true,
        startedBy: { select: { name: true } },
      },
    });
    await this.resendWaiting(now);
    for (const run of expired) {
      const status: RunStatus = run.cancelRequested
        ? 'cancelled'
        : run.attempt < run.maxAttempts
          ? 'queued'
          : 'interrupted';
      const owner = run.leaseOwner ?? 'a previous server';
      const error =
        status === 'cancelled'
          ? cancelledError('Cancelled while its worker was unreachable.')
          : status === 'interrupted'
            ? INTERRUPTED
            : null;
      const moved = await this.d.prisma.$transaction(async (tx) => {
        const m = await tx.run.updateMany({
          where: {
            id: run.id,
            status: 'running',
            leaseOwner: run.leaseOwner,
            leaseExpiresAt: run.leaseExpiresAt,
          },
          data: {
            status,
            leaseOwner: null,
            leaseExpiresAt: null,
            ...(status === 'queued'
              ? { progress: jsonOf({ v: 2, progress: null }), startedAt: null }
              : { finishedAt: now, error: jsonOf(storedError(error!)) }),
          },
        });
        if (m.count !== 1) return false;
        const last = await tx.runLog.aggregate({ where: { runId: run.id }, _max: { seq: true } });
        const message =
          status === 'queued'
            ? `The lease of worker ${owner} expired (attempt ${run.attempt} of ${run.maxAttempts}); queued again for another worker.`
            : `RUN_INTERRUPTED: the lease of worker ${owner} expired after attempt ${run.attempt} of ${run.maxAttempts}.`;
        await tx.runLog.create({
          data: {
            runId: run.id,
            seq: (last._max.seq ?? -1) + 1,
            at: now,
            level: 'warn',
            message,
            nodeId: null,
          },
        });
        // The retry trains from the start: its learning curve too.
        if (status === 'queued') await tx.runPoint.deleteMany({ where: { runId: run.id } });
        // Queued again together with its job (see RunService.start).
        if (status === 'queued') await this.d.queue.enqueue({ kind: 'train', id: run.id }, tx);
        if (status === 'interrupted')
          await this.d.audit.record(tx, {
            actor: SYSTEM_PERSON,
            action: 'run.interrupt',
            targetType: 'run',
            targetId: run.id,
            projectId: run.projectId,
            summary: `Run ${run.id} started by ${run.startedBy.name} was interrupted: its worker stopped and it used all ${run.maxAttempts} attempts`,
            changes: [`running -> interrupted (lease of ${owner} expired)`],
          });
        return true;
      });
      if (!moved) continue;
      this.d.log.warn({ runId: run.id, owner, status }, 'took back a run whose lease expired');
      this.d.events.publish(run.id, { type: 'status', status, error: error?.message ?? null });
    }
  }

  /**
   * Sends the job of every run queued for longer than a lease again (at most once a lease). Runs are enqueued
   * in the transaction that queues them, so this only rescues a job the queue itself gave up on (pg-boss'
   * retries used up by workers that were shutting down). The queue drops duplicates of a waiting job, and a
   * claim is conditional, so a job sent twice trains once.
   */
  private async resendWaiting(now: Date): Promise<void> {
    if (now.getTime() - this.lastResend < this.d.settings.leaseMs) return;
    this.lastResend = now.getTime();
    const waiting = await this.d.prisma.run.findMany({
      where: {
        status: 'queued',
        cancelRequested: false,
        createdAt: { lt: new Date(now.getTime() - this.d.settings.leaseMs) },
      },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
      take: 100,
    });
    for (const r of waiting) await this.d.queue.enqueue({ kind: 'train', id: r.id });
  }

  private async execute(held: Held): Promise<string> {
    const { lease, abort } = held;
    const runId = lease.runId;
    const row = await this.d.prisma.run.findUnique({
      where: { id: runId },
      include: { graphVersion: true, startedBy: { select: { id: true, name: true } } },
    });
    if (!row) return 'gone';
    const output = await RunOutput.open(this.d.prisma, lease.fence, liveOf(row).progress);
    this.d.events.publish(runId, { type: 'status', status: 'running', error: null });
    try {
      const plan = assertRunnable(currentGraph(row.graphVersion.graph));
      const result = await executePlan(plan, {
        loadDataset: (id) => this.datasetFile(row.projectId, id),
        signal: abort.signal,
        seed: factsOf(row).seed,
        onProgress: (progress, point) => {
          output.update(progress, point);
          this.d.events.publish(runId, { type: 'progress', progress, point });
        },
        onLog: (log) => {
          output.log(log);
          this.d.events.publish(runId, { type: 'log', log });
        },
      });
      await output.stop();
      await this.succeed(row, lease, result, output, row.startedBy);
      await this.d.onSucceeded(runId);
      return 'succeeded';
    } catch (e) {
      await output.stop();
      return this.fail(row, held, e, output, row.startedBy);
    }
  }

  private async datasetFile(projectId: string, datasetId: string): Promise<{ path: string; sha256: string }> {
    const ds = await this.d.prisma.dataset.findFirst({ where: { id: datasetId, projectId } });
    if (!ds)
      throw userError(
        'DATASET_NOT_FOUND',
        `Dataset "${datasetId}" was deleted from this project. Pick another dataset in the Dataset node and save.`,
        { datasetId },
      );
    const path = this.d.datasets.blobs.pathOf(ds.sha256);
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

  /**
   * Artifacts go to the blob store first (durably), then rows and the succeeded status commit in one
   * transaction fenced by the lease: a run completes once, by the worker that holds it.
   */
  private async succeed(
    row: { id: string; projectId: string; metrics: unknown },
    lease: RunLease,
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
      await this.d.prisma.$transaction(async (tx) => {
        const moved = await tx.run.updateMany({
          where: lease.fence,
          data: {
            status: 'succeeded',
            finishedAt: new Date(),
            leaseOwner: null,
            leaseExpiresAt: null,
            // Where the models actually trained (logistic solvers stay on the CPU even with a GPU present).
            backend: result.devices,
            metrics: jsonOf(facts),
            progress: jsonOf({ v: 2, progress }),
          },
        });
        if (moved.count !== 1) throw leaseLost(row.id);
        await output.drain(tx);
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
        await this.d.audit.record(tx, {
          actor,
          action: 'run.finish',
          targetType: 'run',
          targetId: row.id,
          projectId: row.projectId,
          changes: [`succeeded in ${result.durations.total?.toFixed(1)} s`, ...auc],
        });
      }, RUN_TX);
      output.drained();
    } catch (e) {
      await this.removeOrphans(written);
      throw e;
    }
    this.d.events.publish(row.id, { type: 'status', status: 'succeeded', error: null });
  }

  /**
   * Records how a held run ended: failed, cancelled, or — on shutdown — handed back to the queue (the attempt
   * is not counted). A run whose lease was lost is left to whoever holds it now.
   */
  private async fail(
    row: { id: string; projectId: string },
    held: Held,
    e: unknown,
    output: RunOutput,
    actor: Person,
  ): Promise<string> {
    const { lease } = held;
    const stopped = isCancellation(e) || held.abort.signal.aborted;
    const reason = stopped ? (held.reason ?? 'cancel') : null;
    if (reason === 'lost') {
      this.d.log.warn({ runId: row.id }, 'lost the lease of a run; stopped without writing it');
      return 'lost';
    }
    if (reason === 'shutdown') return this.release(row.id, lease, output);
    const cancelled = reason === 'cancel';
    const { error, internal } = cancelled
      ? { error: cancelledError('The run was cancelled while training.'), internal: false }
      : toRunError(e);
    if (internal) this.d.log.error({ err: e, runId: row.id }, 'run failed on an internal error');
    const status: RunStatus = cancelled ? 'cancelled' : 'failed';
    const line: RunLog = {
      at: new Date().toISOString(),
      level: cancelled ? 'warn' : 'error',
      message: `${error.code}: ${error.message}`,
      ...(error.nodeId ? { nodeId: error.nodeId } : {}),
    };
    output.log(line);
    const message = error.nodeId ? `node ${error.nodeId}: ${error.message}` : error.message;
    try {
      await this.d.prisma.$transaction(async (tx) => {
        const moved = await tx.run.updateMany({
          where: lease.fence,
          data: {
            status,
            finishedAt: new Date(),
            leaseOwner: null,
            leaseExpiresAt: null,
            error: jsonOf(storedError({ ...error, message })),
            progress: jsonOf({ v: 2, progress: output.progress }),
          },
        });
        if (moved.count !== 1) throw leaseLost(row.id);
        await output.drain(tx);
        if (!cancelled)
          await this.d.audit.record(tx, {
            actor,
            action: 'run.finish',
            targetType: 'run',
            targetId: row.id,
            projectId: row.projectId,
            changes: [`failed: ${error.code}`],
          });
      }, RUN_TX);
    } catch (err) {
      this.d.log.warn(
        { err, runId: row.id },
        'could not record the end of a run this worker no longer holds',
      );
      return 'lost';
    }
    output.drained();
    this.d.events.publish(row.id, { type: 'log', log: line });
    this.d.events.publish(row.id, { type: 'status', status, error: message });
    return status;
  }

  /** Shutdown: the run goes back to the queue with its attempt not counted, for another worker or the next start. */
  private async release(runId: string, lease: RunLease, output: RunOutput): Promise<string> {
    const line: RunLog = {
      at: new Date().toISOString(),
      level: 'warn',
      message: `Worker ${this.id} shut down while training; the run is queued again and starts over.`,
    };
    output.log(line);
    try {
      await this.d.prisma.$transaction(async (tx) => {
        const moved = await tx.run.updateMany({
          where: lease.fence,
          data: {
            status: 'queued',
            startedAt: null,
            leaseOwner: null,
            leaseExpiresAt: null,
            attempt: { decrement: 1 },
            progress: jsonOf({ v: 2, progress: null }),
          },
        });
        if (moved.count !== 1) throw leaseLost(runId);
        await output.drain(tx);
        await tx.runPoint.deleteMany({ where: { runId } });
        await this.d.queue.enqueue({ kind: 'train', id: runId }, tx);
      }, RUN_TX);
    } catch {
      return 'lost';
    }
    output.drained();
    this.d.events.publish(runId, { type: 'log', log: line });
    this.d.events.publish(runId, { type: 'status', status: 'queued', error: null });
    return 'released';
  }

  // Only files this run created and nothing else refers to are removed; equal content may belong to another run.
  private async removeOrphans(written: StoredArtifact[]): Promise<void> {
    for (const w of written.filter((x) => x.created)) {
      const used =
        (await this.d.prisma.modelArtifact.count({ where: { sha256: w.sha256 } })) +
        (await this.d.prisma.dataset.count({ where: { sha256: w.sha256 } }));
      if (used === 0) await this.artifacts.remove(w.sha256);
    }
  }
}
