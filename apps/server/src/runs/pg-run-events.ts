import { runEventSchema, type RunEvent } from '@studio/api';
import type { PgNotifier } from '../jobs/pg-notifier';
import type { RunEventTransport } from './run-events';

/** NOTIFY payloads are capped at 8000 bytes; a log line longer than this is cut. */
const MAX_MESSAGE = 2000;
/** What a notification may carry (under PostgreSQL's 8000-byte cap). */
const MAX_PAYLOAD_BYTES = 7900;

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
    this.notifier.notify(this.channel, fitted(runId, small)).catch(this.onError);
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

/**
 * The notification's JSON, within PostgreSQL's cap: a progress event whose live leaderboards are too long
 * keeps fewer of their leading (best) trials, down to none; the run's stored record keeps them all.
 */
export function fitted(runId: string, event: RunEvent): string {
  const json = (e: RunEvent) => JSON.stringify({ runId, event: e });
  let text = json(event);
  if (event.type !== 'progress' || !event.progress.tunings) return text;
  const tunings = event.progress.tunings;
  for (let keep = 100; Buffer.byteLength(text) > MAX_PAYLOAD_BYTES && keep >= 0; keep = keep ? keep >> 1 : -1)
    text = json({
      ...event,
      progress: {
        ...event.progress,
        tunings: tunings.map((t) => ({ ...t, trials: t.trials.slice(0, keep) })),
      },
    });
  return text;
}
