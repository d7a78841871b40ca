import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { OperationalError } from '@studio/ir';
import { redact, type DatabaseTarget } from './database-target';

/** A plain SQL connection for the migrator and tests: below Prisma, because migrations create Prisma's tables. */
export interface SqlConnection {
  readonly provider: DatabaseTarget['provider'];
  /** Runs a script of one or more statements. */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised query (`?` placeholders on SQLite, `$1` on PostgreSQL) and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Opens a connection; on PostgreSQL the target's schema is created if needed and put first on the search path. */
export async function openSqlConnection(target: DatabaseTarget): Promise<SqlConnection> {
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.filePath), { recursive: true });
    const db = new Database(target.filePath);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    return {
      provider: 'sqlite',
      exec: async (sql) => void db.exec(sql),
      query: async <T>(sql: string, params: unknown[] = []) => {
        const stmt = db.prepare(sql);
        return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
      },
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: target.connectionString });
  try {
    await client.connect();
  } catch (e) {
    throw new OperationalError(
      'DATABASE_UNREACHABLE',
      `cannot connect to ${redact(target.url)}: ${(e as Error).message}. Is PostgreSQL running?`,
    );
  }
  const schema = `"${target.schema}"`;
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    provider: 'postgresql',
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}
