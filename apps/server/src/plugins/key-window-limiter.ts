/** The state of one key's window after a request. */
export interface WindowHit {
  /** Requests left in this window. */
  remaining: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
  /** This request was over the limit. */
  exceeded: boolean;
}

interface Window {
  startMs: number;
  count: number;
}

/**
 * Fixed-window request counting per key (`max` per `windowMs`, the window starting at a key's first request),
 * as @fastify/rate-limit's local store counts, without its promises: one Map lookup per request. At most
 * `capacity` keys are kept; past that the least recently started windows are forgotten first.
 */
export class KeyWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly max: number,
    private readonly windowMs: number,
    private readonly capacity = 5000,
  ) {}

  /** Counts one request of `key` at `nowMs`. */
  hit(key: string, nowMs: number): WindowHit {
    let w = this.windows.get(key);
    if (!w || w.startMs + this.windowMs <= nowMs) {
      // A new window moves the key to the end of the Map's order, so eviction takes the stalest first.
      if (w) this.windows.delete(key);
      else if (this.windows.size >= this.capacity) this.windows.delete(this.windows.keys().next().value!);
      w = { startMs: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return {
      remaining: Math.max(0, this.max - w.count),
      ttlMs: w.startMs + this.windowMs - nowMs,
      exceeded: w.count > this.max,
    };
  }
}
