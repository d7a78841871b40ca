import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, createPrismaClient, migrate, parseDatabaseUrl, seedDemo } from '@studio/server';
import { main } from './studio';

describe('studio audit verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-audit-cli-'));
  const url = `file:${join(dir, 'studio.db')}`;
  beforeAll(async () => {
    await migrate(parseDatabaseUrl(url));
    const app = await buildApp({ databaseUrl: url, dataDir: dir, auth: 'local' });
    await app.ready();
    await seedDemo(app);
    await app.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on an intact chain and 7 naming the first broken event once a row was changed', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['audit', 'verify', '--database-url', url])).toBe(0);
      expect(String(log.mock.calls.at(-1)?.[0])).toMatch(
        /audit chain intact, \d+ events, head #\d+ [0-9a-f]{64}/,
      );
      // An attacker with the database file: drops the guard trigger and edits the first event.
      const prisma = createPrismaClient(parseDatabaseUrl(url));
      await prisma.$executeRawUnsafe('DROP TRIGGER "AuditEvent_no_update"');
      await prisma.$executeRawUnsafe(
        `UPDATE "AuditEvent" SET "actorName" = 'Chief Risk Officer' WHERE "seq" = 1`,
      );
      await prisma.$disconnect();
      expect(await main(['audit', 'verify', '--database-url', url])).toBe(7);
      expect(String(err.mock.calls.at(-1)?.[0])).toContain('audit chain BROKEN at event #1');
      expect(await main(['audit', 'frobnicate'])).toBe(2);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
