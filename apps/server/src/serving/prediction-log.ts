import type { FastifyBaseLogger } from 'fastify';
import { randomBytes } from 'node:crypto';
import { OperationalError } from '@studio/ir';
import type { DatabaseTarget } from '../db/database-target';
import type { StudioPrisma } from '../db/prisma-client';
import { openRowWriter, type LogRow, type RowWriter, type RowWriterOptions } from './prediction-writer';

/** One prediction to record. */
export interface PredictionEntry {
  deploymentId: string;
  slug: string;
  version: number;
  requestId: string;
  inputs: Record<string, unknown>;
  /** The answer, or its JSON text when the caller has serialised it already. */
  output: Record<string, unknown> | string;
  latencyMs: number;
  /** When the prediction was made (default: when `record` was called). */
  at?: Date;
}

/** What the logger reports of each batch it tried to commit (the `/metrics` histograms). */
export interface PredictionLogObserver {
  batch(rows: number, commitSeconds: number, ok: boolean): void;
}

/** Random per process, so ids from several processes (replicas, restarts) never collide. */
const PROCESS_TAG = randomBytes(9).toString('base64url');
let sequence = 0;

/** A collision-free row id (the column is cuid-shaped text; nothing parses it): time, process tag, counter. */
function cuid(): string {
  return `p${Date.now().toString(36)}${PROCESS_TAG}${(sequence++).toString(36)}`;
}

/** At most this many rows per INSERT; under load, a batch holds what arrived while the previous one committed. */
const BATCH_ROWS = 256;
/**
 * Beyond this many rows waiting for a commit (a database that cannot keep up), new ones are refused at once:
 * the request answers 503 rather than waiting in a queue that will not drain in time.
 */
const MAX_PENDING = 20_000;
/** A batch that has not committed within this long fails its requests (503); the database is not answering. */
export const COMMIT_TIMEOUT_MS = 5000;

interface Waiting {
  row: LogRow;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The prediction log, with group commit: `record` queues a row and resolves once the batch holding it has
 * committed, so an answer is sent only after its record is durable. One batch is in flight at a time; rows
 * that arrive meanwhile form the next batch (one INSERT, one transaction, one disk sync for all of them).
 * On SQLite the INSERT runs on the event loop's connection (microseconds a row) and the disk sync on libuv's
 * pool; on PostgreSQL the server does both (see `prediction-writer.ts`). Several batches in flight at once
 * were measured slower on SQLite: the disk ran their syncs one after another, with smaller batches.
 */
export class PredictionLogger {
  private pending: Waiting[] = [];
  private inFlight: Promise<void> | null = null;
  private readonly inserts = new Map<number, string>();
  private readonly provider: DatabaseTarget['provider'];
  private readonly table: string;
  /** The logger's own driver connection (opened on the first write, closed by `close`); Prisma is the fallback. */
  private readonly writer: RowWriter;
  private closed = false;

  constructor(
    private readonly prisma: StudioPrisma,
    private readonly log: FastifyBaseLogger,
    target: DatabaseTarget,
    writerOptions: RowWriterOptions = {},
    private readonly observer: PredictionLogObserver | null = null,
  ) {
    this.provider = target.provider;
    // Raw SQL does not get Prisma's schema selection; the identifier was checked when the URL was parsed.
    this.table = target.provider === 'postgresql' ? `"${target.schema}"."PredictionLog"` : '"PredictionLog"';
    this.writer = openRowWriter(target, { commitTimeoutMs: COMMIT_TIMEOUT_MS, ...writerOptions });
  }

  // PostgreSQL numbers its parameters and needs the JSON columns cast; SQLite takes `?` and text.
  private placeholder(n: number, column: number): string {
    if (this.provider === 'sqlite') return '?';
    return column === 6 || column === 7 ? `$${n}::jsonb` : `$${n}`;
  }

  /** The multi-row INSERT for `rows` entries, built once per batch size. */
  private insertSql(rows: number): string {
    let sql = this.inserts.get(rows);
    if (!sql) {
      const values = Array.from(
        { length: rows },
        (_, r) => `(${Array.from({ length: 9 }, (_, k) => this.placeholder(r * 9 + k + 1, k)).join(', ')})`,
      );
      sql = `INSERT INTO ${this.table} ("id", "deploymentId", "slug", "version", "at", "requestId", "inputs", "output", "latencyMs") VALUES ${values.join(', ')}`;
      this.inserts.set(rows, sql);
    }
    return sql;
  }

  /**
   * Queues one entry and resolves when it has committed. Rejects with an OperationalError (the route answers
   * 503 with Retry-After) when it could not be written: then the entry is not in the log.
   */
  record(entry: PredictionEntry): Promise<void> {
    if (this.pending.length >= MAX_PENDING)
      return Promise.reject(
        new OperationalError(
          'PREDICTION_LOG_WRITE',
          `the prediction log has ${this.pending.length} rows waiting for the database; refusing more`,
        ),
      );
    const row: LogRow = [
      cuid(),
      entry.deploymentId,
      entry.slug,
      entry.version,
      entry.at ?? new Date(),
      entry.requestId,
      JSON.stringify(entry.inputs),
      typeof entry.output === 'string' ? entry.output : JSON.stringify(entry.output),
      entry.latencyMs,
    ];
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      // Rows recorded in the same turn of the event loop join one batch.
      if (!this.inFlight) this.inFlight = this.pump();
    });
  }

  /** Waits until every queued entry has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Flushes, then closes the logger's connection; rows recorded later are written through Prisma. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.writer.close();
  }

  /** Commits batches one after the other until nothing waits. */
  private async pump(): Promise<void> {
    try {
      await new Promise((r) => setImmediate(r));
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, BATCH_ROWS);
        const started = performance.now();
        try {
          await this.write(batch.map((w) => w.row));
          this.observer?.batch(batch.length, (performance.now() - started) / 1000, true);
          for (const w of batch) w.resolve();
        } catch (err) {
          this.observer?.batch(batch.length, (performance.now() - started) / 1000, false);
          this.log.error(
            { err, rows: batch.length },
            'prediction log rows could not be written; requests answer 503',
          );
          const e =
            err instanceof OperationalError
              ? err
              : new OperationalError('PREDICTION_LOG_WRITE', `prediction log insert failed: ${String(err)}`);
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.inFlight = null;
    }
  }

  private async write(rows: LogRow[]): Promise<void> {
    if (this.closed) return this.writeThroughPrisma(rows);
    try {
      // The cheap path: a prepared statement on the logger's own connection.
      await this.writer.write(rows);
    } catch (err) {
      // SQLite busy (a Prisma transaction holds the lock) or a lost PostgreSQL connection: the batch,
      // written in one transaction, did not land, so it goes through Prisma instead (bounded in time too).
      this.log.warn({ err, rows: rows.length }, 'prediction log writer failed; writing through Prisma');
      await withTimeout(this.writeThroughPrisma(rows), COMMIT_TIMEOUT_MS);
    }
  }

  /** One multi-row INSERT through Prisma's raw query (the fallback: slower, but serialised with Prisma's own transactions). */
  private async writeThroughPrisma(rows: LogRow[]): Promise<void> {
    await this.prisma.$executeRawUnsafe(this.insertSql(rows.length), ...rows.flat());
  }
}

/** Rejects when `p` has not settled within `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new OperationalError('PREDICTION_LOG_WRITE', `the database did not commit within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
