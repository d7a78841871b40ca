import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BatchPrediction,
  CreatedApiKey,
  Deployment,
  Project,
  ProjectDetail,
  Run,
  RunLog,
} from '@studio/api';
import { parseCsv } from '@studio/data';
import { trainDemoModels, trainHead } from '../test-support/trained-runs';
import { csvRecords } from '../serving/csv-records';
import { checkRecord, deriveInputSchema } from '../serving/input-schema';
import { demoCsvPath, seedDemo } from '../seed/seed';
import { filesUnder } from '../test-support/files';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import type { BundleManifest, BundleProject } from './bundle-format';
import { readZip, writeZip } from './zip';

const table = parseCsv(readFileSync(demoCsvPath));
const applicants = [...csvRecords(deriveInputSchema(table, 'creditability'), table)]
  .slice(0, 50)
  .map(([, r]) => r);

/** Deploys a run under `slug` with a new key and scores the 50 applicants. */
async function scoreWith(t: TestApp, runId: string, slug: string): Promise<BatchPrediction> {
  const d = json<Deployment>(
    await t.app.inject({ method: 'POST', url: `/api/runs/${runId}/deploy`, payload: { slug } }),
  );
  const key = json<CreatedApiKey>(
    await t.app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys` }),
  );
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/deployments/${slug}/predict/batch`,
    headers: { authorization: `Bearer ${key.key}` },
    payload: applicants,
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<BatchPrediction>(res);
}

const importZip = (t: TestApp, payload: Buffer) =>
  t.app.inject({
    method: 'POST',
    url: '/api/projects/import',
    headers: { 'content-type': 'application/zip' },
    payload,
  });

describe.each(testProviders)('project bundles on %s', (provider) => {
  let source: TestApp;
  let fresh: TestApp;
  let demo: ProjectDetail;
  let scorecard: Run;
  let zip: Buffer;

  beforeAll(async () => {
    source = await createTestApp(provider);
    fresh = await createTestApp(provider);
    await seedDemo(source.app);
    ({ demo, scorecard } = await trainDemoModels(source.app));
    // `fresh` is the same Studio instance on a new database (a restore): it holds the same signing key, so
    // the bundle reads "signed by <instance>, intact". Foreign and tampered bundles: bundle-signing.test.ts.
    const key = await source.app.prisma.instanceKey.findUniqueOrThrow({ where: { id: 'instance' } });
    await fresh.app.prisma.instanceKey.deleteMany();
    await fresh.app.prisma.instanceKey.create({ data: key });
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    await fresh?.close();
  });

  it('exports one zip with bundle.json checksums, graph history, data (asked for), artifacts, audit and a README', async () => {
    const res = await source.app.inject({
      method: 'GET',
      url: `/api/projects/${demo.id}/bundle?includeData=true`,
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('German-credit-demo.zip');
    zip = res.rawPayload;
    const files = await readZip(zip);
    const manifest = JSON.parse(files.get('bundle.json')!.toString()) as {
      bundleVersion: number;
      files: Record<string, string>;
    };
    expect(manifest.bundleVersion).toBe(2);
    expect(Object.keys(manifest.files).sort()).toEqual(
      [...files.keys()].filter((f) => f !== 'bundle.json' && f !== 'bundle.sig').sort(),
    );
    for (const [name, sha] of Object.entries(manifest.files))
      expect(createHash('sha256').update(files.get(name)!).digest('hex')).toBe(sha);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        'graph/v0001.json',
        'graph/v0002.json',
        'project.json',
        'audit.json',
        'README.md',
      ]),
    );
    // Artifact names carry kind, model node, precision and the full content hash (unique by construction).
    expect([...files.keys()].some((f) => /^runs\/r002\/transforms-lr-[0-9a-f]{64}\.json$/.test(f))).toBe(
      true,
    );
    expect([...files.keys()].some((f) => /^runs\/r002\/scorecard-lr-[0-9a-f]{64}\.json$/.test(f))).toBe(true);
    expect([...files.keys()].some((f) => /^runs\/r002\/weights-.+\.bin$/.test(f))).toBe(true);
    expect(files.get('README.md')!.toString()).toContain('studio import');
    // Each run's output travels in one record (the layout older Studios read): progress, curve and logs.
    const doc = JSON.parse(files.get('project.json')!.toString()) as BundleProject;
    for (const r of doc.runs) {
      const run = json<Run>(await source.app.inject({ method: 'GET', url: `/api/runs/${r.id}` }));
      const logs = json<RunLog[]>(await source.app.inject({ method: 'GET', url: `/api/runs/${r.id}/logs` }));
      expect(r.progress).toEqual({ progress: run.progress, history: run.history, logs });
      expect(r.metrics).toMatchObject({ v: 3, seed: run.seed, graphHash: run.graphHash });
    }
    expect(doc.runs.some((r) => (r.progress as { history: unknown[] }).history.length > 0)).toBe(true);
    // The rows were asked for: each dataset travels as CSV and as its schema, and the export's audit says so.
    for (const d of doc.datasets) {
      expect(files.has(d.file!)).toBe(true);
      expect(files.has(d.schemaFile!)).toBe(true);
    }
    const audit = json<{ action: string; summary: string; changes: string[] }[]>(
      await source.app.inject({ method: 'GET', url: `/api/audit?projectId=${demo.id}&limit=500` }),
    );
    const exported = audit.filter((e) => e.action === 'bundle.export')[0]!;
    expect(exported.summary).toContain('WITH their raw data');
    expect(exported.changes[0]).toMatch(/^raw data included/);
  });

  it('by default leaves the rows behind: dataset schemas, model files and documents travel; it still reopens and scores', async () => {
    const res = await source.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/bundle` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const files = await readZip(res.rawPayload);
    expect([...files.keys()].filter((f) => f.endsWith('.csv'))).toEqual([]);
    const manifest = JSON.parse(files.get('bundle.json')!.toString()) as BundleManifest;
    expect(manifest.includesData).toBe(false);
    const doc = JSON.parse(files.get('project.json')!.toString()) as BundleProject;
    const schema = JSON.parse(files.get(doc.datasets[0]!.schemaFile!)!.toString()) as {
      format: string;
      rowCount: number;
      columns: { name: string; type: string; categories?: string[] }[];
    };
    expect(doc.datasets[0]!.file).toBeNull();
    expect(schema).toMatchObject({ format: 'studio-dataset-schema', rowCount: 1000 });
    // One type per column, as the Studio reads the CSV (the target among them).
    expect(schema.columns.map((c) => c.name)).toEqual(table.columns.map((c) => c.name));
    expect(schema.columns.find((c) => c.name === 'purpose')!.categories!.length).toBeGreaterThan(3);
    // Everything an engineer needs, per trained model: ONNX, generated JS + types, TS, PyTorch; the document.
    const kinds = new Set(manifest.entries!.map((e) => e.kind));
    for (const k of [
      'model-onnx',
      'code-js',
      'code-js-types',
      'code-ts',
      'code-python',
      'transforms',
      'document',
    ])
      expect(kinds, k).toContain(k);
    const audit = json<{ action: string; summary: string }[]>(
      await source.app.inject({ method: 'GET', url: `/api/audit?projectId=${demo.id}&limit=500` }),
    );
    expect(audit.filter((e) => e.action === 'bundle.export')[0]!.summary).toContain(
      'as schemas only, no raw data',
    );

    const back = await importZip(fresh, res.rawPayload);
    expect(back.statusCode, back.body).toBe(201);
    const imported = json<ProjectDetail>(back);
    const runs = json<Run[]>(
      await fresh.app.inject({ method: 'GET', url: `/api/projects/${imported.id}/runs` }),
    );
    const aucs = (xs: (number | undefined)[]) => xs.map(Number).sort();
    expect(aucs(runs.map((r) => r.evaluation?.auc))).toEqual(
      aucs(doc.runs.map((r) => (r.metrics as { evaluation?: { auc: number } }).evaluation?.auc)),
    );
    expect(await fresh.app.prisma.dataset.count({ where: { projectId: imported.id } })).toBe(0);
    const importAudit = json<{ action: string; changes: string[] }[]>(
      await fresh.app.inject({ method: 'GET', url: `/api/audit?projectId=${imported.id}` }),
    );
    expect(importAudit[0]!.changes.join('\n')).toContain('came as schemas only');
    // Scoring offline from the schema-only bundle gives the deployment's answers.
    const { BundleScorer } = await import('./bundle-scorer');
    const scorer = await BundleScorer.open(res.rawPayload);
    try {
      const live = await scoreWith(source, scorecard.id, 'schema-only');
      for (const [i, a] of applicants.slice(0, 10).entries()) {
        const checked = checkRecord(scorer.fields, a);
        if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
        expect((await scorer.model.predict(checked.row)).probability).toBe(live.predictions[i]!.probability);
      }
    } finally {
      scorer.dispose();
    }
  });

  it('reopens the bundle in a fresh database: same history, runs and artifacts, identical predictions, same metrics on retraining', async () => {
    const res = await importZip(fresh, zip);
    expect(res.statusCode, res.body).toBe(201);
    const imported = json<ProjectDetail>(res);
    expect(imported).toMatchObject({ name: demo.name, description: demo.description });
    expect(imported.head!.number).toBe(demo.head!.number);
    const headOf = (p: ProjectDetail) => {
      const g = structuredClone(p.head!.graph);
      for (const n of g.nodes) if (n.op === 'dataset') delete n.params.datasetId;
      return g;
    };
    expect(headOf(imported)).toEqual(headOf(demo));
    const runs = json<Run[]>(
      await fresh.app.inject({ method: 'GET', url: `/api/projects/${imported.id}/runs` }),
    );
    const original = json<Run[]>(
      await source.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/runs` }),
    );
    const same = (r: Run) => [
      r.status,
      r.versionNumber,
      r.evaluation?.auc,
      r.artifacts,
      r.progress,
      r.history,
    ];
    expect(runs.map(same)).toEqual(original.map(same));
    const logsOf = (t: TestApp, r: Run) =>
      t.app.inject({ method: 'GET', url: `/api/runs/${r.id}/logs` }).then((res) => json<RunLog[]>(res));
    for (const [i, r] of runs.entries())
      expect(await logsOf(fresh, r)).toEqual(await logsOf(source, original[i]!));
    const audit = json<{ action: string }[]>(
      await fresh.app.inject({ method: 'GET', url: `/api/audit?projectId=${imported.id}&limit=500` }),
    );
    expect(audit.map((e) => e.action)).toEqual(['project.import']);
    const history = json<{ label: string; events: { action: string }[] }>(
      await fresh.app.inject({ method: 'GET', url: `/api/projects/${imported.id}/imported-history` }),
    );
    expect(history.label).toBe('imported history, unverified');
    expect(history.events.map((e) => e.action)).toContain('run.finish');

    const before = await scoreWith(source, scorecard.id, 'round-trip');
    const copy = runs.find((r) => r.versionNumber === scorecard.versionNumber && r.status === 'succeeded')!;
    const after = await scoreWith(fresh, copy.id, 'round-trip');
    expect(after.predictions.map(({ model: _m, ...p }) => p)).toEqual(
      before.predictions.map(({ model: _m, ...p }) => p),
    );
    expect(after.model.artifactHash).toBe(before.model.artifactHash);

    // Retraining the imported head with the same seed reproduces the original run's metrics exactly.
    const retrained = await trainHead(fresh.app, imported.id);
    expect(retrained.status).toBe('succeeded');
    expect(retrained.versionNumber).toBe(scorecard.versionNumber);
    expect(retrained.seed).toBe(scorecard.seed);
    expect(retrained.evaluation).toEqual(scorecard.evaluation);
    expect(retrained.scorecard).toEqual(scorecard.scorecard);
    // Its model document is written in the background; have it stored before the next test counts blobs.
    await fresh.app.validation.ensureDocument(retrained.id);
  });

  it('refuses a non-zip, an unknown bundleVersion and a checksum mismatch with a clear 400, importing nothing', async () => {
    const projectsBefore = json<Project[]>(await fresh.app.inject({ method: 'GET', url: '/api/projects' }));
    const auditBefore = await fresh.app.prisma.auditEvent.count();
    const blobsBefore = filesUnder(join(fresh.db.dataDir, 'blobs'));
    const files = await readZip(zip);
    // Each refused upload is kept as its import job's input until the job ends; then no row names it and the
    // blob sweep removes it after its grace (a concurrent upload of the same bytes may still reuse it).
    const uploaded = new Set<string>();
    const failedImports = () => fresh.app.prisma.job.count({ where: { kind: 'import', status: 'failed' } });
    const failedBefore = await failedImports();
    const refuse = (payload: Buffer) => {
      uploaded.add(createHash('sha256').update(payload).digest('hex'));
      return importZip(fresh, payload);
    };
    const rezip = (edit: (name: string, data: Buffer) => Buffer) =>
      writeZip([...files].map(([name, data]) => ({ name, data: edit(name, data) })));

    const notZip = await refuse(Buffer.from('this is not a zip file'));
    expect(notZip.statusCode).toBe(400);
    expect(json(notZip).code).toBe('BUNDLE_NOT_ZIP');

    const future = await refuse(
      await rezip((name, data) =>
        name === 'bundle.json'
          ? Buffer.from(data.toString().replace('"bundleVersion": 2', '"bundleVersion": 99'))
          : data,
      ),
    );
    expect(future.statusCode).toBe(400);
    expect(json(future)).toMatchObject({ code: 'BUNDLE_VERSION_UNSUPPORTED' });
    expect(json(future).message).toContain('99');

    // A changed weights file: the zip itself is intact (new CRC), only bundle.json's sha256 disagrees.
    const tampered = await refuse(
      await rezip((name, data) => {
        if (!name.endsWith('.bin')) return data;
        const copy = Buffer.from(data);
        copy[copy.length - 1] = copy[copy.length - 1]! ^ 1;
        return copy;
      }),
    );
    expect(tampered.statusCode).toBe(400);
    expect(json(tampered).code).toBe('BUNDLE_CHECKSUM_MISMATCH');
    expect(json(tampered).message).toMatch(/runs\/r00\d\/weights-/);

    const damaged = Buffer.from(zip);
    damaged[200] = damaged[200]! ^ 0xff;
    const crc = await refuse(damaged);
    expect(crc.statusCode).toBe(400);
    expect(json(crc).code).toBe('BUNDLE_NOT_ZIP');

    expect(json<Project[]>(await fresh.app.inject({ method: 'GET', url: '/api/projects' }))).toEqual(
      projectsBefore,
    );
    expect(await fresh.app.prisma.auditEvent.count()).toBe(auditBefore);
    // No row left by the refused imports: their jobs failed and name their inputs no more, so the only new
    // blobs are those inputs (left to the sweep) and the model document the retrain of the previous test
    // stores in the background (referenced by that run's `document` artifact).
    expect((await failedImports()) - failedBefore).toBe(4);
    expect(await fresh.app.prisma.job.count({ where: { inputSha256: { not: null } } })).toBe(0);
    for (const f of filesUnder(join(fresh.db.dataDir, 'blobs')).filter((f) => !blobsBefore.includes(f))) {
      const sha256 = f.split('/').pop()!;
      if (uploaded.has(sha256)) continue;
      expect(await fresh.app.prisma.modelArtifact.findFirst({ where: { sha256 } }), f).toMatchObject({
        kind: 'document',
      });
    }
  });

  it('imports runs whose records an older Studio wrote, and refuses records from a newer one', async () => {
    const files = await readZip(zip);
    const withProject = (edit: (doc: BundleProject) => void) => {
      const doc = JSON.parse(files.get('project.json')!.toString()) as BundleProject;
      edit(doc);
      const next = new Map(files);
      next.set('project.json', Buffer.from(JSON.stringify(doc)));
      const manifest = JSON.parse(files.get('bundle.json')!.toString()) as BundleManifest;
      const hash = createHash('sha256').update(next.get('project.json')!).digest('hex');
      manifest.files['project.json'] = hash;
      for (const e of manifest.entries ?? []) if (e.path === 'project.json') e.sha256 = hash;
      next.set('bundle.json', Buffer.from(JSON.stringify(manifest)));
      // An older Studio signed nothing: the bundle reads "unsigned" (its runs untrusted), not "modified".
      next.delete('bundle.sig');
      return writeZip([...next].map(([name, data]) => ({ name, data })));
    };
    // Version 1 run facts: `version: 1` and no quantizations; version 1 errors carry no `v`.
    const old = await withProject((doc) => {
      for (const r of doc.runs) {
        const { v: _, quantizations: __, tunings: ____, ...rest } = r.metrics as Record<string, unknown>;
        r.metrics = { version: 1, ...rest };
        if (r.error) {
          const { v: ___, ...error } = r.error as Record<string, unknown>;
          r.error = error;
        }
      }
    });
    const res = await importZip(fresh, old);
    expect(res.statusCode, res.body).toBe(201);
    const imported = json<ProjectDetail>(res);
    const runs = json<Run[]>(
      await fresh.app.inject({ method: 'GET', url: `/api/projects/${imported.id}/runs` }),
    );
    const original = json<Run[]>(
      await source.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/runs` }),
    );
    const same = (r: Run) => [r.status, r.seed, r.evaluation, r.quantizations, r.history, r.error];
    expect(runs.map(same)).toEqual(original.map(same));

    const future = await importZip(
      fresh,
      await withProject((doc) => {
        doc.runs[0]!.metrics = { ...(doc.runs[0]!.metrics as object), v: 4 };
      }),
    );
    expect(future.statusCode).toBe(400);
    expect(json(future)).toMatchObject({ code: 'BUNDLE_VERSION_UNSUPPORTED' });
    expect(json(future).message).toContain('run facts');
    expect(json(future).message).toContain('version 4; this Studio reads up to 3');

    const broken = await importZip(
      fresh,
      await withProject((doc) => {
        (doc.runs[0]!.progress as { history: unknown[] }).history.push({ step: 'one' });
      }),
    );
    expect(broken.statusCode).toBe(400);
    expect(json(broken).code).toBe('BUNDLE_INVALID');
  });
});
