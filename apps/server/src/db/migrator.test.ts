import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testProviders, type TestDatabase } from '../test-support/test-database';
import { migrate, MIGRATIONS_TABLE } from './migrator';
import { defaultMigrationsRoot, readMigrations } from './migrations-dir';
import { openSqlConnection } from './sql-connection';

describe.each(testProviders)('migrator on %s', (provider) => {
  let db: TestDatabase;
  let root: string;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
    // A private copy of the committed migrations that each test may tamper with.
    root = mkdtempSync(join(tmpdir(), 'studio-migrations-'));
    cpSync(defaultMigrationsRoot, root, { recursive: true });
  });
  afterEach(async () => {
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  const tables = async () => {
    const conn = await openSqlConnection(db.target);
    const sql =
      provider === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1';
    const rows = await conn.query<{ name: string }>(sql);
    await conn.close();
    return rows.map((r) => r.name);
  };

  it('applies every committed migration once, then does nothing', async () => {
    const names = readMigrations(provider).map((m) => m.name);
    expect(names[0]).toBe('0001_init');
    expect(await migrate(db.target, root)).toEqual({ applied: names, alreadyApplied: [] });
    expect(await tables()).toEqual(
      expect.arrayContaining(['User', 'Project', 'GraphVersion', 'AuditEvent', MIGRATIONS_TABLE]),
    );
    expect(await migrate(db.target, root)).toEqual({ applied: [], alreadyApplied: names });
  });

  it('refuses a database whose applied migration was edited afterwards', async () => {
    await migrate(db.target, root);
    appendFileSync(join(root, provider, '0001_init', 'migration.sql'), '\n-- edited after the fact\n');
    await expect(migrate(db.target, root)).rejects.toMatchObject({
      code: 'MIGRATION_CHECKSUM_MISMATCH',
      kind: 'operational',
    });
  });

  it('refuses a database that has a migration this build does not know', async () => {
    await migrate(db.target, root);
    rmSync(join(root, provider, '0001_init'), { recursive: true });
    await expect(migrate(db.target, root)).rejects.toMatchObject({ code: 'MIGRATION_UNKNOWN' });
  });

  it('rolls a failing migration back whole, leaving it pending', async () => {
    await migrate(db.target, root);
    mkdirSync(join(root, provider, '0002_broken'));
    writeFileSync(
      join(root, provider, '0002_broken', 'migration.sql'),
      'CREATE TABLE "Half" ("id" TEXT NOT NULL PRIMARY KEY);\nTHIS IS NOT SQL;\n',
    );
    await expect(migrate(db.target, root)).rejects.toMatchObject({ code: 'MIGRATION_FAILED' });
    expect(await tables()).not.toContain('Half');
    writeFileSync(
      join(root, provider, '0002_broken', 'migration.sql'),
      'CREATE TABLE "Half" ("id" TEXT NOT NULL PRIMARY KEY);\n',
    );
    expect((await migrate(db.target, root)).applied).toEqual(['0002_broken']);
    expect(await tables()).toContain('Half');
  });
});

describe('migrator on sqlite, table redefinition', () => {
  it('keeps child rows when a migration copies, drops and renames their parent table', async () => {
    const db = await createTestDatabase('sqlite');
    const root = mkdtempSync(join(tmpdir(), 'studio-migrations-'));
    try {
      cpSync(defaultMigrationsRoot, root, { recursive: true });
      await migrate(db.target, root);
      const conn = await openSqlConnection(db.target);
      await conn.exec(`
        INSERT INTO "User" ("id", "name") VALUES ('u1', 'U');
        INSERT INTO "Project" ("id", "name", "updatedAt", "createdById") VALUES ('p1', 'P', 0, 'u1');
        INSERT INTO "GraphVersion" ("id", "projectId", "number", "hash", "authorId", "irVersion", "graph")
          VALUES ('v1', 'p1', 1, 'h', 'u1', 1, '{}');`);
      // The shape Prisma's engine writes for an SQLite column change: create a copy, fill it, drop, rename.
      const [original] = await conn.query<{ sql: string }>(
        `SELECT sql FROM sqlite_master WHERE name = 'Project'`,
      );
      mkdirSync(join(root, 'sqlite', '0002_redefine'));
      writeFileSync(
        join(root, 'sqlite', '0002_redefine', 'migration.sql'),
        `${original!.sql.replace('"Project"', '"new_Project"')};
INSERT INTO "new_Project" SELECT * FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
`,
      );
      expect((await migrate(db.target, root)).applied).toEqual(['0002_redefine']);
      expect(await conn.query('SELECT "id" FROM "GraphVersion"')).toEqual([{ id: 'v1' }]);
      await conn.close();
    } finally {
      await db.drop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
