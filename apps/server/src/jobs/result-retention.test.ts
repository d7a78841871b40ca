import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDto } from '@studio/api';
import { sweepBlobs } from '../blobs/blob-sweep';
import { leaseSettingsFromEnv } from '../runs/run-lease';
import { seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const HOUR = 60 * 60 * 1000;

/** Polls a job until it has finished (bounded). */
async function finished(t: TestApp, jobId: string, ms = 30_000): Promise<JobDto> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = json<JobDto>(await t.app.inject({ url: `/api/jobs/${jobId}` }));
    if (!['queued', 'running'].includes(job.status) || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('STUDIO_JOB_RESULT_RETENTION_MS', () => {
  it('is read like the other job settings: default 7 days, 0 keeps results, nonsense ignored', () => {
    expect(leaseSettingsFromEnv({}).resultRetentionMs).toBe(7 * 24 * HOUR);
    expect(leaseSettingsFromEnv({ STUDIO_JOB_RESULT_RETENTION_MS: '3600000' }).resultRetentionMs).toBe(HOUR);
    expect(leaseSettingsFromEnv({ STUDIO_JOB_RESULT_RETENTION_MS: '0' }).resultRetentionMs).toBe(0);
    expect(leaseSettingsFromEnv({ STUDIO_JOB_RESULT_RETENTION_MS: '' }).resultRetentionMs).toBe(
      7 * 24 * HOUR,
    );
    expect(leaseSettingsFromEnv({ STUDIO_JOB_RESULT_RETENTION_MS: '-5' }).resultRetentionMs).toBe(
      7 * 24 * HOUR,
    );
  });
});

describe.each(testProviders)('job results released after the retention period on %s', (provider) => {
  let t: TestApp;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestApp(provider, { jobSettings: { resultRetentionMs: HOUR } });
    await seedDemo(t.app);
    projectId = (await t.app.prisma.project.findFirstOrThrow({ select: { id: true } })).id;
  }, 60_000);
  afterAll(async () => t?.close());

  const exportJob = async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/bundle/jobs` });
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(t, json<JobDto>(res).id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    return job;
  };

  it('an old result expires (410 JOB_RESULT_EXPIRED, blob swept); a recent one is kept', async () => {
    const old = await exportJob();
    const recent = await exportJob();
    expect(old.result!.sha256).not.toBe(recent.result!.sha256);
    expect((await t.app.inject({ url: `/api/jobs/${old.id}/result` })).statusCode).toBe(200);

    // Nothing is due yet: both results stay.
    expect(await t.app.jobs.expireResults()).toBe(0);

    // The old job finished two hours ago (its result is past the one-hour retention).
    await t.app.prisma.job.update({
      where: { id: old.id },
      data: { finishedAt: new Date(Date.now() - 2 * HOUR) },
    });
    await t.app.jobs.expireResults();

    const gone = json<JobDto>(await t.app.inject({ url: `/api/jobs/${old.id}` }));
    expect(gone).toMatchObject({ status: 'expired', result: null });
    expect(gone.error?.code).toBe('JOB_RESULT_EXPIRED');
    const res = await t.app.inject({ url: `/api/jobs/${old.id}/result` });
    expect(res.statusCode).toBe(410);
    expect(json<{ code: string }>(res).code).toBe('JOB_RESULT_EXPIRED');
    expect(json<{ message: string }>(res).message).toMatch(/Export the project again/);
    // An expired job is not active: nothing to cancel.
    expect((await t.app.inject({ method: 'POST', url: `/api/jobs/${old.id}/cancel` })).statusCode).toBe(409);

    // The blob sweep (no grace here) deletes the released blob and keeps the recent job's.
    const blobs = t.app.datasets.blobs;
    expect(existsSync(blobs.pathOf(old.result!.sha256))).toBe(true);
    await sweepBlobs(t.app.prisma, blobs, 0);
    expect(existsSync(blobs.pathOf(old.result!.sha256))).toBe(false);
    expect(existsSync(blobs.pathOf(recent.result!.sha256))).toBe(true);
    const kept = await t.app.inject({ url: `/api/jobs/${recent.id}/result` });
    expect(kept.statusCode).toBe(200);
    expect(json<JobDto>(await t.app.inject({ url: `/api/jobs/${recent.id}` })).status).toBe('succeeded');
  }, 90_000);
});
