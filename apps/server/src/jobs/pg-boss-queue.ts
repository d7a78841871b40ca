import PgBoss from 'pg-boss';
import type { Job, JobHandler, JobQueue, QueueTx } from './job-queue';

/** The one pg-boss queue all Studio jobs travel on (the kind is in the payload). */
const QUEUE = 'studio-jobs';
/**
 * pg-boss' own expiry of an active job. Ownership is the run's lease (heartbeats, `run-lease.ts`), so this
 * only cleans up pg-boss' bookkeeping of a job whose worker died; runs are retried by our lease sweep (pg-boss'
 * own retries only cover a job fetched by a worker that was shutting down).
 */
const EXPIRE_SECONDS = 23 * 3600;

/** The schema pg-boss keeps its tables in: beside the Studio's schema, never inside it. */
export function pgBossSchema(studioSchema: string): string {
  return `${studioSchema}_jobs`.slice(0, 63);
}

/**
 * Jobs on PostgreSQL through pg-boss 10 (the line that runs on Node 20): `enqueue` inserts a job row, each
 * of `concurrency` pg-boss workers fetches one at a time (SKIP LOCKED). Started on first use, so a process
 * that never enqueues nor works opens no pool.
 */
export class PgBossJobQueue implements JobQueue {
  readonly name = 'pg-boss';
  private readonly boss: PgBoss;
  private started: Promise<void> | null = null;
  private readonly workers: string[] = [];
  private closed = false;

  constructor(connectionString: string, studioSchema: string, onError: (e: Error) => void) {
    this.boss = new PgBoss({
      connectionString,
      schema: pgBossSchema(studioSchema),
      max: 3,
      schedule: false,
      application_name: 'studio-jobs',
    });
    this.boss.on('error', onError);
  }

  private ensure(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      if (!(await this.boss.getQueue(QUEUE)))
        await this.boss.createQueue(QUEUE, {
          name: QUEUE,
          // `short`: one waiting job per singleton key (the run id), so sending a job again is harmless.
          policy: 'short',
          retryLimit: 2,
          expireInSeconds: EXPIRE_SECONDS,
        });
    })();
    return this.started;
  }

  async enqueue(job: Job, tx?: QueueTx): Promise<void> {
    await this.ensure();
    await this.boss.send(
      QUEUE,
      { ...job },
      {
        singletonKey: `${job.kind}:${job.id}`,
        retryLimit: 2,
        retryDelay: 1,
        expireInSeconds: EXPIRE_SECONDS,
        ...(tx ? { db: txExecutor(tx) } : {}),
      },
    );
    // Workers in this process need not wait for their next poll.
    for (const id of this.workers) this.boss.notifyWorker(id);
  }

  async work(handler: JobHandler, concurrency: number): Promise<void> {
    await this.ensure();
    for (let i = 0; i < Math.max(1, concurrency); i++)
      this.workers.push(
        await this.boss.work<Job>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
          if (job) await handler(job.data);
        }),
      );
  }

  async depth(): Promise<number> {
    await this.ensure();
    return this.boss.getQueueSize(QUEUE);
  }

  async ping(): Promise<void> {
    await this.ensure();
    await this.boss.getDb().executeSql('SELECT 1', []);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}

/**
 * pg-boss' executor over a Prisma transaction: its INSERT of the job runs on the transaction's connection and
 * commits (or rolls back) with it. Parameters go as pg-boss gives them: undefined as NULL, objects as JSON.
 */
function txExecutor(tx: QueueTx): {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return {
    async executeSql(text, values) {
      const args = (values ?? []).map((v) =>
        v === undefined
          ? null
          : v !== null && typeof v === 'object' && !(v instanceof Date)
            ? JSON.stringify(v)
            : v,
      );
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...args) };
    },
  };
}
