import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createPrismaClient } from '../db/prisma-client';
import { migrate } from '../db/migrator';
import { createTestDatabase, testProviders, type TestDatabase } from '../test-support/test-database';

const CHILD = fileURLToPath(new URL('../test-support/first-start-child.ts', import.meta.url));
const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ChildStart {
  url: string;
  firstAdmin: { username: string; link: string | null; linkIssuedAt?: string } | null;
}

/** One server process starting on the database (this test's own, stopped by its PID); its JSON line. */
async function startChild(db: TestDatabase, children: ChildProcess[]): Promise<ChildStart> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db.dataDir, db.url], {
    cwd: SERVER_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  // The start of a failing child's stderr names the error; its end, where it was thrown.
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString();
    if (stderr.length > 8000) stderr = `${stderr.slice(0, 3000)}\n…\n${stderr.slice(-3000)}`;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
  try {
    for await (const line of createInterface({ input: child.stdout! }))
      if (line.startsWith('{')) return JSON.parse(line) as ChildStart;
  } finally {
    clearTimeout(timer);
  }
  // Its stdout ended: let its stderr finish too (bounded) so the error below is whole.
  if (child.exitCode === null && child.signalCode === null)
    await Promise.race([once(child, 'close'), new Promise((r) => setTimeout(r, 10_000))]);
  const cause = stderr.split('\n').find((l) => /error|\(P\d{4}\)/i.test(l)) ?? '';
  throw new Error(`the server child exited before listening (${child.exitCode}): ${cause.trim()}\n${stderr}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}

// Two API replicas starting at once on one empty database: exactly one admin and one one-time link, and the
// replica that lost the race starts and serves like the other.
describe.each(testProviders)('first admin with replicas starting at once on %s', (provider) => {
  let db: TestDatabase | null = null;
  const children: ChildProcess[] = [];
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map(stopChild));
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    await db?.drop();
    db = null;
  }, 60_000);

  it('two server processes started together: one admin, one link printed, the other starts normally', async () => {
    db = await createTestDatabase(provider);
    const started = await Promise.all([startChild(db, children), startChild(db, children)]);
    const withLink = started.filter((s) => s.firstAdmin?.link);
    expect(withLink).toHaveLength(1);
    const winner = withLink[0]!;
    const loser = started.find((s) => s !== winner)!;
    expect(loser.firstAdmin).toMatchObject({ username: 'admin', link: null });
    expect(typeof loser.firstAdmin?.linkIssuedAt).toBe('string');
    const prisma = createPrismaClient(db.target);
    try {
      expect(await prisma.user.count({ where: { role: 'admin' } })).toBe(1);
      expect(await prisma.signInLink.count({ where: { usedAt: null } })).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
    // The loser serves, and the winner's printed link is the valid one, on either replica.
    expect((await fetch(`${loser.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${loser.url}/api/ready`)).status).toBe(200);
    const use = await fetch(`${loser.url}${new URL(winner.firstAdmin!.link!).pathname}`, {
      redirect: 'manual',
    });
    expect(use.status).toBe(303);
    expect(use.headers.get('location')).not.toContain('invalid');
  }, 150_000);

  // In one process only on PostgreSQL: SQLite's busy wait blocks the event loop its rival would need.
  it.runIf(provider === 'postgresql')(
    'racing first-start checks on separate connections create one admin and one link',
    async () => {
      db = await createTestDatabase(provider);
      await migrate(db.target);
      for (let i = 0; i < 3; i++) {
        const app = await buildApp({ databaseUrl: db.url, dataDir: db.dataDir, logger: false, workers: 0 });
        apps.push(app);
        await app.ready();
      }
      const results = await Promise.all(apps.map((app) => app.auth.ensureFirstAdmin()));
      expect(results.filter((r) => r?.link)).toHaveLength(1);
      expect(results.filter((r) => r?.linkIssuedAt)).toHaveLength(2);
      expect(await apps[0]!.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
      expect(await apps[0]!.prisma.signInLink.count({ where: { usedAt: null } })).toBe(1);
      // With a password (a Docker secret) on every replica: set once, no link, still one admin.
      const again = await Promise.all(apps.map((app) => app.auth.ensureFirstAdmin('one shared secret here')));
      expect(again.filter((r) => r !== null)).toEqual([{ username: 'admin', link: null }]);
      expect(await apps[0]!.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
    },
    120_000,
  );
});
