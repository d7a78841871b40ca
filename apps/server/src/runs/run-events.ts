import type { RunEvent } from '@studio/api';

type Listener = (event: RunEvent) => void;

/**
 * How events travel between processes. Without one, the hub delivers in this process only (the embedded
 * server); with PostgreSQL, `PgRunEventTransport` sends them over NOTIFY so a browser on any replica hears
 * the worker that trains the run.
 */
export interface RunEventTransport {
  /** Sends an event to every process, this one included. */
  send(runId: string, event: RunEvent): void;
  /** Hands every event any process sends to `deliver`. */
  start(deliver: (runId: string, event: RunEvent) => void): Promise<void>;
}

/** Progress updates per run are passed on at most this often; logs and status changes go out at once. */
export const PROGRESS_INTERVAL_MS = 200;

/**
 * Live events of runs for SSE subscribers. Progress is throttled per run (the latest wins, trailing edge
 * delivered); a status event first flushes the pending progress so subscribers never see it after the end.
 */
export class RunEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pending = new Map<string, { event: RunEvent; timer: NodeJS.Timeout | null }>();
  private readonly lastSent = new Map<string, number>();

  constructor(private readonly transport: RunEventTransport | null = null) {}

  /** Starts hearing other processes' events (a no-op without a transport). */
  async start(): Promise<void> {
    await this.transport?.start((runId, event) => this.deliver(runId, event));
  }

  /** Adds a listener for one run; returns the function that removes it. */
  subscribe(runId: string, listener: Listener): () => void {
    const set = this.listeners.get(runId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(runId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(runId);
    };
  }

  /** Delivers an event to the run's listeners (progress throttled). */
  publish(runId: string, event: RunEvent): void {
    if (event.type === 'progress') {
      const timer = this.pending.get(runId)?.timer ?? null;
      this.pending.set(runId, { event, timer });
      if (timer) return;
      const wait = (this.lastSent.get(runId) ?? 0) + PROGRESS_INTERVAL_MS - Date.now();
      if (wait <= 0) this.flush(runId);
      else this.pending.set(runId, { event, timer: setTimeout(() => this.flush(runId), wait) });
      return;
    }
    if (event.type === 'status') {
      this.flush(runId);
      this.lastSent.delete(runId);
    }
    this.send(runId, event);
  }

  /** Drops timers (server shutdown). */
  close(): void {
    for (const slot of this.pending.values()) if (slot.timer) clearTimeout(slot.timer);
    this.pending.clear();
  }

  private flush(runId: string): void {
    const slot = this.pending.get(runId);
    if (!slot) return;
    if (slot.timer) clearTimeout(slot.timer);
    this.pending.delete(runId);
    this.lastSent.set(runId, Date.now());
    this.send(runId, slot.event);
  }

  private send(runId: string, event: RunEvent): void {
    if (this.transport) this.transport.send(runId, event);
    else this.deliver(runId, event);
  }

  private deliver(runId: string, event: RunEvent): void {
    for (const l of this.listeners.get(runId) ?? []) l(event);
  }
}
