import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  paths,
  type BatchPrediction,
  type CreatedApiKey,
  type Deployment,
  type Prediction,
  type Project,
  type ProjectDetail,
  type Run,
} from '@studio/api';
import { parseCsv, tableRow } from '@studio/data';
import { findTemplate } from '@studio/pipeline';
import { DEMO_PROJECT_NAME, demoCsvPath, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { trainHead } from '../test-support/trained-runs';
import { GERMAN_EXACT_SHAPLEY_EXCLUDED } from '@studio/test-support';

const TARGET = 'creditability';
const EXCLUDED = GERMAN_EXACT_SHAPLEY_EXCLUDED;

/** German credit rows exactly as the CSV writes them: every cell a string (the target and ids included). */
function csvRowsAsStrings(n: number): Record<string, string>[] {
  const bytes = readFileSync(demoCsvPath);
  const header = parseCsv(bytes);
  const text = parseCsv(bytes, {
    types: Object.fromEntries(header.columns.map((c) => [c.name, 'categorical' as const])),
  });
  return Array.from({ length: n }, (_, i) => {
    const r = tableRow(text, i * 41);
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]));
  });
}

/** The JSON Schema and example of a deployment's request body, as far as these tests read them. */
interface RequestBodyDoc {
  schema: {
    required: string[];
    additionalProperties: boolean;
    properties: Record<string, { description: string; enum?: string[] }>;
  };
  example: Record<string, unknown>;
}

describe.each(testProviders)('the endpoint contract of a neural network on %s', (provider) => {
  let t: TestApp;
  let run: Run;
  let native: Deployment;
  const keys = new Map<string, string>();
  const rows = csvRowsAsStrings(24);
  const used = (r: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => k !== TARGET && !EXCLUDED.includes(k)));

  async function deploy(slug: string, payload: Record<string, unknown>): Promise<Deployment> {
    const res = await t.app.inject({
      method: 'POST',
      url: paths.runDeploy(run.id),
      payload: { slug, logSampleRate: 0, ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = json<Deployment>(res);
    const key = json<CreatedApiKey>(await t.app.inject({ method: 'POST', url: paths.deploymentKeys(d.id) }));
    keys.set(slug, key.key);
    return d;
  }

  const predict = (slug: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: paths.predict(slug),
      headers: { authorization: `Bearer ${keys.get(slug)}` },
      payload: payload as Record<string, unknown>,
    });

  const batch = async (slug: string, payload: unknown[]): Promise<BatchPrediction> => {
    const res = await t.app.inject({
      method: 'POST',
      url: paths.predictBatch(slug),
      headers: { authorization: `Bearer ${keys.get(slug)}` },
      payload: payload as unknown as Record<string, unknown>,
    });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
    return json<BatchPrediction>(res);
  };

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    const projects = json<Project[]>(await t.app.inject({ method: 'GET', url: paths.projects() }));
    const id = projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id;
    const demo = json<ProjectDetail>(await t.app.inject({ method: 'GET', url: paths.project(id) }));
    const datasetId = String(demo.head!.graph.nodes.find((n) => n.op === 'dataset')!.params.datasetId);
    const saved = await t.app.inject({
      method: 'POST',
      url: paths.projectGraph(id),
      payload: {
        graph: findTemplate('neural-network-pd')!.build(datasetId, TARGET, EXCLUDED),
        baseVersionId: demo.head!.id,
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    run = await trainHead(t.app, id);
    expect(run.status, JSON.stringify(run).slice(0, 400)).toBe('succeeded');
    native = await deploy('nn-native', {});
    expect((await deploy('nn-onnx', { runtime: 'onnx' })).runtime).toBe('onnx');
  }, 240_000);
  afterAll(async () => t?.close());

  it('requires only the used columns, documents the rest as optional, with types, ranges and CSV examples', async () => {
    expect(native.strict).toBe(false);
    const schema = native.inputSchema;
    expect(schema.filter((f) => f.used).map((f) => f.name)).toHaveLength(8);
    expect(schema.filter((f) => !f.used).map((f) => f.name)).toEqual(EXCLUDED);
    const foreign = schema.find((f) => f.name === 'foreign_worker')!;
    expect(foreign).toMatchObject({ type: 'boolean', words: { true: 'yes', false: 'no' }, used: true });

    const body = await requestBody(native);
    expect(body.schema.required).toHaveLength(8);
    expect(body.schema.required).not.toContain('telephone');
    expect(body.schema.additionalProperties).toBe(true);
    expect(body.schema.properties.telephone!.description).toMatch(/^Optional: this model does not read it/);
    expect(body.schema.properties.foreign_worker!.description).toContain('"yes" / "no"');
    expect(body.schema.properties.credit_amount!.description).toMatch(/Seen in training: \d+ to \d+/);
    expect(body.example.foreign_worker).toMatch(/^(yes|no)$/);
    expect(Object.keys(body.example)).toHaveLength(8);
    expect((await predict('nn-native', body.example)).statusCode).toBe(200);
  });

  it('scores a training-CSV row sent as strings (target and unused columns included) with integer scores and Shapley reasons', async () => {
    const whole = await batch('nn-native', rows);
    const only = await batch('nn-native', rows.map(used));
    // An applicant better than the typical one on every column has no adverse reason; most have some.
    expect(whole.predictions.filter((p) => p.reasons.length > 0).length).toBeGreaterThan(rows.length / 2);
    whole.predictions.forEach((p, i) => {
      expect(p.probability).toBe(only.predictions[i]!.probability);
      expect(Number.isInteger(p.score)).toBe(true);
      expect(p.reasons.length).toBeLessThanOrEqual(4);
      for (const r of p.reasons) {
        expect(r.code).toMatch(/^R\d\d$/);
        expect(r.points).toBeGreaterThan(0);
        expect(EXCLUDED).not.toContain(r.characteristic);
      }
      expect(p.warnings).toBeUndefined();
    });
    // The ONNX runtime answers with the same reasons (its own logits, so the points agree closely).
    const viaOnnx = await batch('nn-onnx', rows);
    viaOnnx.predictions.forEach((p, i) => {
      const q = whole.predictions[i]!;
      expect(Math.abs(p.probability - q.probability)).toBeLessThan(1e-6);
      expect(p.reasons.map((r) => r.characteristic)).toEqual(q.reasons.map((r) => r.characteristic));
      p.reasons.forEach((r, k) => expect(Math.abs(r.points - q.reasons[k]!.points)).toBeLessThan(1e-3));
    });
  });

  it('one CSV row as strings scores the same through REST, the generated JavaScript and the ONNX export (1e-6)', async () => {
    const rest = (await batch('nn-native', rows)).predictions.map((p) => p.probability);

    const file = await t.app.inject({ method: 'GET', url: paths.runOnnx(run.id) });
    expect(file.statusCode).toBe(200);
    const session = await ort.InferenceSession.create(file.rawPayload);
    const viaOnnx: number[] = [];
    try {
      // Only the used columns are graph inputs, named as in the data; text for categories and booleans.
      expect([...session.inputNames].sort()).toEqual(Object.keys(used(rows[0]!)).sort());
      const types = new Map(native.inputSchema.map((f) => [f.name, f.type]));
      for (const row of rows) {
        const feeds: Record<string, ort.Tensor> = {};
        for (const name of session.inputNames) {
          const v = row[name]!;
          const type = types.get(name);
          feeds[name] =
            type === 'categorical' || type === 'boolean'
              ? new ort.Tensor('string', [v], [1, 1])
              : new ort.Tensor('float32', Float32Array.of(v === '' ? NaN : Number(v)), [1, 1]);
        }
        const out = await session.run(feeds, ['probability']);
        viaOnnx.push((out.probability!.data as Float32Array)[0]!);
      }
    } finally {
      await session.release();
    }

    const js = await t.app.inject({ method: 'GET', url: paths.runCode(run.id, { lang: 'js' }) });
    expect(js.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'studio-contract-'));
    writeFileSync(join(dir, 'scorer.mjs'), js.body);
    writeFileSync(join(dir, 'rows.json'), JSON.stringify(rows));
    const viaJs = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import { readFileSync } from 'node:fs'; import { score, COLUMNS } from './scorer.mjs';" +
            "console.log(JSON.stringify({ columns: COLUMNS.map((c) => c.name), p: JSON.parse(readFileSync('rows.json', 'utf8')).map((r) => score(r).probability) }));",
        ],
        { cwd: dir, encoding: 'utf8' },
      ),
    ) as { columns: string[]; p: number[] };
    expect(viaJs.columns.sort()).toEqual(Object.keys(used(rows[0]!)).sort());
    let worst = 0;
    rest.forEach((p, i) => {
      worst = Math.max(worst, Math.abs(p - viaOnnx[i]!), Math.abs(p - viaJs.p[i]!));
    });
    console.log(
      `REST vs ONNX vs generated JS on ${rows.length} string rows: max |Δp| = ${worst.toExponential(2)}`,
    );
    expect(worst).toBeLessThan(1e-6);
  });

  it('answers one row with its Shapley reasons in a few milliseconds (median of 20, logged)', async () => {
    const median = async (slug: string) => {
      const times: number[] = [];
      for (const row of rows.slice(0, 20)) {
        const started = performance.now();
        expect((await predict(slug, row)).statusCode).toBe(200);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[10]!;
    };
    const nativeMs = await median('nn-native');
    const onnxMs = await median('nn-onnx');
    console.log(
      `single request, 8 columns (256 coalitions): native ${nativeMs.toFixed(2)} ms, onnx ${onnxMs.toFixed(2)} ms (median of 20)`,
    );
    expect(nativeMs).toBeLessThan(250);
  });

  it('scores an unseen category as missing with a warning; a missing used column is still a 400', async () => {
    const row = { ...rows[0]!, purpose: 'spaceship' };
    const res = await predict('nn-native', row);
    expect(res.statusCode, res.body).toBe(200);
    const p = json<Prediction>(res);
    expect(p.warnings).toEqual([expect.objectContaining({ field: 'purpose', code: 'UNSEEN_CATEGORY' })]);
    const viaOnnx = json<Prediction>(await predict('nn-onnx', row));
    expect(Math.abs(viaOnnx.probability - p.probability)).toBeLessThan(1e-6);
    expect(viaOnnx.warnings).toEqual(p.warnings);

    const { credit_amount: _dropped, ...lacking } = rows[0]!;
    const missing = await predict('nn-native', lacking);
    expect(missing.statusCode).toBe(400);
    expect(json(missing)).toMatchObject({ fields: [{ field: 'credit_amount', problem: 'missing' }] });
  });

  it('strict (set through the API, audited) turns the leniencies into 400s, and back', async () => {
    const on = await t.app.inject({
      method: 'PATCH',
      url: paths.deployment(native.id),
      payload: { strict: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(json<Deployment>(on).strict).toBe(true);
    const refused = await predict('nn-native', rows[0]);
    expect(refused.statusCode).toBe(400);
    const problems = json<{ fields: { field: string; problem: string }[] }>(refused).fields;
    expect(problems).toContainEqual({ field: 'foreign_worker', problem: 'wrong_type' });
    expect(problems).toContainEqual({ field: 'credit_amount', problem: 'wrong_type' });
    expect(problems).toContainEqual({ field: TARGET, problem: 'extra' });
    const unseen = await predict('nn-native', { ...typed(rows[0]!), purpose: 'spaceship' });
    expect(json(unseen)).toMatchObject({ fields: [{ field: 'purpose', problem: 'unknown_category' }] });
    const ok = await predict('nn-native', typed(rows[0]!));
    expect(ok.statusCode, ok.body).toBe(200);
    const { schema } = await requestBody(native);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.purpose!.enum).toContain('car (new)');

    const off = await t.app.inject({
      method: 'PATCH',
      url: paths.deployment(native.id),
      payload: { strict: false },
    });
    expect(json<Deployment>(off).strict).toBe(false);
    expect((await predict('nn-native', rows[0])).statusCode).toBe(200);
    const audit = await t.app.inject({ method: 'GET', url: paths.audit({ action: 'deployment.update' }) });
    expect(audit.body).toContain('strict input checking on');
    expect(audit.body).toContain('strict input checking off');

    const bad = await t.app.inject({
      method: 'PATCH',
      url: paths.deployment(native.id),
      payload: { strict: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('a deployment can be created strict', async () => {
    const strict = await deploy('nn-strict', { strict: true });
    expect(strict.strict).toBe(true);
    expect((await predict('nn-strict', rows[1])).statusCode).toBe(400);
    expect((await predict('nn-strict', typed(rows[1]!))).statusCode).toBe(200);
  });

  /** The request body part of a deployment's OpenAPI document. */
  async function requestBody(d: Deployment): Promise<RequestBodyDoc> {
    const doc = json<{
      paths: Record<string, { post: { requestBody: { content: Record<string, RequestBodyDoc> } } }>;
    }>(await t.app.inject({ method: 'GET', url: paths.deploymentOpenApi(d.id) }));
    return doc.paths[d.url]!.post.requestBody.content['application/json']!;
  }

  /** The used fields of a string row in their JSON types. */
  function typed(row: Record<string, string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of native.inputSchema) {
      if (!f.used) continue;
      const v = row[f.name]!;
      out[f.name] = f.type === 'numeric' ? Number(v) : f.type === 'boolean' ? v === f.words!.true : v;
    }
    return out;
  }
});
