import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, ProjectDetail, Run } from '@studio/api';
import { trainHead } from '../test-support/trained-runs';
import { seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import type { BundleManifest, BundleProject } from './bundle-format';
import { BUNDLE_SCHEMAS } from './bundle-schemas';
import { BundleScorer } from './bundle-scorer';
import { parseCsv } from '@studio/data';
import { demoCsvPath } from '../seed/seed';
import { csvRecords } from '../serving/csv-records';
import { checkRecord, deriveInputSchema } from '../serving/input-schema';
import { repoRoot } from '../repo-paths';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readZip, writeZip } from './zip';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The committed JSON Schemas (docs/schemas), compiled by a standard validator: the bundle files must pass them. */
const ajv = new Ajv2020({ strict: false });
const validators = Object.fromEntries(
  Object.keys(BUNDLE_SCHEMAS).map((name) => [
    name,
    ajv.compile(
      JSON.parse(readFileSync(join(repoRoot, 'docs', 'schemas', `${name}.schema.json`), 'utf8')) as object,
    ),
  ]),
);

/** Checks every JSON file of an unpacked bundle that has a schema against its committed JSON Schema. */
function expectFilesMatchSchemas(files: Map<string, Buffer>, doc: BundleProject): void {
  const check = (name: string, file: string) => {
    const validate = validators[name]!;
    expect(
      validate(JSON.parse(files.get(file)!.toString())),
      `${file}: ${ajv.errorsText(validate.errors)}`,
    ).toBe(true);
  };
  check('bundle-manifest', 'bundle.json');
  check('project', 'project.json');
  check('audit', 'audit.json');
  for (const d of doc.datasets) check('dataset-schema', d.schemaFile!);
  for (const r of doc.runs)
    for (const a of r.artifacts) if (a.kind === 'transforms') check('fitted-transforms', a.file);
}

/** One deployment of the generated project: which run, which runtime, which precision. */
interface DeploySpec {
  run: number;
  runtime: 'native' | 'onnx';
  precision: 'fp32' | 'int8';
}

const importZip = (t: TestApp, payload: Buffer) =>
  t.app.inject({
    method: 'POST',
    url: '/api/projects/import',
    headers: { 'content-type': 'application/zip' },
    payload,
  });

const exportZip = async (t: TestApp, projectId: string, includeData = true) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/bundle${includeData ? '?includeData=true' : ''}`,
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
};

const runsOf = async (t: TestApp, projectId: string) =>
  json<Run[]>(await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}/runs` }));

/** The artifacts of a project's runs, in run order, as comparable values. */
const artifactsOf = async (t: TestApp, projectId: string) =>
  (await runsOf(t, projectId)).map((r) => r.artifacts.map((a) => `${a.kind}:${a.hash}`).sort());

describe.each(testProviders)('bundle round trip (property) on %s', (provider) => {
  let t: TestApp;
  /** Bundles of one quantized network project after one and after two training runs. */
  const bases: Buffer[] = [];
  let slugs = 0;

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/projects/from-template',
      payload: { templateId: 'neural-network-pd', name: 'Round trip' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const project = json<ProjectDetail>(made);
    for (let i = 0; i < 2; i++) {
      const run = await trainHead(t.app, project.id);
      expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
      expect(run.quantization?.passed).toBe(true);
      bases.push(await exportZip(t, project.id));
    }
  }, 240_000);
  afterAll(async () => t?.close());

  it('exports every combination of runs, deployments, runtimes, precisions and data/no data as a bundle that reopens, twice', async () => {
    const spec = fc.record({
      runs: fc.constantFrom(1, 2),
      includeData: fc.boolean(),
      deployments: fc.array(
        fc.record({
          run: fc.nat(1),
          runtime: fc.constantFrom<DeploySpec['runtime']>('native', 'onnx'),
          precision: fc.constantFrom<DeploySpec['precision']>('fp32', 'int8'),
        }),
        { maxLength: 4 },
      ),
    });
    // The combination that broke version 1 (ONNX fp32 and INT8 of one run) is always among the cases.
    const examples: [{ runs: number; includeData: boolean; deployments: DeploySpec[] }][] = [
      [
        {
          runs: 1,
          includeData: false,
          deployments: [
            { run: 0, runtime: 'onnx', precision: 'fp32' },
            { run: 0, runtime: 'onnx', precision: 'int8' },
          ],
        },
      ],
    ];
    await fc.assert(
      fc.asyncProperty(spec, async ({ runs, includeData, deployments }) => {
        const made = await importZip(t, bases[runs - 1]!);
        expect(made.statusCode, made.body).toBe(201);
        const project = json<ProjectDetail>(made);
        const projectRuns = await runsOf(t, project.id);
        expect(projectRuns).toHaveLength(runs);
        for (const d of deployments) {
          const run = projectRuns[d.run % runs]!;
          const res = await t.app.inject({
            method: 'POST',
            url: `/api/runs/${run.id}/deploy`,
            payload: { slug: `rt-${provider}-${++slugs}`, runtime: d.runtime, precision: d.precision },
          });
          expect(res.statusCode, res.body).toBe(201);
          expect(json<Deployment>(res)).toMatchObject({ runtime: d.runtime, precision: d.precision });
        }
        const zip = await exportZip(t, project.id, includeData);
        const files = await readZip(zip); // refuses two entries with one name
        const manifest = JSON.parse(files.get('bundle.json')!.toString()) as BundleManifest;
        expect(manifest.bundleVersion).toBe(2);
        expect(manifest.entries!.map((e) => e.path).sort()).toEqual(
          // bundle.sig signs bundle.json and is not listed in it.
          [...files.keys()].filter((f) => f !== 'bundle.json' && f !== 'bundle.sig').sort(),
        );
        for (const e of manifest.entries!) expect(sha256(files.get(e.path)!)).toBe(e.sha256);
        const doc = JSON.parse(files.get('project.json')!.toString()) as BundleProject;
        for (const r of doc.runs)
          for (const a of r.artifacts) expect(sha256(files.get(a.file)!)).toBe(a.sha256);
        expectFilesMatchSchemas(files, doc);
        // The rows travel only when asked; the schema always does.
        expect(manifest.includesData).toBe(includeData);
        for (const d of doc.datasets) {
          expect(files.has(`datasets/${d.sha256}.csv`)).toBe(includeData);
          expect(files.has(d.schemaFile!)).toBe(true);
        }
        // Every trained model has its ONNX (fp32, and INT8 as the Quantize node cleared it) and generated code.
        for (const [i, r] of doc.runs.entries()) {
          const model = manifest.entries!.filter((e) => e.path.startsWith(`runs/r00${i + 1}/model/`));
          const has = (kind: string, precision: string | null = null) =>
            model.some((e) => e.kind === kind && e.precision === precision);
          expect(has('model-onnx', 'fp32'), r.id).toBe(true);
          expect(has('model-onnx', 'int8'), r.id).toBe(true);
          for (const k of ['code-js', 'code-js-types', 'code-ts', 'code-python'])
            expect(has(k), k).toBe(true);
        }
        // Every ONNX precision deployed is in the bundle, each as its own entry.
        const onnxPrecisions = new Set(
          deployments
            .filter((d) => d.runtime === 'onnx')
            .map((d) => `${projectRuns[d.run % runs]!.id}:${d.precision}`),
        );
        const onnxEntries = new Set(
          doc.runs.flatMap((r) =>
            r.artifacts
              .filter((a) => a.kind === 'onnx')
              .map((a) => `${r.id}:${(a.metadata as { precision: string }).precision}`),
          ),
        );
        expect(onnxEntries).toEqual(onnxPrecisions);

        const back = await importZip(t, zip);
        expect(back.statusCode, back.body).toBe(201);
        const reopened = json<ProjectDetail>(back);
        expect(await artifactsOf(t, reopened.id)).toEqual(await artifactsOf(t, project.id));
        // Exporting the reopened project again names and hashes every file the same way (but the records
        // and graphs, which carry the new ids of the reopened project). A project reopened without its rows
        // has no dataset to derive model files or schemas from: its stored artifacts still match one for one.
        const again = JSON.parse(
          (await readZip(await exportZip(t, reopened.id, includeData))).get('bundle.json')!.toString(),
        ) as BundleManifest;
        const derived = [
          'model-onnx',
          'code-js',
          'code-js-types',
          'code-ts',
          'code-python',
          'example-input',
          'dataset-schema',
        ];
        const comparable = (m: BundleManifest) =>
          m.entries!.filter(
            (e) =>
              !['project', 'audit', 'readme', 'graph'].includes(e.kind) &&
              (includeData || !derived.includes(e.kind)),
          );
        expect(comparable(again)).toEqual(comparable(manifest));
        expect(comparable(again).some((e) => e.kind === 'weights-int8')).toBe(true);
      }),
      { numRuns: Number(process.env.BUNDLE_PROPERTY_RUNS ?? 8), examples, endOnFailure: true },
    );
  }, 600_000);

  it('studio predict scores a bundle in INT8 exactly as an INT8 deployment does, and in fp32 as an fp32 one', async () => {
    const made = await importZip(t, bases[0]!);
    const [run] = await runsOf(t, json<ProjectDetail>(made).id);
    const table = parseCsv(readFileSync(demoCsvPath));
    const fields = deriveInputSchema(table, 'creditability');
    const records = [...csvRecords(fields, table)].slice(0, 40).map(([, r]) => r);
    const seen: Record<string, number[]> = {};
    for (const precision of ['int8', 'fp32'] as const) {
      const slug = `bundle-${precision}-${provider}`;
      const d = json<Deployment>(
        await t.app.inject({
          method: 'POST',
          url: `/api/runs/${run!.id}/deploy`,
          payload: { slug, runtime: 'native', precision },
        }),
      );
      const key = json<{ key: string }>(
        await t.app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys` }),
      ).key;
      const live = json<{ predictions: { probability: number; score: number }[] }>(
        await t.app.inject({
          method: 'POST',
          url: `/v1/deployments/${slug}/predict/batch`,
          headers: { authorization: `Bearer ${key}` },
          payload: records,
        }),
      );
      const scorer = await BundleScorer.open(bases[0]!, { precision });
      try {
        for (const [i, r] of records.entries()) {
          const checked = checkRecord(scorer.fields, r);
          if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
          const p = await scorer.model.predict(checked.row);
          expect(p.probability, `${precision} row ${i}`).toBe(live.predictions[i]!.probability);
          expect(p.score).toBe(live.predictions[i]!.score);
          (seen[precision] ??= []).push(p.probability);
        }
      } finally {
        scorer.dispose();
      }
    }
    // The two really are different models (INT8 rounds the weights).
    expect(seen.int8).not.toEqual(seen.fp32);
  });

  it('reads a version 1 bundle (no entries list, old names) and refuses bad ones naming the entry', async () => {
    const files = await readZip(bases[0]!);
    const manifest = JSON.parse(files.get('bundle.json')!.toString()) as BundleManifest;
    const doc = JSON.parse(files.get('project.json')!.toString()) as BundleProject;
    /** The bundle, unsigned, with this manifest and project.json (its checksum updated in both lists), plus `extra`. */
    const rebuild = (m: BundleManifest, d: BundleProject, extra: [string, Buffer][] = []) => {
      const out = new Map(files);
      // The rebuilt bundle.json no longer matches the export's signature: leave it unsigned (imports untrusted).
      out.delete('bundle.sig');
      out.set('project.json', Buffer.from(JSON.stringify(d)));
      out.set('bundle.json', Buffer.from(JSON.stringify(withHashes(m, d))));
      return writeZip([...out, ...extra].map(([name, data]) => ({ name, data })));
    };
    const withHashes = (m: BundleManifest, d: BundleProject): BundleManifest => {
      const projectHash = sha256(Buffer.from(JSON.stringify(d)));
      return {
        ...m,
        files: { ...m.files, 'project.json': projectHash },
        ...(m.entries
          ? {
              entries: m.entries.map((e) => (e.path === 'project.json' ? { ...e, sha256: projectHash } : e)),
            }
          : {}),
      };
    };

    // Version 1: no entries; the importer derives them and keeps the run's files.
    const { entries: _entries, ...v1 } = { ...manifest, bundleVersion: 1 };
    const old = await importZip(t, await rebuild(v1, doc));
    expect(old.statusCode, old.body).toBe(201);
    const audit = json<{ action: string; changes: string[] }[]>(
      await t.app.inject({ method: 'GET', url: `/api/audit?projectId=${json<ProjectDetail>(old).id}` }),
    );
    expect(audit.find((e) => e.action === 'project.import')!.changes[0]).toContain('bundle v1');

    const refused = async (zip: Buffer, code: string, entry: string | RegExp) => {
      const res = await importZip(t, zip);
      expect(res.statusCode, res.body).toBe(400);
      const body = json<{ code: string; message: string }>(res);
      expect(body.code).toBe(code);
      expect(body.message).toMatch(entry);
      return body.message;
    };
    // Two entries with one name (what version 1 wrote for ONNX fp32 + INT8).
    const [firstName, firstData] = [...files].find(([n]) => n.startsWith('runs/'))!;
    const duplicate = await writeZip([
      ...[...files].map(([name, data]) => ({ name, data })),
      { name: firstName, data: firstData },
    ]);
    await refused(duplicate, 'BUNDLE_INVALID', new RegExp(`two entries named ${firstName}`));
    // An entry bundle.json does not list.
    await refused(
      await rebuild(manifest, doc, [['runs/r001/extra.bin', Buffer.from('x')]]),
      'BUNDLE_INVALID',
      /unknown entry runs\/r001\/extra\.bin/,
    );
    // A listed file that is not there.
    const missing = await writeZip(
      [...files].filter(([n]) => n !== firstName).map(([name, data]) => ({ name, data })),
    );
    await refused(
      missing,
      'BUNDLE_INVALID',
      new RegExp(`lists ${firstName}, but the bundle has no such file`),
    );
    // A project.json of the wrong shape.
    const wrong = structuredClone(doc) as unknown as { runs: { artifacts: unknown }[] };
    wrong.runs[0]!.artifacts = 'none';
    const wrongDoc = wrong as unknown as BundleProject;
    await refused(
      await rebuild(manifest, wrongDoc),
      'BUNDLE_INVALID',
      /project\.json does not have the expected shape \(at "runs\.0\.artifacts"/,
    );
    // A fitted-transforms file or a dataset schema of the wrong shape (checksums updated to match).
    const withFiles = (changed: [string, Buffer][]) => {
      const out = new Map(files);
      out.delete('bundle.sig');
      let m: BundleManifest = manifest;
      for (const [name, data] of changed) {
        out.set(name, data);
        const hash = sha256(data);
        m = {
          ...m,
          files: { ...m.files, [name]: hash },
          entries: m.entries!.map((e) => (e.path === name ? { ...e, sha256: hash } : e)),
        };
      }
      out.set('bundle.json', Buffer.from(JSON.stringify(m)));
      return writeZip([...out].map(([n, d]) => ({ name: n, data: d })));
    };
    const escape = (text: string) => text.replace(/[.]/g, '\\.');
    const schemaName = doc.datasets[0]!.schemaFile!;
    const badSchema = JSON.parse(files.get(schemaName)!.toString()) as { columns: { type: string }[] };
    badSchema.columns[0]!.type = 'text';
    await refused(
      await withFiles([[schemaName, Buffer.from(JSON.stringify(badSchema))]]),
      'BUNDLE_INVALID',
      new RegExp(`${escape(schemaName)} does not have the expected shape \\(at "columns\\.0\\.type"`),
    );
    const transformsFile = doc.runs[0]!.artifacts.find((a) => a.kind === 'transforms')!.file;
    const badTransforms = Buffer.from('{"format":"studio-pipeline","version":1}');
    const relinked = structuredClone(doc);
    relinked.runs[0]!.artifacts.find((a) => a.kind === 'transforms')!.sha256 = sha256(badTransforms);
    await refused(
      await withFiles([
        [transformsFile, badTransforms],
        ['project.json', Buffer.from(JSON.stringify(relinked))],
      ]),
      'BUNDLE_INVALID',
      new RegExp(`${escape(transformsFile)} does not have the expected shape`),
    );
    // A version 2 manifest whose entries miss a file.
    await refused(
      await rebuild({ ...manifest, entries: manifest.entries!.filter((e) => e.path !== firstName) }, doc),
      'BUNDLE_INVALID',
      new RegExp(`entries do not describe ${firstName}`),
    );
    // A newer bundleVersion: upgrade the Studio.
    const newer = await refused(
      await rebuild({ ...manifest, bundleVersion: 3 }, doc),
      'BUNDLE_VERSION_UNSUPPORTED',
      /newer Studio \(bundleVersion 3\)/,
    );
    expect(newer).toContain('Upgrade the Studio');
  });
});
