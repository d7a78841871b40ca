/** How many recent answers per slug the client-latency window keeps. */
const WINDOW = 2000;

/**
 * The latency clients saw, per slug: from the request's first parsed byte (`onRequest`) to the last byte of
 * the answer handed to the socket (`finish`), so it includes waiting for the prediction log's commit and
 * for the event loop, not only scoring. In memory and per process (a replica reports its own traffic).
 */
export class ClientLatency {
  private readonly windows = new Map<string, { ms: Float64Array; next: number; size: number }>();
  private readonly listeners: ((slug: string, status: number, ms: number) => void)[] = [];

  observe(slug: string, status: number, ms: number): void {
    for (const l of this.listeners) l(slug, status, ms);
    if (status !== 200) return;
    let w = this.windows.get(slug);
    if (!w) this.windows.set(slug, (w = { ms: new Float64Array(WINDOW), next: 0, size: 0 }));
    w.ms[w.next] = ms;
    w.next = (w.next + 1) % WINDOW;
    w.size = Math.min(WINDOW, w.size + 1);
  }

  /** Also tells `listener` of every answer (the `/metrics` histograms). */
  onObserve(listener: (slug: string, status: number, ms: number) => void): void {
    this.listeners.push(listener);
  }

  /** p50/p95/p99 of the slug's recent successful answers, or null before its first one in this process. */
  percentiles(slug: string): { p50: number; p95: number; p99: number } | null {
    const w = this.windows.get(slug);
    if (!w || w.size === 0) return null;
    const sorted = Array.from(w.ms.subarray(0, w.size)).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  }
}
