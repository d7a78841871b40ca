import { runEventSchema, type RunEvent } from '@studio/api';
import type { PgNotifier } from '../jobs/pg-notifier';
import type { RunEventTransport } from './run-events';

/** NOTIFY payloads are capped at 8000 bytes; a log line longer than this is cut. */
const MAX_MESSAGE = 2000;

/** The channel of one Studio schema's run events (tests share a database across schemas). */
export function runEventsChannel(schema: string): string {
  return `studio_run_events_${schema}`.slice(0, 63);
}

/** Run events over PostgreSQL NOTIFY: every replica hears every worker. */
export class PgRunEventTransport implements RunEventTransport {
  constructor(
    private readonly notifier: PgNotifier,
    private readonly channel: string,
    private readonly onError: (e: unknown) => void,
  ) {}

  send(runId: string, event: RunEvent): void {
    const small =
      event.type === 'log' && event.log.message.length > MAX_MESSAGE
        ? { ...event, log: { ...event.log, message: `${event.log.message.slice(0, MAX_MESSAGE)}…` } }
        : event;
    this.notifier.notify(this.channel, JSON.stringify({ runId, event: small })).catch(this.onError);
  }

  async start(deliver: (runId: string, event: RunEvent) => void): Promise<void> {
    await this.notifier.listen(this.channel, (payload) => {
      try {
        const { runId, event } = JSON.parse(payload) as { runId: string; event: unknown };
        deliver(runId, runEventSchema.parse(event));
      } catch (e) {
        this.onError(e);
      }
    });
  }
}
