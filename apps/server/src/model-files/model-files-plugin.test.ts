import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths, type BatchPrediction, type CreatedApiKey, type Deployment, type Run } from '@studio/api';
import { parseCsv } from '@studio/data';
import { trainDemoModels } from '../test-support/trained-runs';
import { csvRecords } from '../serving/csv-records';
import { deriveInputSchema } from '../serving/input-schema';
import { demoCsvPath, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const table = parseCsv(readFileSync(demoCsvPath));
const fields = deriveInputSchema(table, 'creditability');
const applicants = [...csvRecords(fields, table)].slice(0, 50).map(([, r]) => r);

describe.each(testProviders)('run ONNX and generated code routes on %s', (provider) => {
  let t: TestApp;
  let run: Run;
  /** The deployed model's answers for the 50 applicants (native runtime, fp32). */
  let served: number[];

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    ({ scorecard: run } = await trainDemoModels(t.app));
    const d = json<Deployment>(
      await t.app.inject({ method: 'POST', url: `/api/runs/${run.id}/deploy`, payload: { slug: 'files' } }),
    );
    const key = json<CreatedApiKey>(
      await t.app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys` }),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/deployments/files/predict/batch',
      headers: { authorization: `Bearer ${key.key}` },
      payload: applicants,
    });
    expect(res.statusCode, res.body).toBe(200);
    served = json<BatchPrediction>(res).predictions.map((p) => p.probability);
  }, 180_000);
  afterAll(async () => t?.close());

  it('GET /api/runs/:id/onnx gives the model with its preprocessing; onnxruntime scores like the deployment', async () => {
    const res = await t.app.inject({ method: 'GET', url: paths.runOnnx(run.id) });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/\.onnx"$/);
    const session = await ort.InferenceSession.create(res.rawPayload);
    try {
      for (const [i, row] of applicants.entries()) {
        const feeds: Record<string, ort.Tensor> = {};
        for (const f of fields) {
          const v = row[f.name];
          feeds[f.name] =
            f.type === 'categorical'
              ? new ort.Tensor('string', [v === null || v === undefined ? '' : String(v)], [1, 1])
              : new ort.Tensor('float32', Float32Array.of(typeof v === 'number' ? v : NaN), [1, 1]);
        }
        const out = await session.run(feeds, ['probability']);
        expect(Math.abs((out.probability!.data as Float32Array)[0]! - served[i]!)).toBeLessThan(1e-5);
      }
    } finally {
      await session.release();
    }
    // The same bytes every time (the bundle's model-fp32.onnx is this export).
    const again = await t.app.inject({ method: 'GET', url: paths.runOnnx(run.id) });
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
  });

  it('GET /api/runs/:id/code?lang=js is plain JavaScript that node runs with no build step, matching the deployment', async () => {
    const js = await t.app.inject({ method: 'GET', url: paths.runCode(run.id, { lang: 'js' }) });
    expect(js.statusCode, js.body.slice(0, 300)).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    const dts = await t.app.inject({
      method: 'GET',
      url: paths.runCode(run.id, { lang: 'js', types: true }),
    });
    expect(dts.statusCode).toBe(200);
    expect(dts.body).toContain('export declare function score(record: ScoreRecord)');
    const dir = mkdtempSync(join(tmpdir(), 'studio-run-code-'));
    writeFileSync(join(dir, 'scorer.mjs'), js.body);
    writeFileSync(join(dir, 'scorer.d.mts'), dts.body);
    writeFileSync(join(dir, 'records.json'), JSON.stringify(applicants));
    const out = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import { readFileSync } from 'node:fs'; import { score } from './scorer.mjs';" +
            "console.log(JSON.stringify(JSON.parse(readFileSync('records.json', 'utf8')).map((r) => score(r).probability)));",
        ],
        { cwd: dir, encoding: 'utf8' },
      ),
    ) as number[];
    expect(out).toHaveLength(50);
    out.forEach((p, i) => expect(Math.abs(p - served[i]!)).toBeLessThan(1e-5));

    const ts = await t.app.inject({ method: 'GET', url: paths.runCode(run.id, { lang: 'ts' }) });
    expect(ts.statusCode).toBe(200);
    expect(ts.body).toContain('export function score(record: ScoreRecord)');
    const py = await t.app.inject({ method: 'GET', url: paths.runCode(run.id, { lang: 'python' }) });
    expect(py.statusCode).toBe(200);
    expect(py.body).toContain('import torch');
  });

  it('labels the binary responses with their content types in the OpenAPI document', async () => {
    const doc = json<{
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    }>(await t.app.inject({ method: 'GET', url: '/api/docs/json' }));
    const content = (path: string) => Object.keys(doc.paths[path]!.get!.responses['200']!.content ?? {});
    expect(content('/api/projects/{projectId}/bundle')).toEqual(['application/zip']);
    expect(content('/api/runs/{runId}/onnx')).toEqual(['application/octet-stream']);
    expect(content('/api/runs/{runId}/code')).toContain('text/javascript');
  });

  it('refuses INT8 without a Quantize node, an unknown lang and an unknown run, saying what to do', async () => {
    const int8 = await t.app.inject({ method: 'GET', url: paths.runOnnx(run.id, { precision: 'int8' }) });
    expect(int8.statusCode).toBe(409);
    expect(json(int8)).toMatchObject({ code: 'INT8_MODEL_NOT_FOUND' });
    expect(json(int8).message).toContain('Quantize');
    const lang = await t.app.inject({ method: 'GET', url: `/api/runs/${run.id}/code?lang=rust` });
    expect(lang.statusCode).toBe(400);
    const missing = await t.app.inject({ method: 'GET', url: paths.runOnnx('no-such-run') });
    expect(missing.statusCode).toBe(404);
    expect(json(missing).code).toBe('RUN_NOT_FOUND');
    const node = await t.app.inject({ method: 'GET', url: paths.runOnnx(run.id, { modelNodeId: 'nope' }) });
    expect(node.statusCode).toBe(409);
    expect(json(node).code).toBe('MODEL_NOT_FOUND');
  });
});
