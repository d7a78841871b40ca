// `pnpm --filter @studio/server migration:new <name>`: writes prisma/migrations/<provider>/<NNNN>_<name>/migration.sql
// for both databases, each the SQL that takes the committed migrations to the current schema.prisma.
// Needs the local PostgreSQL (DATABASE_URL overrides); each side runs on a scratch database it then drops.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl, type DatabaseTarget, type Provider } from '../src/db/database-target';
import { migrate } from '../src/db/migrator';
import { defaultMigrationsRoot, readMigrations } from '../src/db/migrations-dir';
import { diffDatabaseToSchema, sqlFromEmpty } from '../src/db/schema-engine';
import { openSqlConnection } from '../src/db/sql-connection';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: new-migration <snake_case_name>');
  process.exit(2);
}

async function pendingSql(provider: Provider): Promise<string> {
  if (readMigrations(provider).length === 0) return sqlFromEmpty(provider);
  const scratchDir = mkdtempSync(join(tmpdir(), 'studio-migration-'));
  const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const schema = `scratch_${process.pid}`;
  const target: DatabaseTarget =
    provider === 'sqlite'
      ? parseDatabaseUrl(`file:${join(scratchDir, 'scratch.db')}`)
      : parseDatabaseUrl(`${base}${base.includes('?') ? '&' : '?'}schema=${schema}`);
  try {
    await migrate(target);
    const { exitCode, stdout } = await diffDatabaseToSchema(target, true);
    return exitCode === 0 ? '' : stdout;
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
    if (target.provider === 'postgresql') {
      const conn = await openSqlConnection(target);
      await conn.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await conn.close();
    }
  }
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  const sql = await pendingSql(provider);
  if (!sql.trim()) {
    console.log(`[migration] ${provider}: schema.prisma matches the committed migrations; nothing written`);
    continue;
  }
  const number = String(readMigrations(provider).length + 1).padStart(4, '0');
  const dir = join(defaultMigrationsRoot, provider, `${number}_${name}`);
  mkdirSync(dir, { recursive: true });
  // Our migrator creates and selects the target schema itself, so the engine's CREATE SCHEMA for its scratch one goes.
  writeFileSync(
    join(dir, 'migration.sql'),
    sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "[^"]+";\n\n/m, ''),
  );
  console.log(`[migration] ${provider}: wrote ${dir}/migration.sql`);
}
