import Database from 'better-sqlite3';
import { once } from 'node:events';
import { closeSync, fdatasync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { OperationalError } from '@studio/ir';
import { operationalError } from '../http-error';
import pg from 'pg';
import type { DatabaseTarget } from '../db/database-target';

/** One log row, in column order: id, deploymentId, slug, version, at, requestId, inputs, output, latencyMs. */
export type LogRow = [string, string, string, number, Date, string, string, string, number];

/**
 * A driver connection of the logger's own, below Prisma: a prepared statement costs a fraction of a raw query
 * through the query engine. Values are bound exactly as Prisma's adapters bind them, so the rows are the same.
 */
export interface RowWriter {
  /** Writes the rows in one transaction; throws when they could not be written (the caller falls back). */
  write(rows: LogRow[]): Promise<void>;
  close(): Promise<void>;
}

const COLUMNS =
  '("id", "deploymentId", "slug", "version", "at", "requestId", "inputs", "output", "latencyMs")';

/** As `@prisma/adapter-pg` writes a DateTime: UTC, `YYYY-MM-DD HH:MM:SS[.mmm]`. */
function pgDateTime(d: Date): string {
  const iso = d.toISOString();
  const ms = d.getUTCMilliseconds();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms ? iso.slice(19, 23) : ''}`;
}

/**
 * `STUDIO_LOG_SYNC`: `full` (default) syncs each prediction-log commit to disk on SQLite before its answers
 * go, so an answered row survives a power loss; `normal` survives a crashed or killed process only (the
 * commit is in the OS's page cache), and commits without waiting for the disk.
 */
function sqliteSynchronous(): 'FULL' | 'NORMAL' {
  return process.env.STUDIO_LOG_SYNC?.toLowerCase() === 'normal' ? 'NORMAL' : 'FULL';
}

/** How long the SQLite writer's thread waits for a write lock before the batch goes through Prisma. */
export const SQLITE_BUSY_TIMEOUT_MS = 2000;
/** Rows committed on the event loop's connection between two checkpoints, which run on the writer's thread. */
const CHECKPOINT_ROWS = 2000;

/** The writer's thread (`prediction-log-worker.mjs`): batches the event loop could not write, and checkpoints. */
interface ThreadWriter {
  write(rows: LogRow[]): Promise<void>;
  /** Asks the thread to copy the WAL back into the database and start it over. */
  checkpoint(): void;
  /** Starts the thread and opens its connection now, so a busy batch does not wait for either. */
  warm(): void;
  close(): Promise<void>;
}

/**
 * A second better-sqlite3 handle on a worker thread, with a prepared multi-row INSERT per batch size (one
 * statement, one transaction) that waits up to `busyTimeoutMs` for the write lock. The worker is started on
 * first use and keeps the process alive only while writes are in flight.
 */
function threadWriter(filePath: string, busyTimeoutMs: number, synchronous: 'FULL' | 'NORMAL'): ThreadWriter {
  let worker: Worker | null = null;
  let nextId = 0;
  const inFlight = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  const failAll = (why: string) => {
    for (const p of inFlight.values()) p.reject(operationalError('PREDICTION_LOG_WORKER', why));
    inFlight.clear();
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./prediction-log-worker.mjs', import.meta.url), {
      workerData: { filePath, busyTimeoutMs, synchronous },
    });
    w.unref();
    w.on('message', (m: { id: number; error?: { message: string; code: string | null } }) => {
      const p = inFlight.get(m.id);
      inFlight.delete(m.id);
      if (inFlight.size === 0) w.unref();
      if (!p) return;
      if (m.error)
        p.reject(
          // The database's own code (SQLITE_BUSY, …) when it gave one: operational, so never in a response body.
          new OperationalError(
            m.error.code ?? 'PREDICTION_LOG_WRITE',
            `prediction log insert failed: ${m.error.message}`,
          ),
        );
      else p.resolve();
    });
    w.on('error', (e) => {
      if (worker === w) worker = null;
      failAll(`the prediction log thread failed: ${e.message}`);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll('the prediction log thread stopped');
    });
    return w;
  };
  return {
    write: (rows) =>
      new Promise<void>((resolve, reject) => {
        const w = (worker ??= start());
        const id = nextId++;
        inFlight.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, rows });
      }),
    checkpoint: () => (worker ??= start()).postMessage({ checkpoint: true }),
    warm: () => (worker ??= start()).postMessage({ open: true }),
    close: async () => {
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = once(w, 'exit');
      w.postMessage({ close: true });
      await exited;
    },
  };
}

/**
 * SQLite, in WAL mode. The fast path inserts each batch on the event loop's own connection (a prepared
 * multi-row INSERT: a few microseconds a row, no thread hop, no copy of the rows to another thread), committed
 * with `synchronous = NORMAL`, so the commit writes the WAL but does not sync it; with `STUDIO_LOG_SYNC=full`
 * (the default) the batch is acknowledged only after an fdatasync of the WAL file that started after its commit
 * (on libuv's pool, shared by the batches it covers), which makes it as durable as SQLite's own FULL commit.
 * That connection never waits for the lock (a Prisma transaction on this thread holds it across awaits, so
 * waiting here could never end): a busy batch goes to the writer's thread, which waits. Checkpoints run on
 * that thread too, so the event loop never copies the WAL back nor syncs the database file.
 */
function sqliteWriter(filePath: string, busyTimeoutMs: number): RowWriter {
  const synchronous = sqliteSynchronous();
  const thread = threadWriter(filePath, busyTimeoutMs, synchronous);
  let db: Database.Database | null = null;
  let walFd: number | null = null;
  let sinceCheckpoint = 0;
  const statements = new Map<number, Database.Statement>();
  const params: unknown[] = [];
  const syncWal = sharedSync(() => walFd);

  const insertHere = (rows: LogRow[]): void => {
    if (!db) {
      db = new Database(filePath, { timeout: 0, fileMustExist: true });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('wal_autocheckpoint = 0');
      thread.warm();
    }
    let stmt = statements.get(rows.length);
    if (!stmt) {
      const values = Array.from({ length: rows.length }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      stmt = db.prepare(`INSERT INTO "PredictionLog" ${COLUMNS} VALUES ${values}`);
      statements.set(rows.length, stmt);
    }
    params.length = 0;
    for (const r of rows)
      // The Date as @prisma/adapter-better-sqlite3 binds it (timestampFormat iso8601).
      params.push(r[0], r[1], r[2], r[3], sqliteDateTime(r[4]), r[5], r[6], r[7], r[8]);
    stmt.run(params);
    // The WAL exists once this connection has written; it keeps its inode while the connection is open.
    walFd ??= openSync(`${filePath}-wal`, 'r');
  };

  return {
    write: async (rows) => {
      try {
        insertHere(rows);
      } catch (e) {
        if (!String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw e;
        return thread.write(rows);
      }
      sinceCheckpoint += rows.length;
      if (sinceCheckpoint >= CHECKPOINT_ROWS) {
        sinceCheckpoint = 0;
        thread.checkpoint();
      }
      if (synchronous === 'FULL') await syncWal();
    },
    close: async () => {
      await syncWal();
      statements.clear();
      db?.close();
      db = null;
      if (walFd !== null) closeSync(walFd);
      walFd = null;
      await thread.close();
    },
  };
}

/** As @prisma/adapter-better-sqlite3 binds a DateTime (timestampFormat iso8601). */
function sqliteDateTime(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/**
 * fdatasync of a file, shared by callers: each call resolves after a sync that started after the call, so
 * whatever was written before it is on disk; calls that arrive while one runs share the next one.
 */
function sharedSync(fd: () => number | null): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const run = (): Promise<void> => {
    const f = fd();
    const p =
      f === null
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => fdatasync(f, (e) => (e ? reject(e) : resolve())));
    running = p.finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return run();
    queued ??= running
      .catch(() => {})
      .then(() => {
        queued = null;
        return run();
      });
    return queued;
  };
}

/** PostgreSQL: one pg client, one named (server-prepared) multi-row INSERT per batch size. */
function postgresWriter(
  target: Extract<DatabaseTarget, { provider: 'postgresql' }>,
  commitTimeoutMs: number,
): RowWriter {
  const table = `"${target.schema}"."PredictionLog"`;
  const sqls = new Map<number, string>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      // The server aborts a statement past the timeout (so a late commit never follows a 503); the client
      // gives up a little later when the server does not answer at all.
      const c = new pg.Client({
        connectionString: target.connectionString,
        connectionTimeoutMillis: commitTimeoutMs,
        statement_timeout: commitTimeoutMs,
        query_timeout: commitTimeoutMs + 1000,
      });
      // A dropped connection is forgotten; the next batch opens a new one (and this one goes through Prisma).
      c.on('error', () => {
        if (client === c) client = null;
        connecting = null;
      });
      try {
        await c.connect();
      } catch (e) {
        connecting = null;
        throw e;
      }
      client = c;
      return c;
    })();
    return connecting;
  };
  const sqlFor = (n: number): string => {
    let sql = sqls.get(n);
    if (!sql) {
      const values = Array.from({ length: n }, (_, r) => {
        const p = (k: number) => `$${r * 9 + k + 1}`;
        return `(${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::jsonb, ${p(7)}::jsonb, ${p(8)})`;
      });
      sql = `INSERT INTO ${table} ${COLUMNS} VALUES ${values.join(', ')}`;
      sqls.set(n, sql);
    }
    return sql;
  };
  return {
    write: async (rows) => {
      const c = client ?? (await connect());
      const values: unknown[] = [];
      for (const r of rows) values.push(r[0], r[1], r[2], r[3], pgDateTime(r[4]), r[5], r[6], r[7], r[8]);
      try {
        await c.query({ name: `prediction_log_${rows.length}`, text: sqlFor(rows.length), values });
      } catch (e) {
        // A timed-out or broken connection is not reused; the next batch opens a new one.
        if (client === c) {
          client = null;
          connecting = null;
          void c.end().catch(() => {});
        }
        throw e;
      }
    },
    close: async () => {
      const pending = connecting;
      client = null;
      connecting = null;
      const c = await pending?.catch(() => null);
      await c?.end().catch(() => {});
    },
  };
}

export interface RowWriterOptions {
  /** SQLite: how long to wait for the write lock before failing the batch (default SQLITE_BUSY_TIMEOUT_MS). */
  sqliteBusyTimeoutMs?: number;
  /** PostgreSQL: connect and statement timeout (default 5000 ms). */
  commitTimeoutMs?: number;
}

export function openRowWriter(target: DatabaseTarget, options: RowWriterOptions = {}): RowWriter {
  return target.provider === 'sqlite'
    ? sqliteWriter(target.filePath, options.sqliteBusyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS)
    : postgresWriter(target, options.commitTimeoutMs ?? 5000);
}
