import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDto, Project, ProjectDetail } from '@studio/api';
import { seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

/** Polls a job until it has finished (bounded). */
async function finished(t: TestApp, jobId: string, ms = 30_000): Promise<JobDto> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = json<JobDto>(await t.app.inject({ url: `/api/jobs/${jobId}` }));
    if (!['queued', 'running'].includes(job.status) || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exportEvents = (t: TestApp, projectId: string) =>
  t.app.prisma.auditEvent.count({ where: { projectId, action: 'bundle.export' } });

describe.each(testProviders)('bundle export and import as jobs on %s', (provider) => {
  let t: TestApp;
  let demo: { id: string; name: string };
  beforeAll(async () => {
    t = await createTestApp(provider, { jobSettings: { leaseMs: 1000, heartbeatMs: 200, maxAttempts: 2 } });
    await seedDemo(t.app);
    demo = await t.app.prisma.project.findFirstOrThrow({ select: { id: true, name: true } });
  }, 60_000);
  afterAll(async () => t?.close());

  it('exports as a job a worker runs: 202, progress, then the zip from /result; a second delivery does nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${demo.id}/bundle/jobs` });
    expect(res.statusCode, res.body).toBe(202);
    const queued = json<JobDto>(res);
    expect(queued).toMatchObject({ kind: 'export', status: 'queued', projectId: demo.id, result: null });
    const before = await exportEvents(t, demo.id);
    const job = await finished(t, queued.id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.attempt).toBe(1);
    expect(job.progress?.phase).toBe('storing');
    const zip = await t.app.inject({ url: `/api/jobs/${job.id}/result` });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(createHash('sha256').update(zip.rawPayload).digest('hex')).toBe(job.result!.sha256);
    expect(await exportEvents(t, demo.id)).toBe(before + 1);

    // Idempotent by job id: the queue delivering the job again finds it claimed and does nothing.
    await t.app.jobs.work({ kind: 'export', id: job.id });
    expect(json<JobDto>(await t.app.inject({ url: `/api/jobs/${job.id}` }))).toEqual(job);
    expect(await exportEvents(t, demo.id)).toBe(before + 1);

    // …and the import of that zip is a job too, whose result is the new project.
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/projects/import/jobs',
      headers: { 'content-type': 'application/zip' },
      payload: zip.rawPayload,
    });
    expect(imp.statusCode, imp.body).toBe(202);
    const imported = await finished(t, json<JobDto>(imp).id);
    expect(imported.status, JSON.stringify(imported)).toBe('succeeded');
    const project = json<ProjectDetail>(await t.app.inject({ url: `/api/projects/${imported.projectId}` }));
    expect(project.name).toBe(demo.name);
    // The uploaded zip is no longer named by the finished job (the sweep may remove it).
    expect((await t.app.prisma.job.findUniqueOrThrow({ where: { id: imported.id } })).inputSha256).toBeNull();
    const again = await t.app.inject({ url: `/api/jobs/${imported.id}/result` });
    expect(again.statusCode).toBe(409);
    expect(json(again).code).toBe('JOB_NOT_DONE');
  }, 60_000);

  it('a refused import fails its job with the code the synchronous import answers', async () => {
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/projects/import/jobs',
      headers: { 'content-type': 'application/zip' },
      payload: Buffer.from('not a zip at all'),
    });
    const job = await finished(t, json<JobDto>(imp).id);
    expect(job.status).toBe('failed');
    const sync = await t.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      headers: { 'content-type': 'application/zip' },
      payload: Buffer.from('not a zip at all'),
    });
    expect(job.error?.code).toBe(json(sync).code);
    expect(sync.statusCode).toBeGreaterThanOrEqual(400);
  }, 30_000);

  it('an export job whose project was deleted ends cleanly: cancelled by the deletion, nothing stored', async () => {
    const p = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Gone before export' } }),
    );
    // Created claimed by a holder that does not run it yet, so the deletion lands first.
    const owner = await t.app.prisma.user.findFirstOrThrow();
    const actor = { id: owner.id, name: owner.name, role: 'admin' as const };
    const job = await t.app.jobs.create('export', actor, { projectId: p.id }, true);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/projects/${p.id}` })).statusCode).toBeLessThan(
      300,
    );
    await expect(t.app.jobs.runHere(job.id)).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    const row = await t.app.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: 'cancelled', resultSha256: null, leaseOwner: null });
    expect(row.error).toMatchObject({
      code: 'JOB_CANCELLED',
      message: 'Cancelled: its project was deleted.',
    });
  }, 30_000);

  it('a job whose holder died is taken back when its lease expires on the database clock, and succeeds on retry', async () => {
    const owner = await t.app.prisma.user.findFirstOrThrow();
    // A holder that never heartbeats (as if killed): its lease ran out a while ago.
    const dead = await t.app.prisma.job.create({
      data: {
        kind: 'export',
        projectId: demo.id,
        status: 'running',
        createdById: owner.id,
        attempt: 1,
        maxAttempts: 2,
        leaseOwner: 'dead-worker#1',
        leaseExpiresAt: new Date(Date.now() - 60_000),
        params: {},
      },
    });
    const job = await finished(t, dead.id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.attempt).toBe(2);
    expect(existsSync(t.app.datasets.blobs.pathOf(job.result!.sha256))).toBe(true);
  }, 30_000);
});
