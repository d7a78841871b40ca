import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchPrediction, CreatedApiKey, Deployment, JobDto } from '@studio/api';
import { parseCsv, tableRow } from '@studio/data';
import { csvRecords } from '../serving/csv-records';
import { deriveInputSchema } from '../serving/input-schema';
import { demoCsvPath, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { trainHead } from '../test-support/trained-runs';

const csv = readFileSync(demoCsvPath);

describe.each(testProviders)('CSV batch scoring as a job on %s', (provider) => {
  let t: TestApp;
  let deployment: Deployment;
  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    const project = await t.app.prisma.project.findFirstOrThrow();
    const run = await trainHead(t.app, project.id);
    deployment = json<Deployment>(
      await t.app.inject({
        method: 'POST',
        url: `/api/runs/${run.id}/deploy`,
        payload: { slug: 'score-job' },
      }),
    );
  }, 60_000);
  afterAll(async () => t?.close());

  it('scores every row with progress, stores the scored CSV, and agrees with /v1 batch scoring', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/deployments/${deployment.id}/score-jobs`,
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(202);
    const deadline = Date.now() + 30_000;
    let job = json<JobDto>(res);
    expect(job).toMatchObject({ kind: 'score', status: 'queued' });
    while (['queued', 'running'].includes(job.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      job = json<JobDto>(await t.app.inject({ url: `/api/jobs/${job.id}` }));
    }
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.progress).toEqual({ phase: 'storing', done: 1000, total: 1000 });
    const result = await t.app.inject({ url: `/api/jobs/${job.id}/result` });
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^text\/csv/);
    const scored = parseCsv(result.rawPayload);
    expect(scored.rowCount).toBe(1000);

    // The same first 50 applicants through the API-key route: the same probabilities and scores.
    const table = parseCsv(csv);
    const records = [...csvRecords(deriveInputSchema(table, 'creditability'), table)]
      .slice(0, 50)
      .map(([, r]) => r);
    const key = json<CreatedApiKey>(
      await t.app.inject({ method: 'POST', url: `/api/deployments/${deployment.id}/keys` }),
    );
    const batch = json<BatchPrediction>(
      await t.app.inject({
        method: 'POST',
        url: '/v1/deployments/score-job/predict/batch',
        headers: { authorization: `Bearer ${key.key}` },
        payload: records,
      }),
    );
    for (let i = 0; i < 50; i++) {
      const row = tableRow(scored, i);
      expect(Number(row.row)).toBe(i);
      expect(Number(row.probability)).toBeCloseTo(batch.predictions[i]!.probability, 12);
      expect(Number(row.score)).toBe(batch.predictions[i]!.score);
      expect(String(row.riskBand)).toBe(batch.predictions[i]!.riskBand);
    }
  }, 60_000);

  it('a CSV without the model columns fails its job with INPUT_INVALID', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/deployments/${deployment.id}/score-jobs`,
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b\n1,2\n',
    });
    let job = json<JobDto>(res);
    const deadline = Date.now() + 30_000;
    while (['queued', 'running'].includes(job.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      job = json<JobDto>(await t.app.inject({ url: `/api/jobs/${job.id}` }));
    }
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('INPUT_INVALID');
  }, 30_000);
});
