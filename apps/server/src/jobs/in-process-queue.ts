import type { Job, JobHandler, JobQueue, QueueTx } from './job-queue';

/** After an enqueue inside a transaction: look again once it has (most likely) committed. */
const AFTER_COMMIT_MS = 25;

/** How often the queue looks for jobs another process (or a previous start) left in the database. */
const POLL_MS = 1000;

/**
 * The embedded queue: the database's queued runs are the queue (`pending` lists them, oldest first), so a
 * restart loses nothing and another process on the same file can work on them too. `enqueue` only wakes the
 * poller; the handler's conditional claim keeps two takers from running one job.
 */
export class InProcessJobQueue implements JobQueue {
  readonly name = 'in-process';
  private handler: JobHandler | null = null;
  private concurrency = 0;
  private readonly active = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly pending: () => Promise<Job[]>) {}

  async enqueue(_job: Job, tx?: QueueTx): Promise<void> {
    // The row is the job: it is durable once its transaction commits, and the poller finds it then.
    if (tx) setTimeout(() => this.wake(), AFTER_COMMIT_MS).unref();
    else this.wake();
  }

  async work(handler: JobHandler, concurrency: number): Promise<void> {
    this.handler = handler;
    this.concurrency = Math.max(1, concurrency);
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
    this.wake();
  }

  async depth(): Promise<number> {
    return (await this.pending()).filter((j) => !this.active.has(j.id)).length;
  }

  async ping(): Promise<void> {
    await this.pending();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
  }

  private wake(): void {
    if (!this.handler || this.closed) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.fill()
      .catch(() => undefined) // the next tick tries again (the database may be briefly unreachable)
      .finally(() => {
        this.polling = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async fill(): Promise<void> {
    if (this.active.size >= this.concurrency) return;
    const jobs = (await this.pending()).filter((j) => !this.active.has(j.id));
    for (const job of jobs) {
      if (this.active.size >= this.concurrency || this.closed) return;
      this.active.add(job.id);
      void this.handler!(job)
        .catch(() => undefined)
        .finally(() => {
          this.active.delete(job.id);
          this.wake();
        });
    }
  }
}
