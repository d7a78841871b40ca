/** Runs one job: resolves when it is done (success or recorded failure); aborts through `signal`. */
export type JobHandler = (runId: string, signal: AbortSignal) => Promise<void>;

/**
 * Where runs wait to be trained. The in-process queue below is the embedded default; a pg-boss queue on
 * PostgreSQL can implement the same interface for several worker machines.
 */
export interface JobQueue {
  /** Adds a run at the back of the queue. */
  enqueue(runId: string): void;
  /** Takes a waiting run out of the queue, or aborts it while it runs; resolves once it has settled. */
  cancel(runId: string): Promise<'dequeued' | 'aborted' | 'unknown'>;
  /** Stops taking jobs, aborts the running one and waits for it to settle. */
  close(): Promise<void>;
}

/** Builds the queue a RunService feeds: the handler trains one run, `onError` hears about a handler that threw. */
export type JobQueueFactory = (
  handler: JobHandler,
  onError: (runId: string, error: unknown) => void,
) => JobQueue;

/** One worker in this process, one job at a time, first come first served. */
export class InProcessJobQueue implements JobQueue {
  private readonly waiting: string[] = [];
  private active: { runId: string; abort: AbortController; done: Promise<void> } | null = null;
  private closed = false;

  constructor(
    private readonly handler: JobHandler,
    private readonly onError: (runId: string, error: unknown) => void,
  ) {}

  enqueue(runId: string): void {
    if (this.closed) return;
    this.waiting.push(runId);
    this.next();
  }

  async cancel(runId: string): Promise<'dequeued' | 'aborted' | 'unknown'> {
    const at = this.waiting.indexOf(runId);
    if (at >= 0) {
      this.waiting.splice(at, 1);
      return 'dequeued';
    }
    const active = this.active;
    if (active?.runId !== runId) return 'unknown';
    active.abort.abort();
    await active.done;
    return 'aborted';
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    const active = this.active;
    if (active) {
      active.abort.abort();
      await active.done;
    }
  }

  private next(): void {
    if (this.active || this.closed) return;
    const runId = this.waiting.shift();
    if (runId === undefined) return;
    const abort = new AbortController();
    const done = this.handler(runId, abort.signal)
      .catch((e: unknown) => this.onError(runId, e))
      .finally(() => {
        this.active = null;
        this.next();
      });
    this.active = { runId, abort, done };
  }
}
