// Kept hand-written (issue #9, forced by this machine): Prisma 7's CLI only runs `generate` here.
import { OperationalError } from '@studio/ir';
import type { DatabaseTarget } from './database-target';
import { defaultMigrationsRoot, readMigrations, type Migration } from './migrations-dir';
import { openSqlConnection, type SqlConnection } from './sql-connection';

/** The bookkeeping table: one row per applied migration with the checksum of the SQL that ran. */
export const MIGRATIONS_TABLE = '_studio_migrations';

// Several server replicas may start at once on one PostgreSQL; they take turns through this advisory lock.
const PG_LOCK_KEY = 7_340_112_233;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Brings the database up to the committed migrations, idempotently: each pending migration runs in its own
 * transaction together with its bookkeeping row. Refuses to touch a database whose history disagrees with
 * the repository (an applied migration edited afterwards, or one this build does not know).
 */
export async function migrate(
  target: DatabaseTarget,
  migrationsRoot: string = defaultMigrationsRoot,
): Promise<MigrateResult> {
  const migrations = readMigrations(target.provider, migrationsRoot);
  const conn = await openSqlConnection(target);
  try {
    if (conn.provider === 'postgresql') await conn.query('SELECT pg_advisory_lock($1)', [PG_LOCK_KEY]);
    await conn.exec(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const applied = await appliedChecksums(conn);
    checkHistory(applied, migrations);
    const result: MigrateResult = { applied: [], alreadyApplied: [...applied.keys()] };
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      if (await applyOne(conn, m)) result.applied.push(m.name);
      else result.alreadyApplied.push(m.name);
    }
    return result;
  } finally {
    if (conn.provider === 'postgresql')
      await conn.query('SELECT pg_advisory_unlock($1)', [PG_LOCK_KEY]).catch(() => []);
    await conn.close();
  }
}

async function appliedChecksums(conn: SqlConnection): Promise<Map<string, string>> {
  const rows = await conn.query<{ name: string; checksum: string }>(
    `SELECT name, checksum FROM "${MIGRATIONS_TABLE}" ORDER BY name`,
  );
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

function checkHistory(applied: Map<string, string>, migrations: Migration[]): void {
  const known = new Map(migrations.map((m) => [m.name, m]));
  for (const [name, checksum] of applied) {
    const m = known.get(name);
    if (!m) {
      throw new OperationalError(
        'MIGRATION_UNKNOWN',
        `the database has migration ${name}, which this build does not know: run a newer Studio against it`,
        { migration: name },
      );
    }
    if (m.checksum !== checksum) {
      throw new OperationalError(
        'MIGRATION_CHECKSUM_MISMATCH',
        `migration ${name} was changed after it was applied; restore its original SQL and add a new migration instead`,
        { migration: name, applied: checksum, committed: m.checksum },
      );
    }
  }
}

/** Applies one migration; false when another process applied it first (SQLite has no advisory lock). */
async function applyOne(conn: SqlConnection, m: Migration): Promise<boolean> {
  const pg = conn.provider === 'postgresql';
  const insert = pg
    ? `INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, applied_at) VALUES ($1, $2, $3)`
    : `INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`;
  const exists = `SELECT 1 AS one FROM "${MIGRATIONS_TABLE}" WHERE name = ${pg ? '$1' : '?'}`;
  // SQLite changes a table by copying it and dropping the original; with foreign keys enforced that DROP
  // would cascade into child rows. SQLite's documented recipe: keys off outside the transaction, check them
  // before committing, keys back on.
  if (!pg) await conn.exec('PRAGMA foreign_keys = OFF');
  await conn.exec(pg ? 'BEGIN' : 'BEGIN IMMEDIATE');
  try {
    if ((await conn.query(exists, [m.name])).length > 0) {
      await conn.exec('ROLLBACK');
      return false;
    }
    await conn.exec(m.sql);
    if (!pg) {
      const violations = await conn.query('PRAGMA foreign_key_check');
      if (violations.length > 0) {
        throw new OperationalError(
          'MIGRATION_BROKE_REFERENCES',
          `${violations.length} rows would reference missing rows`,
        );
      }
    }
    await conn.query(insert, [m.name, m.checksum, new Date().toISOString()]);
    await conn.exec('COMMIT');
    return true;
  } catch (e) {
    await conn.exec('ROLLBACK').catch(() => undefined);
    throw new OperationalError(
      'MIGRATION_FAILED',
      `migration ${m.name} failed and was rolled back: ${(e as Error).message}`,
      {
        migration: m.name,
      },
    );
  } finally {
    if (!pg) await conn.exec('PRAGMA foreign_keys = ON');
  }
}
