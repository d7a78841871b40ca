import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BatchPrediction,
  CreatedApiKey,
  Deployment,
  Prediction,
  Project,
  ProjectDetail,
  Run,
} from '@studio/api';
import { parseCsv } from '@studio/data';
import { graphOf } from '@studio/pipeline';
import { readFileSync } from 'node:fs';
import { DEMO_PROJECT_NAME, demoCsvPath, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { csvRecords } from '../serving/csv-records';
import { deriveInputSchema } from '../serving/input-schema';
import { trainHead } from '../test-support/trained-runs';

const table = parseCsv(readFileSync(demoCsvPath));
const fields = deriveInputSchema(table, 'creditability');
const applicants = [...csvRecords(fields, table)].slice(0, 40).map(([, r]) => r);

function gbmGraph(datasetId: string, gbm: Record<string, unknown> = {}) {
  return graphOf(
    'GBM',
    [
      ['dataset', 'dataset', { datasetId, target: 'creditability' }],
      ['split', 'split', { testFraction: 0.3, method: 'stratified', seed: 42 }],
      ['gbm', 'gradient-boosting', { trees: 60, maxLeaves: 15, ...gbm }],
      ['evaluate', 'evaluate'],
    ],
    [
      ['dataset.table', 'split.table'],
      ['split.train', 'gbm.table'],
      ['gbm.model', 'evaluate.model'],
      ['split.test', 'evaluate.table'],
    ],
  );
}

describe.each(testProviders)('Gradient Boosting runs and deployments on %s', (provider) => {
  let t: TestApp;
  let fresh: TestApp;
  let demo: ProjectDetail;
  let run: Run;

  const saveGraph = async (app: TestApp, graph: unknown) =>
    app.app.inject({
      method: 'POST',
      url: `/api/projects/${demo.id}/graph`,
      payload: { graph, baseVersionId: demo.head!.id },
    });

  const deploy = async (app: TestApp, runId: string, payload: object) =>
    app.app.inject({ method: 'POST', url: `/api/runs/${runId}/deploy`, payload });

  async function keyFor(app: TestApp, d: Deployment): Promise<string> {
    return json<CreatedApiKey>(await app.app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys` }))
      .key;
  }

  async function predictAll(app: TestApp, slug: string, key: string) {
    const headers = { authorization: `Bearer ${key}` };
    const single: Prediction[] = [];
    for (const a of applicants) {
      const res = await app.app.inject({
        method: 'POST',
        url: `/v1/deployments/${slug}/predict`,
        headers,
        payload: a,
      });
      expect(res.statusCode, res.body).toBe(200);
      single.push(json<Prediction>(res));
    }
    const batch = await app.app.inject({
      method: 'POST',
      url: `/v1/deployments/${slug}/predict/batch`,
      headers,
      payload: applicants,
    });
    expect(batch.statusCode, batch.body).toBe(200);
    return { single, batch: json<BatchPrediction>(batch) };
  }

  beforeAll(async () => {
    t = await createTestApp(provider);
    fresh = await createTestApp(provider);
    await seedDemo(t.app);
    const projects = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' }));
    const id = projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id;
    demo = json<ProjectDetail>(await t.app.inject({ method: 'GET', url: `/api/projects/${id}` }));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fresh?.close();
  });

  it('answers 422 with field errors before anything runs: unknown constraint column, learning rate 0, zero trees', async () => {
    const datasetId = String(demo.head!.graph.nodes.find((n) => n.op === 'dataset')!.params.datasetId);
    for (const [params, field] of [
      [{ monotoneIncreasing: ['salary'] }, 'monotoneIncreasing'],
      [{ learningRate: 0 }, 'learningRate'],
      [{ trees: 0 }, 'trees'],
    ] as const) {
      const res = await saveGraph(t, gbmGraph(datasetId, params));
      expect(res.statusCode, res.body).toBe(422);
      const body = json<{ diagnostics: { nodeId?: string; param?: string }[] }>(res);
      expect(body.diagnostics).toContainEqual(expect.objectContaining({ nodeId: 'gbm', param: field }));
    }
    const runs = json<Run[]>(await t.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/runs` }));
    expect(runs).toEqual([]);
  });

  it('trains a GBM run with an early-stopping curve and importance on the evaluation', async () => {
    const datasetId = String(demo.head!.graph.nodes.find((n) => n.op === 'dataset')!.params.datasetId);
    const saved = await saveGraph(
      t,
      gbmGraph(datasetId, { monotoneIncreasing: ['duration_in_month'], earlyStopping: 'logloss' }),
    );
    expect(saved.statusCode, saved.body).toBe(201);
    run = await trainHead(t.app, demo.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.modelKind).toBe('gbm');
    expect(run.history.length).toBeGreaterThan(2);
    expect(run.history.every((h) => h.valLoss !== null)).toBe(true);
    const ev = run.evaluations![0]!;
    expect(ev.evaluation.auc).toBeGreaterThan(0.7);
    expect(ev.importance![0]!.gain).toBeGreaterThan(0);
    expect(run.artifacts.map((a) => a.kind)).toEqual(['transforms', 'weights', 'metrics']);
  });

  it('deploys the GBM natively: probability, PDO score, risk band and up to four reason codes, batch = single', async () => {
    const d = json<Deployment>(await deploy(t, run.id, { slug: 'gbm-pd', modelNodeId: 'gbm' }));
    const { single, batch } = await predictAll(t, 'gbm-pd', await keyFor(t, d));
    const names = new Set(fields.map((f) => f.name));
    for (const p of single) {
      expect(p.probability).toBeGreaterThan(0);
      expect(p.probability).toBeLessThan(1);
      // Whole points, as a scorecard gives them.
      expect(p.score).toBe(
        Math.round(600 - (20 / Math.LN2) * Math.log(50 * (p.probability / (1 - p.probability)))),
      );
      expect(typeof p.riskBand).toBe('string');
      expect(p.reasons.length).toBeLessThanOrEqual(4);
      for (const r of p.reasons) {
        expect(names.has(r.characteristic)).toBe(true);
        expect(r.points).toBeGreaterThan(0);
      }
    }
    expect(single.some((p) => p.reasons.length > 0)).toBe(true);
    const strip = ({ requestId: _r, ...p }: Prediction) => p;
    expect(batch.predictions.map((p) => strip(p as Prediction))).toEqual(single.map(strip));
  });

  it('deploys the GBM on the onnx runtime: ONNX probability within 1e-5 of native, the same reason codes', async () => {
    const native = json<Deployment[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/deployments` }),
    ).find((d) => d.slug === 'gbm-pd')!;
    const res = await deploy(t, run.id, { slug: 'gbm-onnx', modelNodeId: 'gbm', runtime: 'onnx' });
    expect(res.statusCode, res.body).toBe(201);
    const d = json<Deployment>(res);
    expect(d.runtime).toBe('onnx');
    const ort = await predictAll(t, 'gbm-onnx', await keyFor(t, d));
    const ref = await predictAll(t, 'gbm-pd', await keyFor(t, native));
    ort.single.forEach((p, i) => {
      const q = ref.single[i]!;
      expect(Math.abs(p.probability - q.probability)).toBeLessThan(1e-5);
      expect(Math.abs(p.score - q.score)).toBeLessThan(1e-2);
      expect(p.reasons).toEqual(q.reasons);
    });
    expect(ort.single.some((p) => p.reasons.length > 0)).toBe(true);
    const strip = ({ requestId: _r, ...p }: Prediction) => p;
    expect(ort.batch.predictions.map((p) => strip(p as Prediction))).toEqual(ort.single.map(strip));
  });

  it('round-trips through a project bundle: the imported GBM run answers identically', async () => {
    const zip = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${demo.id}/bundle?includeData=true`,
    });
    expect(zip.statusCode).toBe(200);
    // `fresh` plays the same Studio instance on a new database (it holds the same signing key), so the bundle
    // reads "signed by <instance>, intact" and its runs stay deployable (foreign bundles: bundle-signing.test.ts).
    const key = await t.app.prisma.instanceKey.findUniqueOrThrow({ where: { id: 'instance' } });
    await fresh.app.prisma.instanceKey.deleteMany();
    await fresh.app.prisma.instanceKey.create({ data: key });
    const imported = await fresh.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      headers: { 'content-type': 'application/zip' },
      payload: zip.rawPayload,
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const project = json<ProjectDetail>(imported);
    const runs = json<Run[]>(
      await fresh.app.inject({ method: 'GET', url: `/api/projects/${project.id}/runs` }),
    );
    const copy = runs.find((r) => r.modelKind === 'gbm' && r.status === 'succeeded')!;
    expect(copy.evaluations).toEqual(run.evaluations);
    const before = json<Deployment[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/deployments` }),
    );
    const original = before.find((d) => d.slug === 'gbm-pd')!;
    const d = json<Deployment>(await deploy(fresh, copy.id, { slug: 'gbm-pd', modelNodeId: 'gbm' }));
    const after = await predictAll(fresh, 'gbm-pd', await keyFor(fresh, d));
    const again = await predictAll(t, 'gbm-pd', await keyFor(t, original));
    const strip = ({ requestId: _r, model: _m, ...p }: Prediction) => p;
    expect(after.single.map(strip)).toEqual(again.single.map(strip));
    // The onnx runtime too: the imported run exports the same ensemble and answers as the original's deployment.
    const originalOnnx = before.find((x) => x.slug === 'gbm-onnx')!;
    const copyOnnx = json<Deployment>(
      await deploy(fresh, copy.id, { slug: 'gbm-onnx', modelNodeId: 'gbm', runtime: 'onnx' }),
    );
    expect(copyOnnx.artifactHash).toBe(originalOnnx.artifactHash);
    const onnxAfter = await predictAll(fresh, 'gbm-onnx', await keyFor(fresh, copyOnnx));
    const onnxAgain = await predictAll(t, 'gbm-onnx', await keyFor(t, originalOnnx));
    expect(onnxAfter.single.map(strip)).toEqual(onnxAgain.single.map(strip));
  });
});
