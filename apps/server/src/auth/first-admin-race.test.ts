import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { migrate } from '../db/migrator';
import { start, type Started } from '../start';
import { createTestDatabase, testProviders, type TestDatabase } from '../test-support/test-database';

// Two API replicas starting at once on one empty database: exactly one admin and one one-time link, and the
// replica that lost the race starts and serves like the other.
describe.each(testProviders)('first admin with replicas starting at once on %s', (provider) => {
  let db: TestDatabase | null = null;
  const apps: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    await db?.drop();
    db = null;
  });

  async function counts(app: Started['app']) {
    const admins = await app.prisma.user.count({ where: { role: 'admin' } });
    const liveLinks = await app.prisma.signInLink.count({ where: { usedAt: null } });
    return { admins, liveLinks };
  }

  it('two servers started together: one admin, one link printed, the other starts normally', async () => {
    db = await createTestDatabase(provider);
    const options = {
      databaseUrl: db.url,
      dataDir: db.dataDir,
      port: 0,
      seed: false,
      webDist: null,
      logger: false as const,
      workers: 0,
    };
    const started = await Promise.all([start(options), start(options)]);
    apps.push(...started.map((s) => s.app));
    const withLink = started.filter((s) => s.firstAdmin?.link);
    expect(withLink).toHaveLength(1);
    const winner = withLink[0]!;
    const loser = started.find((s) => s !== winner)!;
    expect(loser.firstAdmin).toMatchObject({ username: 'admin', link: null });
    expect(loser.firstAdmin?.linkIssuedAt).toBeInstanceOf(Date);
    expect(await counts(loser.app)).toEqual({ admins: 1, liveLinks: 1 });
    // The loser serves, and the winner's link is the valid one on either replica.
    expect((await fetch(`${loser.url}/api/health`)).status).toBe(200);
    const path = new URL(winner.firstAdmin!.link!).pathname;
    const use = await loser.app.inject({ method: 'GET', url: path });
    expect(use.statusCode).toBe(303);
    expect(use.headers.location).not.toContain('invalid');
  }, 120_000);

  it('several racing first-start checks on separate connections create one admin and one link', async () => {
    db = await createTestDatabase(provider);
    await migrate(db.target);
    const replicas = await Promise.all(
      [0, 1, 2].map(async () => {
        const app = await buildApp({ databaseUrl: db!.url, dataDir: db!.dataDir, logger: false, workers: 0 });
        apps.push(app);
        await app.ready();
        return app;
      }),
    );
    const results = await Promise.all(replicas.map((app) => app.auth.ensureFirstAdmin()));
    expect(results.filter((r) => r?.link)).toHaveLength(1);
    expect(results.filter((r) => r?.linkIssuedAt)).toHaveLength(2);
    expect(await counts(replicas[0]!)).toEqual({ admins: 1, liveLinks: 1 });
    // With a password (a Docker secret) on every replica: one admin, the password set once, no link.
    const again = await Promise.all(
      replicas.map((app) => app.auth.ensureFirstAdmin('one shared secret here')),
    );
    expect(again.filter((r) => r !== null)).toEqual([{ username: 'admin', link: null }]);
    expect(await counts(replicas[0]!)).toMatchObject({ admins: 1 });
  }, 120_000);
});
