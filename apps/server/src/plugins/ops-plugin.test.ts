import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey, Deployment, Project } from '@studio/api';
import { parseCsv } from '@studio/data';
import { openSqlConnection } from '../db/sql-connection';
import { MAX_SLUG_LABELS } from './ops-plugin';
import { repoRoot } from '../repo-paths';
import { csvRecords } from '../serving/csv-records';
import { deriveInputSchema } from '../serving/input-schema';
import { trainHead } from '../test-support/trained-runs';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

describe.each(testProviders)('health, readiness, metrics and a failing prediction log on %s', (provider) => {
  let t: TestApp;
  let predict: (id: string) => Promise<LightMyRequestResponse>;
  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    const projects = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' }));
    const run = await trainHead(t.app, projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id);
    const d = json<Deployment>(
      await t.app.inject({
        method: 'POST',
        url: `/api/runs/${run.id}/deploy`,
        payload: { slug: 'ops', logSampleRate: 1 },
      }),
    );
    const key = json<CreatedApiKey>(
      await t.app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys`, payload: { name: 'ops' } }),
    );
    const table = parseCsv(readFileSync(join(repoRoot, 'prisma', 'seed', 'german_credit.csv')));
    const first = csvRecords(deriveInputSchema(table, 'creditability'), table).next();
    const record = first.done ? {} : first.value[1];
    predict = (id) =>
      t.app.inject({
        method: 'POST',
        url: d.url,
        headers: { authorization: `Bearer ${key.key}`, 'x-request-id': id },
        payload: record,
      });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers /api/health and /api/ready while the database and the blob store are there', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(json(ready)).toEqual({ status: 'ready', database: 'ok', blobStore: 'ok', queue: 'ok' });
  });

  it('logs each answer before it is sent, and /metrics counts it per route and per deployment', async () => {
    const res = await predict('ops-1');
    expect(res.statusCode).toBe(200);
    // Committed before the answer: readable at once, with no flush.
    expect(await t.app.prisma.predictionLog.count({ where: { requestId: 'ops-1' } })).toBe(1);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/studio_predictions_total\{slug="ops",status="200"\} 1/);
    expect(metrics.body).toMatch(/studio_prediction_duration_seconds_count\{slug="ops"\} 1/);
    expect(metrics.body).toMatch(/studio_prediction_log_batch_rows_count 1/);
    expect(metrics.body).toMatch(/studio_prediction_log_commit_seconds_count 1/);
    expect(metrics.body).toMatch(
      /studio_http_requests_total\{method="GET",route="\/api\/ready",status="200"\} 1/,
    );
    expect(metrics.body).toMatch(
      /studio_http_request_duration_seconds_count\{method="POST",route="\/v1\/deployments\/:slug\/predict"\} 1/,
    );
  });

  it('keeps /metrics bounded when anyone sends predictions to slugs that do not exist', async () => {
    const junk = MAX_SLUG_LABELS + 50;
    for (let i = 0; i < junk; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/deployments/nope-${i}/predict`,
        payload: {},
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
    // A real deployment answering after the flood still has its own series.
    expect((await predict('ops-after-flood')).statusCode).toBe(200);
    const body = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const slugs = new Set([...body.matchAll(/studio_predictions_total\{slug="([^"]*)"/g)].map((m) => m[1]));
    expect(slugs.size).toBeLessThanOrEqual(MAX_SLUG_LABELS + 2);
    expect(slugs.has('(other)')).toBe(true);
    expect(body).toMatch(/studio_predictions_total\{slug="ops",status="200"\} 2/);
  });

  it('answers 503 with Retry-After when the log cannot be written, and /api/ready 503 without the blob store', async () => {
    const sql = await openSqlConnection(t.db.target);
    try {
      const table =
        t.db.target.provider === 'postgresql' ? `"${t.db.target.schema}"."PredictionLog"` : '"PredictionLog"';
      await sql.exec(`ALTER TABLE ${table} RENAME TO "PredictionLogAway"`);
    } finally {
      await sql.close();
    }
    const res = await predict('ops-2');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(json(res)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: 'ops-2' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/studio_prediction_log_failed_batches_total 1/);
    expect(metrics.body).toMatch(/studio_predictions_total\{slug="ops",status="503"\} 1/);

    rmSync(t.db.dataDir, { recursive: true, force: true });
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    expect(json(ready)).toMatchObject({ status: 'unavailable', database: 'ok' });
  });
});
