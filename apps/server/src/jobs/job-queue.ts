import type { StudioPrisma } from '../db/prisma-client';

/**
 * What a job does; the id names what it works on (a run id, a Job row's id), so delivering a job twice is
 * harmless.
 */
export type JobKind = 'train' | 'export' | 'import' | 'score';

/** A transaction of the Studio's database, which an enqueue may join (see `JobQueue.enqueue`). */
export type QueueTx = Pick<StudioPrisma, '$queryRawUnsafe'>;

/** One unit of work: the handler claims `id` itself (a conditional update), so a duplicate does nothing. */
export interface Job {
  kind: JobKind;
  id: string;
}

/** Works on one job; resolves when it is settled (its outcome is recorded by the handler, never thrown). */
export type JobHandler = (job: Job) => Promise<void>;

/**
 * Where jobs wait for a worker. Two implementations: `InProcessJobQueue` (the embedded SQLite default: the
 * queued runs in the database are the queue, polled by this process) and `PgBossJobQueue` (pg-boss on
 * PostgreSQL: any number of worker processes on any machine that reaches the database).
 */
export interface JobQueue {
  /** `in-process` or `pg-boss`, for /api/ready and logs. */
  readonly name: string;
  /**
   * Adds a job durably (the API server's side). Given `tx`, the job commits with that transaction (pg-boss
   * writes its row through it), so the row the job names and the job exist together or not at all.
   */
  enqueue(job: Job, tx?: QueueTx): Promise<void>;
  /** Starts `concurrency` handlers taking jobs (a worker's side); call once. */
  work(handler: JobHandler, concurrency: number): Promise<void>;
  /** Jobs waiting for a worker. */
  depth(): Promise<number>;
  /** Throws when the queue's store cannot be reached (readiness). */
  ping(): Promise<void>;
  /** Stops taking jobs; handlers already running are left to settle (the worker aborts them first). */
  close(): Promise<void>;
}
