import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { OperationalError, UserError } from '@studio/ir';
import { pgBossSchema } from '../jobs/pg-boss-queue';
import { parseDatabaseUrl, type DatabaseTarget, type Provider } from '../db/database-target';

const DEFAULT_PG_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/** The providers the integration suites run on: both, unless STUDIO_SKIP_PG=1 drops PostgreSQL. */
export const testProviders: Provider[] =
  process.env.STUDIO_SKIP_PG === '1' ? ['sqlite'] : ['sqlite', 'postgresql'];

/** A fresh, empty database of one provider and a data directory; `drop()` removes both. */
export interface TestDatabase {
  target: DatabaseTarget;
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * SQLite: a file in a new temp dir. PostgreSQL: a new schema `t_<random>` on DATABASE_URL (default the local
 * server). An unreachable PostgreSQL fails the suite with a clear message rather than skipping silently.
 */
export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-test-'));
  if (provider === 'sqlite') {
    const url = `file:${join(dataDir, 'studio.db')}`;
    return {
      target: parseDatabaseUrl(url),
      url,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const base = process.env.DATABASE_URL ?? DEFAULT_PG_URL;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;
  const target = parseDatabaseUrl(url);
  if (target.provider !== 'postgresql')
    throw new UserError(
      'TEST_DATABASE_URL',
      `DATABASE_URL must be a PostgreSQL URL for the PostgreSQL suite, got ${base}`,
    );
  const admin = new pg.Client({ connectionString: target.connectionString });
  try {
    await admin.connect();
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new OperationalError(
      'TEST_DATABASE_UNREACHABLE',
      `PostgreSQL is not reachable at ${base} (${(e as Error).message}). Start it, point DATABASE_URL at one, ` +
        'or set STUDIO_SKIP_PG=1 to run the SQLite suites only.',
    );
  }
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  return {
    target,
    url,
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: target.connectionString });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      // Where pg-boss kept this schema's jobs, when the app ran any.
      await c.query(`DROP SCHEMA IF EXISTS "${pgBossSchema(schema)}" CASCADE`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
