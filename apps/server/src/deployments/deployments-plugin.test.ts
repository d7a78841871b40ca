import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@studio/data';
import type {
  AuditEvent,
  BatchPrediction,
  CreatedApiKey,
  Deployment,
  DeploymentStats,
  LoggedPrediction,
  Prediction,
  ProjectDetail,
  Run,
} from '@studio/api';
import { demoCsvPath, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { csvRecords } from '../serving/csv-records';
import { deriveInputSchema } from '../serving/input-schema';
import { exampleRecord } from './openapi-document';
import { trainDemoModels, trainHead } from '../test-support/trained-runs';

/** The first German credit record as a request body: the target dropped, read as the server reads CSVs. */
function firstApplicant(): Record<string, unknown> {
  const table = parseCsv(readFileSync(demoCsvPath));
  const first = csvRecords(deriveInputSchema(table, 'creditability'), table).next();
  return first.done ? {} : first.value[1];
}

describe.each(testProviders)('deployments on %s', (provider) => {
  let t: TestApp;
  let demo: ProjectDetail;
  let logistic: Run;
  let scorecard: Run;
  let v1: Deployment;
  let v2: Deployment;
  let key: CreatedApiKey;
  const applicant = firstApplicant();

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    ({ demo, logistic, scorecard } = await trainDemoModels(t.app));
  }, 120_000);
  afterAll(async () => t?.close());

  const deploy = (runId: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/runs/${runId}/deploy`, payload });
  const predict = (payload: unknown, headers: Record<string, string> = {}, path = '') =>
    t.app.inject({
      method: 'POST',
      url: `/v1/deployments/german-demo/predict${path}`,
      headers: {
        authorization: `Bearer ${key.key}`,
        ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: payload as string | object,
    });

  it('deploys trained runs as versions of one slug with an input schema from the dataset', async () => {
    expect([logistic.status, scorecard.status]).toEqual(['succeeded', 'succeeded']);
    const first = await deploy(logistic.id, { slug: 'german-demo' });
    expect(first.statusCode, first.body).toBe(201);
    v1 = json<Deployment>(first);
    expect(v1).toMatchObject({ slug: 'german-demo', version: 1, status: 'active', runtime: 'native' });
    expect(v1.artifactHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.inputSchema).toHaveLength(20);
    expect(v1.inputSchema.find((f) => f.name === 'age_in_years')).toEqual({
      name: 'age_in_years',
      type: 'numeric',
      nullable: false,
      min: 19,
      max: 75,
      used: true,
      reference: 33,
    });
    expect(v1.inputSchema.find((f) => f.name === 'foreign_worker')).toMatchObject({
      type: 'boolean',
      words: { true: 'yes', false: 'no' },
    });
    expect(v1.strict).toBe(false);
    expect(v1.inputSchema.find((f) => f.name === 'purpose')!.categories).toContain('radio/television');
    expect(v1.inputSchema.some((f) => f.name === 'creditability')).toBe(false);

    const second = await deploy(scorecard.id, { slug: 'german-demo' });
    expect(second.statusCode, second.body).toBe(201);
    v2 = json<Deployment>(second);
    expect(v2).toMatchObject({ version: 2, status: 'active' });
    expect(v2.artifactHash).not.toBe(v1.artifactHash);
    const listed = json<Deployment[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/deployments` }),
    );
    expect(listed.map((d) => [d.version, d.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
  });

  it('refuses to deploy a run that did not train (409) or an unknown run (404)', async () => {
    // A run that fails: the WOE template on a target with more than two values.
    const made = json<ProjectDetail>(
      await t.app.inject({
        method: 'POST',
        url: '/api/projects/from-template',
        payload: { templateId: 'woe-scorecard', name: 'Failing' },
      }),
    );
    const graph = structuredClone(made.head!.graph);
    const ds = graph.nodes.find((n) => n.op === 'dataset')!;
    ds.params = { ...ds.params, target: 'purpose' };
    const saved = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${made.id}/graph`,
      payload: { graph, baseVersionId: made.head!.id },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const failed = await trainHead(t.app, made.id);
    expect(failed.status).toBe('failed');
    const res = await deploy(failed.id);
    expect(res.statusCode).toBe(409);
    expect(json(res).code).toBe('RUN_NOT_TRAINED');
    expect((await deploy('nope')).statusCode).toBe(404);
  });

  it('answers 401 without a key or with a wrong one, then predicts with reason codes', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/deployments/${v2.id}/keys`,
      payload: { name: 'tests' },
    });
    expect(created.statusCode, created.body).toBe(201);
    key = json<CreatedApiKey>(created);
    expect(key.key).toMatch(/^sk_/);
    const listed = await t.app.inject({ method: 'GET', url: `/api/deployments/${v1.id}/keys` });
    expect(listed.body).not.toContain(key.key);
    expect(json<unknown[]>(listed)).toHaveLength(1);

    const none = await t.app.inject({
      method: 'POST',
      url: '/v1/deployments/german-demo/predict',
      payload: applicant,
    });
    expect(none.statusCode).toBe(401);
    expect(json(none).code).toBe('API_KEY_MISSING');
    const wrong = await predict(applicant, { authorization: 'Bearer sk_wrong' });
    expect(wrong.statusCode).toBe(401);
    expect(json(wrong).code).toBe('API_KEY_INVALID');

    const res = await predict(applicant, { 'x-request-id': 'req-1' });
    expect(res.statusCode, res.body).toBe(200);
    const p = json<Prediction>(res);
    expect(p.probability).toBeGreaterThan(0);
    expect(p.probability).toBeLessThan(1);
    expect(p.riskBand).toMatch(/^[A-E]$/);
    expect(p.reasons.length).toBeGreaterThan(0);
    expect(p.reasons.length).toBeLessThanOrEqual(4);
    for (const r of p.reasons)
      expect(r).toMatchObject({ code: expect.any(String), points: expect.any(Number) });
    expect(p.model).toEqual({ name: v2.name, version: 2, artifactHash: v2.artifactHash });
    expect(p.requestId).toBe('req-1');
  });

  it('names each wrong field: missing, extra, ill-typed, NaN, strings in numbers, unknown category', async () => {
    const lenient = await predict({ ...applicant, age_in_years: '67', shoe_size: 44 });
    expect(lenient.statusCode, lenient.body).toBe(200);
    const strict = await t.app.inject({
      method: 'PATCH',
      url: `/api/deployments/${v2.id}`,
      payload: { strict: true },
    });
    expect(json<Deployment>(strict).strict).toBe(true);
    const cases: [unknown, { field: string; problem: string }[]][] = [
      [{ ...applicant, age_in_years: undefined }, [{ field: 'age_in_years', problem: 'missing' }]],
      [{ ...applicant, shoe_size: 44 }, [{ field: 'shoe_size', problem: 'extra' }]],
      [{ ...applicant, age_in_years: '67' }, [{ field: 'age_in_years', problem: 'wrong_type' }]],
      [{ ...applicant, credit_amount: 'NaN' }, [{ field: 'credit_amount', problem: 'wrong_type' }]],
      [{ ...applicant, purpose: 42 }, [{ field: 'purpose', problem: 'wrong_type' }]],
      [{ ...applicant, purpose: 'yacht' }, [{ field: 'purpose', problem: 'unknown_category' }]],
      [{ ...applicant, age_in_years: null }, [{ field: 'age_in_years', problem: 'not_nullable' }]],
      [[applicant], [{ field: '(body)', problem: 'wrong_type' }]],
    ];
    for (const [body, fields] of cases) {
      const res = await predict(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(json(res)).toMatchObject({ code: 'INPUT_INVALID', fields });
      expect(json(res).message).toContain(fields[0]!.field);
    }
    const huge = JSON.stringify(applicant).replace('"age_in_years":67', '"age_in_years":1e999');
    const inf = await predict(huge);
    expect(json(inf)).toMatchObject({ fields: [{ field: 'age_in_years', problem: 'not_finite' }] });
    const malformed = await predict('{"age_in_years": NaN}');
    expect(malformed.statusCode).toBe(400);
    expect(json(malformed).code).toBe('MALFORMED_JSON');
    await t.app.inject({ method: 'PATCH', url: `/api/deployments/${v2.id}`, payload: { strict: false } });
  });

  it('scores batches in order, refuses one over the limit, and scores an uploaded CSV with progress', async () => {
    const single = json<Prediction>(await predict(applicant));
    const older = { ...applicant, age_in_years: 30 };
    const res = await predict([applicant, older, applicant], {}, '/batch');
    expect(res.statusCode, res.body).toBe(200);
    const batch = json<BatchPrediction>(res);
    expect(batch.predictions).toHaveLength(3);
    expect(batch.predictions[0]!.probability).toBe(single.probability);
    expect(batch.predictions[2]).toEqual(batch.predictions[0]);
    const bad = await predict([applicant, { ...applicant, duration_in_month: 'six' }], {}, '/batch');
    expect(json(bad)).toMatchObject({
      code: 'INPUT_INVALID',
      fields: [{ field: '[1].duration_in_month', problem: 'wrong_type' }],
    });
    const over = await predict(
      Array.from({ length: 1001 }, () => applicant),
      {},
      '/batch',
    );
    expect(over.statusCode).toBe(400);
    expect(json(over).code).toBe('BATCH_TOO_LARGE');

    const csv = await t.app.inject({
      method: 'POST',
      url: '/v1/deployments/german-demo/predict/csv',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'text/csv' },
      payload: readFileSync(demoCsvPath),
    });
    expect(csv.statusCode, csv.body.slice(0, 300)).toBe(200);
    expect(csv.headers['content-type']).toContain('application/x-ndjson');
    const lines = csv.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; row?: number; probability?: number });
    expect(lines.filter((l) => l.type === 'row')).toHaveLength(1000);
    expect(lines.filter((l) => l.type === 'progress').map((l) => (l as { done?: number }).done)).toEqual([
      500, 1000,
    ]);
    expect(lines.at(-1)).toEqual({ type: 'done', rows: 1000, failed: 0 });
    expect(lines.find((l) => l.row === 0)!.probability).toBe(single.probability);
  });

  it('logs predictions with inputs, output and version, and reports traffic, latency and PSI', async () => {
    const logged = json<LoggedPrediction[]>(
      await t.app.inject({ method: 'GET', url: `/api/deployments/${v2.id}/predictions?limit=5000` }),
    );
    const one = logged.find((l) => l.requestId === 'req-1')!;
    expect(one.version).toBe(2);
    // Only the columns the model reads are checked, scored and logged.
    const used = new Set(v2.inputSchema.filter((f) => f.used).map((f) => f.name));
    expect(one.inputs).toEqual(Object.fromEntries(Object.entries(applicant).filter(([k]) => used.has(k))));
    expect(one.output).toMatchObject({ requestId: 'req-1', model: { version: 2 } });
    const stats = json<DeploymentStats>(
      await t.app.inject({ method: 'GET', url: `/api/deployments/${v2.id}/stats` }),
    );
    expect(stats.requests).toBe(logged.length);
    expect(stats.requests).toBeGreaterThan(1000);
    expect(stats.latencyMs!.p99).toBeGreaterThanOrEqual(stats.latencyMs!.p50);
    const age = stats.psi.find((x) => x.field === 'age_in_years')!;
    // The CSV upload replayed the training data, so the live inputs barely shift.
    expect(age.psi).toBeLessThan(0.05);
    expect(age.sample).toBeGreaterThanOrEqual(stats.psiMinSample);
    expect(stats).toMatchObject({ psiMinSample: 500, psiSample: Math.min(stats.requests, 10_000) });
  });

  it('serves the example of its OpenAPI document, which carries a curl line', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/deployments/${v2.id}/openapi` });
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, { post: Record<string, unknown> }> }>(res);
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/v1/deployments/german-demo/predict']!.post;
    expect(op['x-curl-example']).toContain("curl -X POST 'http://");
    expect((await predict(exampleRecord(v2.inputSchema))).statusCode).toBe(200);
    const studioDoc = json<{ paths: Record<string, Record<string, unknown>> }>(
      await t.app.inject({ method: 'GET', url: '/api/docs/json' }),
    );
    for (const [method, path] of [
      ['post', '/api/runs/{runId}/deploy'],
      ['post', '/v1/deployments/{slug}/predict'],
      ['post', '/v1/deployments/{slug}/predict/batch'],
      ['get', '/api/deployments/{deploymentId}/stats'],
      ['get', '/api/projects/{projectId}/bundle'],
      ['post', '/api/projects/import'],
    ])
      expect(studioDoc.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();
  });

  it('rolls back, promotes, revokes keys (403) and undeploys (404), each audited', async () => {
    const back = await t.app.inject({
      method: 'POST',
      url: `/api/deployments/${v2.id}/rollback`,
      payload: {},
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(json<Deployment>(back)).toMatchObject({ version: 1, status: 'active' });
    const p1 = json<Prediction>(await predict(applicant));
    expect(p1.model.version).toBe(1);
    // The plain logistic model answers with Shapley reason codes over its input columns.
    expect(p1.reasons.length).toBeLessThanOrEqual(4);
    for (const r of p1.reasons) expect(r.points).toBeGreaterThan(0);
    const none = await t.app.inject({
      method: 'POST',
      url: `/api/deployments/${v2.id}/rollback`,
      payload: {},
    });
    expect(none.statusCode).toBe(409);
    const again = await t.app.inject({ method: 'POST', url: `/api/deployments/${v2.id}/promote` });
    expect(json<Deployment>(again).status).toBe('active');
    expect(json<Prediction>(await predict(applicant)).model.version).toBe(2);

    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/deployments/${v2.id}/keys/${key.id}/revoke`,
    });
    expect(json(revoked).revokedAt).toBeTruthy();
    const refused = await predict(applicant);
    expect(refused.statusCode).toBe(403);
    expect(json(refused).code).toBe('API_KEY_REVOKED');

    const renewed = await t.app.inject({ method: 'POST', url: `/api/deployments/${v2.id}/keys` });
    expect(renewed.statusCode, renewed.body).toBe(201);
    key = json<CreatedApiKey>(renewed);
    expect((await predict(applicant)).statusCode).toBe(200);
    const gone = await t.app.inject({ method: 'POST', url: `/api/deployments/${v2.id}/undeploy` });
    expect(json<Deployment>(gone).status).toBe('retired');
    const after = await predict(applicant);
    expect(after.statusCode).toBe(404);
    expect(json(after).code).toBe('DEPLOYMENT_NOT_FOUND');

    const audit = json<AuditEvent[]>(
      await t.app.inject({ method: 'GET', url: `/api/audit?projectId=${demo.id}&limit=200` }),
    );
    const actions = audit.map((e) => e.action).filter((a) => a.startsWith('deployment.'));
    expect(actions.reverse()).toEqual([
      'deployment.deploy',
      'deployment.deploy',
      'deployment.key.create',
      // strict input checking on, then off again (the field-problem test)
      'deployment.update',
      'deployment.update',
      'deployment.rollback',
      'deployment.promote',
      'deployment.key.revoke',
      'deployment.key.create',
      'deployment.undeploy',
    ]);
  });
});
