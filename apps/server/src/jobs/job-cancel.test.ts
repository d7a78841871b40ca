import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, JobDto, Project } from '@studio/api';
import { isStudioError } from '@studio/ir';
import { buildApp } from '../app';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

/** How long the slow executor runs at most when nothing stops it (bounded; a cancel stops it far sooner). */
const SLOW_MS = 40_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Cancelling jobs (issue #11) across two replicas on one database: the worker replica runs exports (a
 * slow export executor writing progress every 50 ms stands in for a long bundle, on the real queue, leases
 * and database), the API replica (no workers) cancels them. On PostgreSQL the cancel travels by the runs'
 * NOTIFY channel; on SQLite the holder hears the flag at its heartbeat.
 */
describe.each(testProviders)('cancelling jobs on %s', (provider) => {
  let worker: TestApp;
  let api: FastifyInstance;
  /** How each run of the slow executor ended, by job id. */
  const ended = new Map<string, string>();
  const jobSettings = { heartbeatMs: 200, leaseMs: 5_000, maxAttempts: 1 };

  beforeAll(async () => {
    worker = await createTestApp(provider, {
      workers: 1,
      jobSettings,
      beforeReady: (app) =>
        app.jobs.register('export', async (ctx) => {
          const deadline = Date.now() + SLOW_MS;
          try {
            for (let i = 0; Date.now() < deadline; i++) {
              await ctx.progress({ phase: 'slow', done: i, total: 1_000_000 });
              await sleep(50);
            }
            ended.set(ctx.job.id, 'ran out');
          } catch (e) {
            ended.set(ctx.job.id, isStudioError(e) ? e.code : String(e));
            throw e;
          }
        }),
    });
    api = await buildApp({
      databaseUrl: worker.db.url,
      dataDir: worker.db.dataDir,
      logger: false,
      auth: 'local',
      workers: 0,
      jobSettings,
    });
    await api.ready();
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  const startExport = async (projectId: string): Promise<JobDto> => {
    const res = await worker.app.inject({ method: 'POST', url: `/api/projects/${projectId}/bundle/jobs` });
    expect(res.statusCode, res.body).toBe(202);
    return json<JobDto>(res);
  };
  const jobOf = async (id: string): Promise<JobDto> =>
    json<JobDto>(await api.inject({ url: `/api/jobs/${id}` }));
  const untilRunning = async (id: string): Promise<JobDto> => {
    const deadline = Date.now() + 30_000;
    let job = await jobOf(id);
    while ((job.status !== 'running' || !job.progress) && Date.now() < deadline) {
      await sleep(50);
      job = await jobOf(id);
    }
    expect(job.status).toBe('running');
    return job;
  };

  it('cancels a running job from the other replica, and a queued one, and refuses one that has ended', async () => {
    const project = json<Project>(
      await worker.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Cancel me' } }),
    );
    const running = await startExport(project.id);
    await untilRunning(running.id);
    // One worker slot: the second export waits in the queue.
    const queued = await startExport(project.id);
    expect((await jobOf(queued.id)).status).toBe('queued');

    const before = Date.now();
    const res = await api.inject({ method: 'POST', url: `/api/jobs/${running.id}/cancel` });
    expect(res.statusCode, res.body).toBe(200);
    const stopped = json<JobDto>(res);
    expect(stopped).toMatchObject({ status: 'cancelled', error: { code: 'JOB_CANCELLED' } });
    expect(stopped.error!.message).toContain('Cancelled by');
    // The executor itself was stopped (at a progress write), well before it would have run out.
    expect(ended.get(running.id)).toBe('JOB_CANCELLED');
    expect(Date.now() - before).toBeLessThan(SLOW_MS / 2);

    // The second: cancelled where it waits, or stopped if the freed slot has just claimed it.
    const q = json<JobDto>(await api.inject({ method: 'POST', url: `/api/jobs/${queued.id}/cancel` }));
    expect(q.status).toBe('cancelled');

    const again = await api.inject({ method: 'POST', url: `/api/jobs/${running.id}/cancel` });
    expect(again.statusCode).toBe(409);
    expect(json(again).code).toBe('JOB_NOT_ACTIVE');
    const events = json<AuditEvent[]>(await api.inject({ url: '/api/audit?action=job.cancel' }));
    expect(events.map((e) => e.targetId).sort()).toEqual([running.id, queued.id].sort());
  }, 90_000);

  it('deleting a project cancels its running and queued jobs', async () => {
    const project = json<Project>(
      await worker.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Doomed jobs' } }),
    );
    const running = await startExport(project.id);
    await untilRunning(running.id);
    const queued = await startExport(project.id);

    const res = await api.inject({ method: 'DELETE', url: `/api/projects/${project.id}` });
    expect(res.statusCode, res.body).toBe(204);
    for (const id of [running.id, queued.id]) {
      const row = await api.prisma.job.findUniqueOrThrow({ where: { id } });
      expect(row.status, id).toBe('cancelled');
      expect((row.error as { code: string }).code).toBe('JOB_CANCELLED');
      expect((row.error as { message: string }).message).toContain('project was deleted');
    }
    expect(ended.get(running.id)).toBe('JOB_CANCELLED');
    const [event] = json<AuditEvent[]>(
      await api.inject({ url: `/api/audit?projectId=${project.id}&action=project.delete` }),
    );
    expect(event!.changes).toContain('2 active jobs cancelled');
  }, 90_000);
});
