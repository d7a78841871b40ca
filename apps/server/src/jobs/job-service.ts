import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from '../audit/audit-log';
import type { Actor, JobDto, JobKind, JobProgress, JobStatus } from '@studio/api';
import { isStudioError } from '@studio/ir';
import type { StudioPrisma } from '../db/prisma-client';
import type { ContentStore } from '../blobs/content-store';
import { HttpUserError, notFound, operationalError } from '../http-error';
import type { ArtifactStore, StoredArtifact } from '../runs/artifact-store';
import type { LeaseSettings } from '../runs/run-lease';
import type { DbClock } from './db-clock';
import type { JobQueue } from './job-queue';

type Tx = Parameters<Parameters<StudioPrisma['$transaction']>[0]>[0];

/** The where clause of every write a job's holder makes: only the claim that holds it writes it. */
export interface JobFence {
  id: string;
  status: 'running';
  leaseOwner: string;
}

/** What an executor gets: the job, who asked for it, and the fenced ways to write it. */
export interface JobContext {
  job: JobRow;
  actor: Actor;
  fence: JobFence;
  /** Aborted when the job is cancelled (heard by NOTIFY, directly, or at a heartbeat). */
  signal: AbortSignal;
  /** The uploaded input (a bundle zip). */
  input(): Promise<Buffer>;
  /** Records progress (fenced; a lost lease or a cancel throws: the executor's check point). */
  progress(p: JobProgress): Promise<void>;
  /** Stores a result blob; removed again if the job does not then succeed and nothing else names it. */
  store(bytes: Uint8Array): Promise<StoredArtifact>;
  /** Marks the job succeeded inside the executor's own transaction (with the rows it commits); fenced. */
  succeed(tx: Tx, fields: { projectId?: string; result?: StoredArtifact }): Promise<void>;
}

/** Does one kind of job; must call `ctx.succeed` in the transaction that commits its effect. */
export type JobExecutor = (ctx: JobContext) => Promise<void>;

/** The Job row as the service reads it. */
export type JobRow = Awaited<ReturnType<StudioPrisma['job']['findUniqueOrThrow']>>;

interface StoredJobError {
  v: 1;
  code: string;
  message: string;
  /** The HTTP status and body a synchronous request would have answered (user errors). */
  status?: number;
  body?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

/** Collaborators of the job service. */
export interface JobServiceDeps {
  prisma: StudioPrisma;
  queue: JobQueue;
  artifacts: ArtifactStore;
  blobs: ContentStore;
  settings: LeaseSettings;
  clock: DbClock;
  log: FastifyBaseLogger;
  audit: AuditLog;
  /**
   * Asks whoever holds a running job to stop: the runs' cancel path (this process' worker, else NOTIFY on
   * the runs' cancel channel, which every worker's listener also hands to its job service).
   */
  signalCancel: (jobId: string) => Promise<void>;
  /** Each job's duration and outcome (metrics). */
  onJobDone: (kind: string, outcome: string, seconds: number) => void;
}

/** How long a cancel waits for the holder of a running job to record the stop before answering. */
const CANCEL_WAIT_MS = 15_000;

const jobCancelled = (message: string): StoredJobError => ({ v: 1, code: 'JOB_CANCELLED', message });

const jobInterrupted = (owner: string, attempt: number, max: number): StoredJobError => ({
  v: 1,
  code: 'JOB_INTERRUPTED',
  message: `The worker ${owner} running this job stopped after attempt ${attempt} of ${max}. Start it again.`,
});

/**
 * Bundle exports and imports as jobs (issue #11), beside training runs on the same queue. A job row is
 * claimed with a lease on the database's clock that its holder renews every heartbeat; every write of the job
 * is fenced by that lease, and success commits in one transaction with the job's effect (the new project, the
 * audit event), so a job is done once. Workers take back jobs whose lease expired: queued again while
 * attempts remain, else interrupted. The synchronous endpoints create the job already claimed by this
 * process and run it here (`runHere`), so they answer as before, and a crash mid-way still leaves a job
 * another worker finishes.
 */
export class JobService {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly executors = new Map<JobKind, JobExecutor>();
  /** Jobs this process holds; `running` once their executor started (a claimed job may wait for `runHere`). */
  private readonly held = new Map<
    string,
    { fence: JobFence; lost: boolean; abort: AbortController; running?: boolean }
  >();
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> = Promise.resolve();
  private sweeping = false;
  private closed = false;

  constructor(private readonly d: JobServiceDeps) {}

  /** Registers what runs jobs of one kind (the bundles plugin registers export and import). */
  register(kind: JobKind, executor: JobExecutor): void {
    this.executors.set(kind, executor);
  }

  /** Starts the heartbeat; with `sweep`, this process also takes back jobs whose lease expired. */
  start(sweep: boolean): void {
    this.sweeping = sweep;
    this.timer = setInterval(() => {
      this.beating = this.beating.then(() => this.beat());
    }, this.d.settings.heartbeatMs);
    this.timer.unref();
    if (sweep) this.beating = this.beating.then(() => this.beat());
  }

  /** Stops the heartbeat; jobs still held here expire and are taken back by another worker. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating;
  }

  /**
   * Creates a job. `claimed`: the job starts held by this process (run it with `runHere`); else it is queued —
   * on PostgreSQL in the same transaction as its pg-boss job — for any worker.
   */
  async create(
    kind: JobKind,
    actor: Actor,
    fields: {
      projectId?: string;
      deploymentId?: string;
      params?: Record<string, unknown>;
      inputSha256?: string;
    },
    claimed: boolean,
  ): Promise<JobRow> {
    const now = await this.d.clock();
    const data = {
      kind,
      projectId: fields.projectId ?? null,
      deploymentId: fields.deploymentId ?? null,
      params: (fields.params ?? {}) as object,
      inputSha256: fields.inputSha256 ?? null,
      createdById: actor.id,
      maxAttempts: this.d.settings.maxAttempts,
    };
    if (claimed) {
      const id = randomUUID();
      const token = this.token();
      const row = await this.d.prisma.job.create({
        data: {
          ...data,
          id,
          status: 'running',
          startedAt: now,
          attempt: 1,
          leaseOwner: token,
          leaseExpiresAt: new Date(now.getTime() + this.d.settings.leaseMs),
        },
      });
      this.held.set(id, {
        fence: { id, status: 'running', leaseOwner: token },
        lost: false,
        abort: new AbortController(),
        running: false,
      });
      return row;
    }
    const row = await this.d.prisma.$transaction(async (tx) => {
      const created = await tx.job.create({ data: { ...data, status: 'queued' } });
      await this.d.queue.enqueue({ kind, id: created.id }, tx);
      return created;
    });
    return row;
  }

  /** Runs a job `create(…, true)` made; resolves with the finished row, or throws what the job failed with. */
  async runHere(jobId: string): Promise<JobRow> {
    const held = this.held.get(jobId);
    if (!held) throw leaseLost(jobId);
    await this.execute(jobId, held.fence, true);
    return this.row(jobId);
  }

  /** Works on one job taken from the queue (a worker's handler): claims it, runs it, records how it ended. */
  async work(job: { kind: string; id: string }): Promise<void> {
    if (this.closed) return;
    const now = await this.d.clock();
    const token = this.token();
    const taken = await this.d.prisma.job.updateMany({
      where: { id: job.id, status: 'queued', cancelRequested: false },
      data: {
        status: 'running',
        startedAt: now,
        leaseOwner: token,
        leaseExpiresAt: new Date(now.getTime() + this.d.settings.leaseMs),
        attempt: { increment: 1 },
      },
    });
    if (taken.count !== 1) return;
    const fence: JobFence = { id: job.id, status: 'running', leaseOwner: token };
    this.held.set(job.id, { fence, lost: false, abort: new AbortController() });
    await this.execute(job.id, fence, false).catch(() => undefined);
  }

  /** Aborts a job this process holds (a cancel heard here); false when it holds no such job. */
  stopLocal(jobId: string): boolean {
    const h = this.held.get(jobId);
    if (!h) return false;
    h.abort.abort();
    return true;
  }

  /**
   * Cancels a queued or running job from any replica and answers it once it has stopped (or after
   * CANCEL_WAIT_MS, the flag still set for its holder); a job that has ended answers 409.
   */
  async cancel(jobId: string, actor: Actor): Promise<JobDto> {
    const row = await this.row(jobId);
    if (row.status !== 'queued' && row.status !== 'running')
      throw new HttpUserError(
        409,
        'JOB_NOT_ACTIVE',
        `This job has already ${row.status}; there is nothing to cancel.`,
      );
    await this.d.prisma.$transaction((tx) =>
      this.d.audit.record(tx, {
        actor,
        action: 'job.cancel',
        targetType: 'job',
        targetId: jobId,
        projectId: row.projectId,
        changes: [`cancelled a ${row.kind} job while ${row.status}`],
      }),
    );
    await this.stop(jobId, `Cancelled by ${actor.name}.`);
    return this.get(jobId);
  }

  /** Stops every queued or running job of a project being deleted (its deletion's audit event says so). */
  async stopForDeletion(projectId: string): Promise<number> {
    const active = await this.d.prisma.job.findMany({
      where: { projectId, status: { in: ['queued', 'running'] } },
      select: { id: true },
    });
    for (const job of active) await this.stop(job.id, 'Cancelled: its project was deleted.');
    return active.length;
  }

  /**
   * A queued job nobody holds is cancelled here; a running one gets the cancel flag (its holder hears it
   * directly, by NOTIFY, or at its next heartbeat, and stops at its next progress write) and is waited for.
   */
  private async stop(jobId: string, message: string): Promise<void> {
    const error = jobCancelled(message) as object;
    // Its upload is left to the blob sweep, as when a job ends.
    const dequeued = await this.d.prisma.job.updateMany({
      where: { id: jobId, status: 'queued' },
      data: {
        status: 'cancelled',
        cancelRequested: true,
        finishedAt: await this.d.clock(),
        inputSha256: null,
        error,
      },
    });
    if (dequeued.count === 1) return;
    const flagged = await this.d.prisma.job.updateMany({
      where: { id: jobId, status: { in: ['queued', 'running'] } },
      data: { cancelRequested: true, error },
    });
    if (flagged.count === 0) return;
    await this.d.signalCancel(jobId);
    // Held here but not started: its executor stops at its first fenced write; nothing to wait for.
    if (this.held.get(jobId)?.running === false) return;
    const deadline = Date.now() + CANCEL_WAIT_MS;
    while (Date.now() < deadline) {
      const now = await this.d.prisma.job.findUnique({ where: { id: jobId }, select: { status: true } });
      if (!now || (now.status !== 'running' && now.status !== 'queued')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A job as the API shows it; 404 when it does not exist. */
  async get(jobId: string): Promise<JobDto> {
    return toJob(await this.row(jobId));
  }

  /** The stored row; 404 when it does not exist. */
  async row(jobId: string): Promise<JobRow> {
    const row = await this.d.prisma.job.findUnique({ where: { id: jobId } });
    if (!row) throw notFound('job', jobId);
    return row;
  }

  /**
   * Takes back jobs whose lease expired on the database's clock (their worker died or hung): queued again
   * while attempts remain, else interrupted. Each move is conditional on the lease seen.
   */
  async sweep(): Promise<void> {
    const now = await this.d.clock();
    const expired = await this.d.prisma.job.findMany({
      where: { status: 'running', leaseExpiresAt: { lt: now } },
      select: {
        id: true,
        kind: true,
        leaseOwner: true,
        leaseExpiresAt: true,
        attempt: true,
        maxAttempts: true,
        cancelRequested: true,
      },
    });
    // A job handed back to the queue just as a cancel arrived is never claimed (claims skip the flag).
    await this.d.prisma.job.updateMany({
      where: { status: 'queued', cancelRequested: true },
      data: { status: 'cancelled', finishedAt: now, inputSha256: null },
    });
    for (const job of expired) {
      const again = job.attempt < job.maxAttempts && !job.cancelRequested;
      const owner = job.leaseOwner ?? 'unknown';
      const moved = await this.d.prisma.$transaction(async (tx) => {
        const m = await tx.job.updateMany({
          where: {
            id: job.id,
            status: 'running',
            leaseOwner: job.leaseOwner,
            leaseExpiresAt: job.leaseExpiresAt,
          },
          data: again
            ? { status: 'queued', leaseOwner: null, leaseExpiresAt: null, startedAt: null }
            : job.cancelRequested
              ? {
                  status: 'cancelled',
                  leaseOwner: null,
                  leaseExpiresAt: null,
                  finishedAt: now,
                  inputSha256: null,
                }
              : {
                  status: 'interrupted',
                  leaseOwner: null,
                  leaseExpiresAt: null,
                  finishedAt: now,
                  inputSha256: null,
                  error: jobInterrupted(owner, job.attempt, job.maxAttempts) as object,
                },
        });
        if (m.count !== 1) return false;
        if (again) await this.d.queue.enqueue({ kind: job.kind as JobKind, id: job.id }, tx);
        return true;
      });
      if (moved) this.d.log.warn({ jobId: job.id, owner, again }, 'took back a job whose lease expired');
    }
  }

  /**
   * Releases the results of jobs that succeeded more than `resultRetentionMs` ago (on the database's clock):
   * each becomes `expired` with its result hash cleared, so the blob sweep deletes the blob once no other row
   * names the same bytes. Imports (no stored result) are left as they are; 0 keeps results for ever.
   */
  async expireResults(): Promise<number> {
    const keepMs = this.d.settings.resultRetentionMs;
    if (!(keepMs > 0)) return 0;
    const now = await this.d.clock();
    const due = await this.d.prisma.job.findMany({
      where: {
        status: 'succeeded',
        resultSha256: { not: null },
        finishedAt: { lt: new Date(now.getTime() - keepMs) },
      },
      select: { id: true, kind: true },
      take: 500,
    });
    let expired = 0;
    for (const job of due) {
      const m = await this.d.prisma.job.updateMany({
        where: { id: job.id, status: 'succeeded' },
        data: {
          status: 'expired',
          resultSha256: null,
          resultSizeBytes: null,
          error: { v: 1, code: 'JOB_RESULT_EXPIRED', message: resultExpiredMessage(job.kind, keepMs) },
        },
      });
      expired += m.count;
    }
    if (expired > 0) this.d.log.info({ expired, keepMs }, 'released the results of old jobs');
    return expired;
  }

  private token(): string {
    return `${this.workerId}#${randomUUID().slice(0, 8)}`;
  }

  private async beat(): Promise<void> {
    try {
      for (const [id, h] of [...this.held]) {
        if (h.lost) continue;
        const now = await this.d.clock();
        const renewed = await this.d.prisma.job.updateMany({
          where: h.fence,
          data: { leaseExpiresAt: new Date(now.getTime() + this.d.settings.leaseMs) },
        });
        // The cancel flag is heard here too when its NOTIFY was not (SQLite, or a process without a worker).
        if (
          renewed.count === 1 &&
          (await this.d.prisma.job.count({ where: { ...h.fence, cancelRequested: true } })) === 1
        )
          h.abort.abort();
        if (renewed.count !== 1) {
          h.lost = true;
          this.d.log.warn({ jobId: id }, 'lost the lease of a job; its writes are refused from now on');
        }
      }
      if (this.sweeping && !this.closed) {
        await this.sweep();
        await this.expireResults();
      }
    } catch (e) {
      this.d.log.warn({ err: e }, 'job heartbeat failed; retrying at the next one');
    }
  }

  /** Runs a held job; `rethrow`: the error it failed with reaches the caller (the synchronous endpoints). */
  private async execute(jobId: string, fence: JobFence, rethrow: boolean): Promise<void> {
    const held = this.held.get(jobId) ?? { fence, lost: false, abort: new AbortController() };
    held.running = true;
    const started = Date.now();
    const written: StoredArtifact[] = [];
    let outcome: JobStatus | 'lost' = 'failed';
    try {
      const job = await this.d.prisma.job.findUniqueOrThrow({ where: { id: jobId } });
      const executor = this.executors.get(job.kind as JobKind);
      if (!executor)
        throw operationalError('INTERNAL', `This Studio has no executor for jobs of kind ${job.kind}.`);
      const user = await this.d.prisma.user.findUnique({
        where: { id: job.createdById },
        select: { id: true, name: true, role: true },
      });
      const actor = {
        id: job.createdById,
        name: user?.name ?? 'a deleted user',
        role: user?.role ?? 'viewer',
      };
      const ctx: JobContext = {
        job,
        actor: actor as Actor,
        fence,
        signal: held.abort.signal,
        input: async () => {
          if (!job.inputSha256) throw operationalError('INTERNAL', `Job ${jobId} has no stored input.`);
          return readFile(this.d.blobs.pathOf(job.inputSha256));
        },
        progress: async (p) => {
          if (held.abort.signal.aborted) throw cancelled(jobId);
          const m = await this.d.prisma.job.updateMany({
            where: { ...fence, cancelRequested: false },
            data: { progress: { v: 1, ...p } },
          });
          if (m.count !== 1) throw await this.stopped(jobId, fence);
        },
        store: async (bytes) => {
          const stored = await this.d.artifacts.write(bytes);
          written.push(stored);
          return stored;
        },
        succeed: async (tx, fields) => {
          const m = await tx.job.updateMany({
            where: { ...fence, cancelRequested: false },
            data: {
              status: 'succeeded',
              finishedAt: await this.d.clock(),
              leaseOwner: null,
              leaseExpiresAt: null,
              inputSha256: null,
              ...(fields.projectId ? { projectId: fields.projectId } : {}),
              ...(fields.result
                ? { resultSha256: fields.result.sha256, resultSizeBytes: fields.result.sizeBytes }
                : {}),
            },
          });
          if (m.count !== 1) throw await this.stopped(jobId, fence);
        },
      };
      await executor(ctx);
      outcome = 'succeeded';
    } catch (e) {
      outcome = await this.fail(jobId, fence, e);
      await this.removeOrphans(written);
      if (rethrow) throw e;
    } finally {
      this.held.delete(jobId);
      // The upload, no longer named once the job has ended, is left to the blob sweep (after its grace
      // period): removing it here raced a new upload of the same bytes, whose job then found no input.
      this.d.onJobDone('job', outcome, (Date.now() - started) / 1000);
    }
  }

  /** Why a fenced write found nothing: a cancel (the flag set on the job still held) or a lost lease. */
  private async stopped(jobId: string, fence: JobFence): Promise<Error> {
    const flagged = await this.d.prisma.job.count({ where: { ...fence, cancelRequested: true } });
    return flagged === 1 ? cancelled(jobId) : leaseLost(jobId);
  }

  private async fail(jobId: string, fence: JobFence, e: unknown): Promise<JobStatus | 'lost'> {
    // A cancelled job ends `cancelled`, keeping the error its cancel recorded, whatever the executor threw.
    try {
      const c = await this.d.prisma.job.updateMany({
        where: { ...fence, cancelRequested: true },
        data: {
          status: 'cancelled',
          finishedAt: await this.d.clock(),
          leaseOwner: null,
          leaseExpiresAt: null,
          inputSha256: null,
        },
      });
      if (c.count === 1) return 'cancelled';
    } catch {
      return 'lost';
    }
    const error = storedJobError(e);
    if (error.code === 'INTERNAL') this.d.log.error({ err: e, jobId }, 'job failed on an internal error');
    try {
      const m = await this.d.prisma.job.updateMany({
        where: fence,
        data: {
          status: 'failed',
          finishedAt: await this.d.clock(),
          leaseOwner: null,
          leaseExpiresAt: null,
          inputSha256: null,
          error: error as object,
        },
      });
      return m.count === 1 ? 'failed' : 'lost';
    } catch {
      return 'lost';
    }
  }

  // Only blobs this job created and no row names are removed; equal content may be someone else's.
  private async removeOrphans(written: StoredArtifact[]): Promise<void> {
    for (const w of written.filter((x) => x.created)) await this.removeUnused(w.sha256);
  }

  private async removeUnused(sha256: string): Promise<void> {
    const used =
      (await this.d.prisma.modelArtifact.count({ where: { sha256 } })) +
      (await this.d.prisma.dataset.count({ where: { sha256 } })) +
      (await this.d.prisma.job.count({ where: { OR: [{ resultSha256: sha256 }, { inputSha256: sha256 }] } }));
    if (used === 0) await this.d.artifacts.remove(sha256).catch(() => undefined);
  }
}

/** What an expired job records and its `/result` answers (410): the result is gone, run the job again. */
export function resultExpiredMessage(kind: string, retentionMs: number): string {
  const again =
    kind === 'score'
      ? 'Score the CSV again'
      : kind === 'export'
        ? 'Export the project again'
        : 'Run the job again';
  return `This job's result was deleted ${humanDuration(retentionMs)} after the job finished (STUDIO_JOB_RESULT_RETENTION_MS). ${again} to get a new one.`;
}

function humanDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units)
    if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms === size ? '' : 's'}`;
  return `${ms} ms`;
}

function cancelled(jobId: string): Error {
  return operationalError('JOB_CANCELLED', `Job ${jobId} was cancelled.`);
}

function leaseLost(jobId: string): Error {
  return operationalError(
    'JOB_INTERRUPTED',
    `This process lost the lease of job ${jobId} (another worker took it back); it writes nothing more.`,
  );
}

/** What a job failed with, kept so a later reader (or the synchronous endpoint) sees the same code. */
function storedJobError(e: unknown): StoredJobError {
  if (e instanceof HttpUserError)
    return {
      v: 1,
      code: e.code,
      message: e.message,
      status: e.status,
      body: e.body,
      ...(e.details ? { details: e.details } : {}),
    };
  if (isStudioError(e)) return { v: 1, code: e.code, message: e.message };
  return { v: 1, code: 'INTERNAL', message: 'The job failed on an internal error; see the server log.' };
}

/** The API's view of a job row. */
export function toJob(row: JobRow): JobDto {
  const progress = row.progress as (JobProgress & { v: number }) | null;
  const error = row.error as StoredJobError | null;
  return {
    id: row.id,
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    projectId: row.projectId,
    progress: progress ? { phase: progress.phase, done: progress.done, total: progress.total } : null,
    error: error ? { code: error.code, message: error.message } : null,
    result:
      row.resultSha256 && row.resultSizeBytes !== null
        ? { sha256: row.resultSha256, sizeBytes: row.resultSizeBytes }
        : null,
    attempt: row.attempt,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** A job that failed answers a synchronous request with what it failed with (same status and code). */
export function jobFailure(row: JobRow): HttpUserError {
  const error = (row.error as StoredJobError | null) ?? {
    v: 1,
    code: 'JOB_INTERRUPTED',
    message: `The job ${row.status}.`,
  };
  return new HttpUserError(
    error.status ?? 503,
    error.code as ConstructorParameters<typeof HttpUserError>[1],
    error.message,
    error.body ?? {},
    error.details,
  );
}
