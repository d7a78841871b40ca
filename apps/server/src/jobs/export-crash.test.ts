import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { BlobStore } from '../datasets/blob-store';
import { createPrismaClient } from '../db/prisma-client';
import { seedDemo } from '../seed/seed';
import { crashTestState, killChild, startStudioChild, sweptBlobState } from '../test-support/crash-harness';
import { testProviders } from '../test-support/test-database';

/** Short leases, so the job of the killed worker is taken back within seconds. */
const JOBS = { leaseMs: 1500, heartbeatMs: 300, maxAttempts: 2 };
const JOB_ENV = {
  STUDIO_JOB_LEASE_MS: String(JOBS.leaseMs),
  STUDIO_JOB_HEARTBEAT_MS: String(JOBS.heartbeatMs),
  STUDIO_JOB_ATTEMPTS: String(JOBS.maxAttempts),
};

describe.each(testProviders)('kill -9 during a bundle export job on %s', (provider) => {
  const crash = crashTestState(provider);

  it('leaves no half state, and the job completes once on another worker', async () => {
    const db = await crash.database();
    // An API-only process queues the export (with the rows, so there is something to pack).
    const api = await buildApp({ databaseUrl: db.url, dataDir: db.dataDir, auth: 'local', workers: 0 });
    await api.ready();
    await seedDemo(api);
    const project = await api.prisma.project.findFirstOrThrow();
    const owner = await api.prisma.user.findFirstOrThrow();
    const job = await api.jobs.create(
      'export',
      { id: owner.id, name: owner.name, role: 'admin' },
      { projectId: project.id, params: { includeData: true } },
      false,
    );
    await api.close();

    const prisma = createPrismaClient(db.target);
    let second: Awaited<ReturnType<typeof buildApp>> | null = null;
    try {
      // A worker (this test's child) takes the job; it is killed as soon as it holds it.
      crash.child = (await startStudioChild('worker', db.dataDir, db.url, JOB_ENV)).child;
      const deadline = Date.now() + 30_000;
      let seen = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
      while (seen.status === 'queued' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
        seen = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
      }
      await killChild(crash.child);
      crash.child = null;
      const after = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(['running', 'succeeded']).toContain(after.status);
      // No row without its blob: a result is named only once it is stored.
      if (after.resultSha256)
        expect(existsSync(new BlobStore(db.dataDir).pathOf(after.resultSha256))).toBe(true);
      // No blob without its row after the sweep; no temp file left.
      const crashed = await sweptBlobState(prisma, db.dataDir);
      expect(crashed.unnamed).toEqual([]);
      expect(crashed.missing).toEqual([]);
      expect(crashed.temp).toEqual([]);

      // Another worker takes the job back once its lease expired (on the database's clock) and finishes it.
      second = await buildApp({
        databaseUrl: db.url,
        dataDir: db.dataDir,
        auth: 'local',
        workers: 1,
        jobSettings: JOBS,
      });
      await second.ready();
      const until = Date.now() + 30_000;
      let done = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
      while (!['succeeded', 'failed', 'interrupted'].includes(done.status) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        done = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
      }
      expect(done.status).toBe('succeeded');
      if (after.status === 'running') expect(done.attempt).toBe(2);
      // Done once: one export on the record, and its bundle stored.
      expect(
        await prisma.auditEvent.count({ where: { projectId: project.id, action: 'bundle.export' } }),
      ).toBe(1);
      const final = await sweptBlobState(prisma, db.dataDir);
      expect(final.unnamed).toEqual([]);
      expect(final.missing).toEqual([]);
      expect(final.report.orphansRemoved).toBe(0);
    } finally {
      await second?.close();
      await prisma.$disconnect();
    }
  }, 60_000);
});
