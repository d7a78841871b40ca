import type { FastifyReply, FastifyRequest } from 'fastify';
import { TERMINAL, type Run, type RunEvent } from '@studio/api';
import type { RunEventHub } from './run-events';

const HEARTBEAT_MS = 15_000;

/** Open event streams, so the server can end them when it shuts down. */
export class RunStreams {
  private readonly open = new Set<() => void>();

  /**
   * Serves one run's events as SSE (event name = RunEvent type): subscribes first so nothing is lost, then
   * sends the current state (status, and progress if any), then live events until the run reaches a final
   * status or the client goes away.
   */
  async serve(
    request: FastifyRequest,
    reply: FastifyReply,
    hub: RunEventHub,
    runId: string,
    load: () => Promise<Run>,
  ): Promise<void> {
    const early: RunEvent[] = [];
    let live = false;
    let closed = false;
    const timer: { heartbeat?: NodeJS.Timeout } = {};
    const raw = reply.raw;
    const end = () => {
      if (closed) return;
      closed = true;
      off();
      clearInterval(timer.heartbeat);
      this.open.delete(end);
      raw.end();
    };
    const send = (e: RunEvent) => {
      if (closed) return;
      raw.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
      if (e.type === 'status' && TERMINAL.has(e.status)) end();
    };
    const off = hub.subscribe(runId, (e) => (live ? send(e) : early.push(e)));
    let run: Run;
    try {
      run = await load();
    } catch (e) {
      off();
      throw e;
    }
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.open.add(end);
    request.raw.on('close', end);
    if (run.progress) send({ type: 'progress', progress: run.progress, point: run.history.at(-1) ?? null });
    send({ type: 'status', status: run.status, error: run.error?.message ?? null });
    if (closed) return;
    live = true;
    for (const e of early) send(e);
    timer.heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  }

  /** Ends every open stream (server shutdown). */
  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}
