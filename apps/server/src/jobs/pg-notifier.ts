import pg from 'pg';

type Handler = (payload: string) => void;

/** Waits before reconnecting a dropped LISTEN connection (doubling up to the cap). */
const RECONNECT_MS = [250, 500, 1000, 2000, 5000];

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection: `listen(channel)` hears every replica's
 * `notify(channel)`, this one's included. Notifications are sent one after another on this connection,
 * so the order they were sent in is the order every listener hears them. A dropped connection is reopened
 * (what was sent while it was down is lost: listeners that must not miss anything read the database too).
 */
export class PgNotifier {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private attempt = 0;

  constructor(
    private readonly connectionString: string,
    private readonly onError: (e: Error) => void,
  ) {}

  /** Calls `handler` with the payload of every notification on `channel`; returns the function that stops it. */
  async listen(channel: string, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      // On the same chain as notifications: one query at a time on this connection.
      const listening = this.chain.then(async () => {
        const client = await this.connect();
        await client.query(`LISTEN ${quote(channel)}`);
      });
      this.chain = listening.catch(() => undefined);
      await listening;
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Sends a notification (at most ~8000 bytes of payload), after every earlier one from this process. */
  notify(channel: string, payload: string): Promise<void> {
    const sent = this.chain.then(async () => {
      const client = await this.connect();
      await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
    });
    this.chain = sent.catch(() => undefined);
    return sent;
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({
        connectionString: this.connectionString,
        application_name: 'studio-notify',
      });
      client.on('notification', (n) => {
        for (const h of this.handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
      client.on('error', (e) => this.dropped(client, e));
      client.on('end', () => this.dropped(client, null));
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quote(channel)}`);
      this.client = client;
      this.attempt = 0;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private dropped(client: pg.Client, e: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    if (e) this.onError(e);
    this.reconnect();
  }

  private reconnect(): void {
    if (this.closed || this.handlers.size === 0) return;
    const wait = RECONNECT_MS[Math.min(this.attempt++, RECONNECT_MS.length - 1)]!;
    setTimeout(() => {
      if (this.closed || this.client) return;
      this.connect().catch((err: Error) => {
        this.onError(err);
        this.reconnect();
      });
    }, wait).unref();
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
