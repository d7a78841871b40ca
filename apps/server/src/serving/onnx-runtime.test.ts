import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchPrediction, CreatedApiKey, Deployment, Run } from '@studio/api';
import { parseCsv } from '@studio/data';
import { demoCsvPath, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { csvRecords } from './csv-records';
import { deriveInputSchema } from './input-schema';
import { trainDemoModels } from '../test-support/trained-runs';

const table = parseCsv(readFileSync(demoCsvPath));
const applicants = [...csvRecords(deriveInputSchema(table, 'creditability'), table)].map(([, r]) => r);

describe.each(testProviders)('onnx runtime on %s', (provider) => {
  let t: TestApp;
  let logistic: Run;
  let scorecard: Run;

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    ({ logistic, scorecard } = await trainDemoModels(t.app));
  }, 120_000);
  afterAll(async () => t?.close());

  /** Deploys the run on a runtime and scores all 1,000 German credit records in one batch. */
  async function scoreAll(runId: string, runtime: 'native' | 'onnx'): Promise<BatchPrediction> {
    const slug = `${runtime}-${runId.slice(-6)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/runs/${runId}/deploy`,
      payload: { slug, runtime, logSampleRate: 0 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = json<Deployment>(res);
    expect(d.runtime).toBe(runtime);
    const key = json<CreatedApiKey>(
      await t.app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys` }),
    );
    const scored = await t.app.inject({
      method: 'POST',
      url: `/v1/deployments/${slug}/predict/batch`,
      headers: { authorization: `Bearer ${key.key}` },
      payload: applicants,
    });
    expect(scored.statusCode, scored.body.slice(0, 300)).toBe(200);
    return json<BatchPrediction>(scored);
  }

  it.each([
    ['WOE scorecard', () => scorecard],
    ['logistic regression (one-hot, standardize)', () => logistic],
  ])('%s: onnxruntime-node agrees with the native engine within 1e-5 on 1,000 rows', async (_name, run) => {
    const native = await scoreAll(run().id, 'native');
    const onnx = await scoreAll(run().id, 'onnx');
    expect(onnx.predictions).toHaveLength(1000);
    let worst = 0;
    onnx.predictions.forEach((p, i) => {
      const q = native.predictions[i]!;
      worst = Math.max(worst, Math.abs(p.probability - q.probability));
      // Shapley reasons (logistic) come from each runtime's own logits: the same columns, points within 1e-3.
      expect(p.reasons.map((r) => r.characteristic)).toEqual(q.reasons.map((r) => r.characteristic));
      p.reasons.forEach((r, k) => expect(r.points).toBeCloseTo(q.reasons[k]!.points, 3));
      expect(Math.abs(p.score - q.score)).toBeLessThanOrEqual(1);
    });
    expect(worst).toBeLessThanOrEqual(1e-5);
    expect(onnx.model.artifactHash).not.toBe(native.model.artifactHash);
    const artifacts = json<Run>(
      await t.app.inject({ method: 'GET', url: `/api/runs/${run().id}` }),
    ).artifacts;
    expect(artifacts.map((a) => a.kind)).toContain('onnx');
  });
});
