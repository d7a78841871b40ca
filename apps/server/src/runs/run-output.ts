import type { RunLog, RunProgress } from '@studio/api';
import { OperationalError } from '@studio/ir';
import type { HistoryPoint } from '@studio/pipeline';
import type { StudioPrisma } from '../db/prisma-client';
import type { Tx } from '../db/prisma-types';
import { jsonOf } from './run-json';

/** Pending output is written to the database at most this often while a run trains. */
const PERSIST_INTERVAL_MS = 1000;
/** Log lines kept per run; older lines are deleted as newer ones arrive (and the API returns at most this many). */
export const MAX_LOGS = 1000;

interface PointRow {
  runId: string;
  seq: number;
  step: number;
  epoch: number;
  loss: number;
  valLoss: number | null;
  valAuc: number | null;
  nodeId: string | null;
  modelKind: string | null;
  at: Date;
}

interface LogRow {
  runId: string;
  seq: number;
  at: Date;
  level: string;
  message: string;
  nodeId: string | null;
}

/**
 * Options of the transactions that write a run's rows: a fast run leaves thousands of learning-curve points for
 * its final write, which on a loaded PostgreSQL outlasts Prisma's 5 s default (the run would then be retried).
 */
export const RUN_TX = { maxWait: 10_000, timeout: 60_000 };

/** The where clause that holds only while this worker's lease on the run does (`RunLease.fence`). */
export interface RunFence {
  id: string;
  status: string;
  leaseOwner: string;
}

/** Thrown inside a write whose fence failed: the run is no longer this worker's (the transaction rolls back). */
export function leaseLost(runId: string): OperationalError {
  return new OperationalError(
    'RUN_STATE_CHANGED',
    `the lease on run ${runId} is no longer held by this worker (it expired, or the run was cancelled or deleted)`,
  );
}

/** JSON wrote non-finite numbers as null; the REAL columns do the same. */
const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);

/**
 * What a training run produces while it trains: learning-curve points and log lines are appended as rows of
 * RunPoint and RunLog, and the small progress record is updated, all at most once per interval. The final
 * status write takes what is still pending into its own transaction (`drain`), so nothing is lost at the end.
 * Only the worker holding the run's lease writes its rows while it trains, so it numbers them itself; every
 * periodic write is fenced by that lease and written nowhere once the lease is lost.
 */
export class RunOutput {
  private points: PointRow[] = [];
  private logs: LogRow[] = [];
  private progressDirty = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly prisma: StudioPrisma,
    private readonly runId: string,
    private readonly fence: RunFence,
    private nextPoint: number,
    private nextLog: number,
    /** The latest progress. */
    public progress: RunProgress | null,
  ) {}

  /** Continues after the rows a run already has (none for a run that never started). */
  static async open(prisma: StudioPrisma, fence: RunFence, progress: RunProgress | null): Promise<RunOutput> {
    const runId = fence.id;
    const [points, logs] = await Promise.all([
      prisma.runPoint.aggregate({ where: { runId }, _max: { seq: true } }),
      prisma.runLog.aggregate({ where: { runId }, _max: { seq: true } }),
    ]);
    return new RunOutput(
      prisma,
      runId,
      fence,
      (points._max.seq ?? -1) + 1,
      (logs._max.seq ?? -1) + 1,
      progress,
    );
  }

  /** Notes new progress, with its learning-curve point if any. */
  update(progress: RunProgress, point: HistoryPoint | null): void {
    this.progress = progress;
    this.progressDirty = true;
    if (point)
      this.points.push({
        runId: this.runId,
        seq: this.nextPoint++,
        step: point.step,
        epoch: point.epoch,
        loss: finite(point.loss) ?? 0,
        valLoss: finite(point.valLoss),
        valAuc: finite(point.valAuc),
        nodeId: point.nodeId ?? null,
        modelKind: point.modelKind ?? null,
        at: new Date(),
      });
    this.schedule();
  }

  /** Notes a log line. */
  log(line: RunLog): void {
    this.logs.push({
      runId: this.runId,
      seq: this.nextLog++,
      at: new Date(line.at),
      level: line.level,
      message: line.message,
      nodeId: line.nodeId ?? null,
    });
    this.schedule();
  }

  /** Ends the periodic writes and waits for one in flight; what is pending stays for `drain`. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
  }

  /**
   * Writes the pending points and log lines inside the caller's transaction (the final status write). They
   * stay pending until `drained()`, so a transaction that rolls back loses none of them.
   */
  async drain(tx: Tx): Promise<void> {
    await this.append(tx, this.points, this.logs);
  }

  /** The transaction that drained the pending rows committed. */
  drained(): void {
    this.take();
  }

  private async append(tx: Tx, points: PointRow[], logs: LogRow[]): Promise<void> {
    if (points.length > 0) await tx.runPoint.createMany({ data: points });
    if (logs.length === 0) return;
    await tx.runLog.createMany({ data: logs });
    if (this.nextLog > MAX_LOGS)
      await tx.runLog.deleteMany({ where: { runId: this.runId, seq: { lt: this.nextLog - MAX_LOGS } } });
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.writing.then(() => this.flush());
    }, PERSIST_INTERVAL_MS);
  }

  private take(): { points: PointRow[]; logs: LogRow[] } {
    const taken = { points: this.points, logs: this.logs };
    this.points = [];
    this.logs = [];
    return taken;
  }

  // A failed periodic write is not fatal: its rows go back to the front of the queue for the next write.
  private async flush(): Promise<void> {
    const { points, logs } = this.take();
    const progressDirty = this.progressDirty;
    this.progressDirty = false;
    if (points.length === 0 && logs.length === 0 && !progressDirty) return;
    try {
      await this.prisma.$transaction(async (tx) => {
        const held = await tx.run.updateMany({
          where: this.fence,
          data: { progress: jsonOf({ v: 2, progress: this.progress }) },
        });
        if (held.count !== 1) throw leaseLost(this.runId);
        await this.append(tx, points, logs);
      }, RUN_TX);
    } catch {
      this.points = [...points, ...this.points];
      this.logs = [...logs, ...this.logs];
      this.progressDirty ||= progressDirty;
    }
  }
}
