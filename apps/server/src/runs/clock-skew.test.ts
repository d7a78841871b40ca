import { describe, expect, it } from 'vitest';
import type { Run } from '@studio/api';
import { buildApp } from '../app';
import { createPrismaClient } from '../db/prisma-client';
import { dbClock } from '../jobs/db-clock';
import { seedDemo } from '../seed/seed';
import { crashTestState, killChild, startStudioChild } from '../test-support/crash-harness';
import { json } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const HOUR = 3_600_000;
const LEASE = { STUDIO_JOB_LEASE_MS: '3000', STUDIO_JOB_HEARTBEAT_MS: '200', STUDIO_JOB_ATTEMPTS: '2' };

/**
 * Leases are written and judged on the database's clock: a worker on a machine whose clock runs an hour
 * ahead does not take a live lease back, and one whose clock runs an hour behind does not write a lease that
 * is already expired for everyone else.
 */
describe.each(testProviders)('leases on the database clock on %s', (provider) => {
  const crash = crashTestState(provider);

  it('a worker with a skewed clock neither steals a live lease nor writes an expired one', async () => {
    const db = await crash.database();
    const api = await buildApp({ databaseUrl: db.url, dataDir: db.dataDir, auth: 'local', workers: 0 });
    await api.ready();
    const prisma = createPrismaClient(db.target);
    const now = dbClock(prisma, db.target.provider);
    try {
      await seedDemo(api);
      const projectId = (await api.prisma.project.findFirstOrThrow()).id;
      const start = async () =>
        json<Run>(await api.inject({ method: 'POST', url: `/api/projects/${projectId}/runs`, payload: {} }));

      // A run held by a healthy worker elsewhere: its lease runs 60 s past the database's now.
      const held = await start();
      const until = new Date((await now()).getTime() + 60_000);
      await prisma.run.update({
        where: { id: held.id },
        data: { status: 'running', attempt: 1, leaseOwner: 'live-elsewhere#1', leaseExpiresAt: until },
      });
      // A worker whose clock is an hour ahead starts (it sweeps at once) and beats several times.
      crash.child = (
        await startStudioChild('worker', db.dataDir, db.url, {
          ...LEASE,
          STUDIO_TEST_CLOCK_SKEW_MS: String(HOUR),
        })
      ).child;
      await new Promise((r) => setTimeout(r, 1500));
      expect(await prisma.run.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({
        status: 'running',
        attempt: 1,
        leaseOwner: 'live-elsewhere#1',
        leaseExpiresAt: until,
      });
      await killChild(crash.child);
      crash.child = null;
      // The killed worker's row (it never left the table) is not what the live-worker count below is about.
      await prisma.jobWorker.deleteMany();
      await prisma.run.update({
        where: { id: held.id },
        data: { status: 'cancelled', leaseOwner: null, leaseExpiresAt: null },
      });

      // A worker whose clock is an hour behind takes a run: its lease expires after the database's now.
      const queued = await start();
      const started = await startStudioChild('worker', db.dataDir, db.url, {
        ...LEASE,
        STUDIO_TEST_CLOCK_SKEW_MS: String(-HOUR),
      });
      crash.child = started.child;
      // It counts as a live worker for a replica on a true clock: its heartbeat is written on the database's.
      const metrics = (await api.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toMatch(/studio_job_workers_live 1\b/);
      const deadline = Date.now() + 30_000;
      let seen = await prisma.run.findUniqueOrThrow({ where: { id: queued.id } });
      while (seen.status === 'queued' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
        seen = await prisma.run.findUniqueOrThrow({ where: { id: queued.id } });
      }
      if (seen.status === 'running') {
        expect(seen.leaseOwner).toContain(String(started.ready.worker));
        expect(seen.leaseExpiresAt!.getTime()).toBeGreaterThan((await now()).getTime());
      }
      // It trains to the end on its first attempt: nobody took its lease back.
      let done = seen;
      while (['queued', 'running'].includes(done.status) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        done = await prisma.run.findUniqueOrThrow({ where: { id: queued.id } });
      }
      expect(done).toMatchObject({ status: 'succeeded', attempt: 1 });
      expect(seen.status).not.toBe('queued');
    } finally {
      await prisma.$disconnect();
      await api.close();
    }
  }, 60_000);
});
