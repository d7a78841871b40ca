import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseTarget } from '../db/database-target';
import type { StudioPrisma } from '../db/prisma-client';
import { randomBytes } from 'node:crypto';
import { openRowWriter, type LogRow, type RowWriter, type RowWriterOptions } from './prediction-writer';

/** One prediction to record. */
export interface PredictionEntry {
  deploymentId: string;
  slug: string;
  version: number;
  requestId: string;
  inputs: Record<string, unknown>;
  output: Record<string, unknown>;
  latencyMs: number;
}

/** Random per process, so ids from several processes (replicas, restarts) never collide. */
const PROCESS_TAG = randomBytes(9).toString('base64url');
let sequence = 0;

/** A collision-free row id (the column is cuid-shaped text; nothing parses it): time, process tag, counter. */
function cuid(): string {
  return `p${Date.now().toString(36)}${PROCESS_TAG}${(sequence++).toString(36)}`;
}

/**
 * Writes are grouped: at most this many rows per insert, at least every FLUSH_MS. Each batch is built
 * (ids, JSON) on the event loop after a turn of the loop, so requests are never held for long; the INSERT
 * itself runs on the writer's thread (SQLite) or the server (PostgreSQL).
 */
const BATCH_ROWS = 50;
const FLUSH_MS = 200;
/** Beyond this many unwritten rows (a database that cannot keep up), new ones are dropped and counted. */
const MAX_PENDING = 50_000;

/**
 * The prediction log, kept off the request path: `record` only appends to memory; a timer writes the
 * rows in multi-row inserts. `flush` drains everything (tests, shutdown).
 */
export class PredictionLogger {
  private pending: PredictionEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;
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
  ) {
    this.provider = target.provider;
    // Raw SQL does not get Prisma's schema selection; the identifier was checked when the URL was parsed.
    this.table = target.provider === 'postgresql' ? `"${target.schema}"."PredictionLog"` : '"PredictionLog"';
    this.writer = openRowWriter(target, writerOptions);
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

  /** Queues one entry; never waits and never throws. */
  record(entry: PredictionEntry): void {
    if (this.pending.length >= MAX_PENDING) {
      this.dropped++;
      return;
    }
    this.pending.push(entry);
    if (this.pending.length >= BATCH_ROWS) this.schedule(0);
    else this.schedule(FLUSH_MS);
  }

  /** Writes every queued entry and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.drain();
    await this.writing;
  }

  /** Flushes, then closes the logger's connection; rows recorded later are written through Prisma. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.writer.close();
  }

  private schedule(ms: number): void {
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, ms);
    this.timer.unref();
  }

  private drain(): void {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, BATCH_ROWS);
      this.writing = this.writing.then(async () => {
        await new Promise((resolve) => setImmediate(resolve));
        await this.write(batch);
      });
    }
  }

  private async write(batch: PredictionEntry[]): Promise<void> {
    const rows: LogRow[] = [];
    for (const e of batch)
      rows.push([
        cuid(),
        e.deploymentId,
        e.slug,
        e.version,
        new Date(),
        e.requestId,
        JSON.stringify(e.inputs),
        JSON.stringify(e.output),
        e.latencyMs,
      ]);
    try {
      if (this.closed) await this.writeThroughPrisma(rows);
      else {
        try {
          // The cheap path: a prepared statement on the logger's own connection.
          await this.writer.write(rows);
        } catch (err) {
          // SQLite busy (a Prisma transaction holds the lock) or a lost PostgreSQL connection: the batch,
          // written in one transaction, did not land, so it goes through Prisma instead.
          this.log.warn({ err, rows: rows.length }, 'prediction log writer failed; writing through Prisma');
          await this.writeThroughPrisma(rows);
        }
      }
    } catch (err) {
      // Serving goes on when the log cannot be written; the loss is reported, not hidden.
      this.log.error({ err, rows: batch.length }, 'prediction log rows could not be written');
    }
    if (this.dropped > 0) {
      this.log.warn({ dropped: this.dropped }, 'prediction log overflowed; entries dropped');
      this.dropped = 0;
    }
  }

  /** One multi-row INSERT through Prisma's raw query (the fallback: slower, but serialised with Prisma's own transactions). */
  private async writeThroughPrisma(rows: LogRow[]): Promise<void> {
    await this.prisma.$executeRawUnsafe(this.insertSql(rows.length), ...rows.flat());
  }
}
