import Database from 'better-sqlite3';
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

/** SQLite: a second better-sqlite3 handle with a prepared multi-row INSERT per batch size (one statement, one transaction). */
function sqliteWriter(filePath: string): RowWriter {
  let db: Database.Database | null = null;
  const statements = new Map<number, Database.Statement>();
  const params: unknown[] = [];
  return {
    write: async (rows) => {
      // No busy wait: an interactive Prisma transaction may hold the write lock across awaits, and this
      // call is synchronous; SQLITE_BUSY throws at once and the batch goes through Prisma instead.
      db ??= new Database(filePath, { timeout: 0, fileMustExist: true });
      let stmt = statements.get(rows.length);
      if (!stmt) {
        const values = Array.from({ length: rows.length }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        stmt = db.prepare(`INSERT INTO "PredictionLog" ${COLUMNS} VALUES ${values}`);
        statements.set(rows.length, stmt);
      }
      params.length = 0;
      for (const r of rows)
        // The Date as @prisma/adapter-better-sqlite3 binds it (timestampFormat iso8601).
        params.push(
          r[0],
          r[1],
          r[2],
          r[3],
          r[4].toISOString().replace('Z', '+00:00'),
          r[5],
          r[6],
          r[7],
          r[8],
        );
      stmt.run(params);
    },
    close: async () => {
      statements.clear();
      db?.close();
      db = null;
    },
  };
}

/** PostgreSQL: one pg client, one named (server-prepared) multi-row INSERT per batch size. */
function postgresWriter(target: Extract<DatabaseTarget, { provider: 'postgresql' }>): RowWriter {
  const table = `"${target.schema}"."PredictionLog"`;
  const sqls = new Map<number, string>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: target.connectionString });
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
      await c.query({ name: `prediction_log_${rows.length}`, text: sqlFor(rows.length), values });
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

export function openRowWriter(target: DatabaseTarget): RowWriter {
  return target.provider === 'sqlite' ? sqliteWriter(target.filePath) : postgresWriter(target);
}
