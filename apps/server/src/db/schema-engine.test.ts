import { describe, expect, it } from 'vitest';
import { createTestDatabase, testProviders } from '../test-support/test-database';
import { migrate } from './migrator';
import { readMigrations } from './migrations-dir';
import { diffDatabaseToSchema } from './schema-engine';
import { openSqlConnection } from './sql-connection';

// The committed SQL is what production runs; schema.prisma is what the generated clients believe. Prisma's
// schema engine compares the database the migrations build with the schema, so the two cannot drift apart.
describe.each(testProviders)('committed %s migrations', (provider) => {
  it('produce exactly the schema.prisma schema', async () => {
    const db = await createTestDatabase(provider);
    try {
      await migrate(db.target);
      const { exitCode, stdout } = await diffDatabaseToSchema(db.target, false);
      expect(stdout.trim()).toBe('No difference detected.');
      expect(exitCode).toBe(0);
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('are caught when the database drifts from the schema', async () => {
    const db = await createTestDatabase(provider);
    try {
      await migrate(db.target);
      const conn = await openSqlConnection(db.target);
      await conn.exec('ALTER TABLE "Project" ADD COLUMN "stray" TEXT');
      await conn.close();
      const { exitCode, stdout } = await diffDatabaseToSchema(db.target, false);
      expect(exitCode).toBe(2);
      expect(stdout).toContain('Project');
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('start with 0001_init', () => {
    expect(readMigrations(provider)[0]?.name).toBe('0001_init');
  });
});
