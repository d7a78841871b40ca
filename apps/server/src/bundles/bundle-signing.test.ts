import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditVerification, ImportedHistory, ProjectDetail, Run } from '@studio/api';
import { trainHead } from '../test-support/trained-runs';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import type { BundleManifest, BundleProject } from './bundle-format';
import { readZip, writeZip } from './zip';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const importZip = (t: TestApp, payload: Buffer, confirmModified = false) =>
  t.app.inject({
    method: 'POST',
    url: `/api/projects/import${confirmModified ? '?confirmModified=true' : ''}`,
    headers: { 'content-type': 'application/zip' },
    payload,
  });

/** Rewrites files of a bundle and recomputes bundle.json's checksums, as a forger would; bundle.sig is kept. */
async function tamper(zip: Buffer, edit: (name: string, data: Buffer) => Buffer): Promise<Buffer> {
  const files = await readZip(zip);
  const edited = new Map([...files].map(([name, data]) => [name, edit(name, data)]));
  const manifest = JSON.parse(edited.get('bundle.json')!.toString()) as BundleManifest;
  for (const name of Object.keys(manifest.files)) manifest.files[name] = sha256(edited.get(name)!);
  manifest.entries = manifest.entries?.map((e) => ({ ...e, sha256: sha256(edited.get(e.path)!) }));
  edited.set('bundle.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  return writeZip([...edited].map(([name, data]) => ({ name, data })));
}

describe.each(testProviders)('signed bundles on %s', (provider) => {
  let source: TestApp;
  let foreign: TestApp;
  let zip: Buffer;
  let run: Run;

  beforeAll(async () => {
    source = await createTestApp(provider);
    foreign = await createTestApp(provider);
    await seedDemo(source.app);
    const projects = json<{ id: string; name: string }[]>(
      await source.app.inject({ method: 'GET', url: '/api/projects' }),
    );
    const demoId = projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id;
    run = await trainHead(source.app, demoId);
    expect(run.status).toBe('succeeded');
    const res = await source.app.inject({
      method: 'GET',
      url: `/api/projects/${demoId}/bundle?includeData=true`,
    });
    expect(res.statusCode).toBe(200);
    zip = res.rawPayload;
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    await foreign?.close();
  });

  const runsOf = async (t: TestApp, projectId: string) =>
    json<Run[]>(await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}/runs` }));
  const deploy = (t: TestApp, runId: string, slug: string) =>
    t.app.inject({ method: 'POST', url: `/api/runs/${runId}/deploy`, payload: { slug } });

  it('export signs the manifest with the instance key and is audited with the bundle hash', async () => {
    const files = await readZip(zip);
    const sig = JSON.parse(files.get('bundle.sig')!.toString()) as { algorithm: string; signer: string };
    expect(sig.algorithm).toBe('ed25519');
    const [event] = json<AuditEvent[]>(
      await source.app.inject({ method: 'GET', url: '/api/audit?action=bundle.export' }),
    );
    expect(event!.afterHash).toBe(sha256(zip));
    expect(event!.summary).toContain(
      `exported project "${DEMO_PROJECT_NAME}" as a bundle signed by ${sig.signer}`,
    );
  });

  it('signed by this instance, intact: runs stay trusted and deploy', async () => {
    const before = await source.app.prisma.auditEvent.count();
    const res = await importZip(source, zip);
    expect(res.statusCode, res.body).toBe(201);
    const p = json<ProjectDetail>(res);
    expect(p.imported).toMatchObject({ signature: 'intact', bundleHash: sha256(zip) });
    const [copy] = await runsOf(source, p.id);
    expect(copy!.untrusted).toBeNull();
    expect((await deploy(source, copy!.id, 'intact-copy')).statusCode).toBe(201);
    // The import is one chained event naming the bundle's hash; the bundle's history is kept apart, unverified.
    const events = json<AuditEvent[]>(
      await source.app.inject({ method: 'GET', url: `/api/audit?projectId=${p.id}` }),
    );
    expect(events.map((e) => e.action)).toEqual(['deployment.deploy', 'project.import']);
    expect(events[1]!.summary).toContain(sha256(zip));
    expect(await source.app.prisma.auditEvent.count()).toBe(before + 2);
    const history = json<ImportedHistory>(
      await source.app.inject({ method: 'GET', url: `/api/projects/${p.id}/imported-history` }),
    );
    expect(history).toMatchObject({ label: 'imported history, unverified', signature: 'intact' });
    expect(history.events.map((e) => e.action)).toContain('run.finish');
    const v = json<AuditVerification>(await source.app.inject({ method: 'GET', url: '/api/audit/verify' }));
    expect(v.ok).toBe(true);
  });

  it('unknown signer: imports, but its runs are untrusted until retrained', async () => {
    const res = await importZip(foreign, zip);
    expect(res.statusCode, res.body).toBe(201);
    const p = json<ProjectDetail>(res);
    expect(p.imported).toMatchObject({ signature: 'unknown-signer' });
    const [copy] = await runsOf(foreign, p.id);
    expect(copy!.untrusted).toContain('unknown signer');
    const refused = await deploy(foreign, copy!.id, 'foreign-copy');
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({ code: 'RUN_UNTRUSTED' });
    const retrained = await trainHead(foreign.app, p.id);
    expect(retrained.untrusted).toBeNull();
    expect((await deploy(foreign, retrained.id, 'foreign-copy')).statusCode).toBe(201);
  }, 120_000);

  it('a bundle whose graph and AUC were edited, manifest recomputed: modified since export, needs confirmation, untrusted', async () => {
    const forged = await tamper(zip, (name, data) => {
      if (name === 'project.json') {
        const doc = JSON.parse(data.toString()) as BundleProject;
        for (const r of doc.runs) {
          const m = r.metrics as { evaluation?: { auc: number } | null };
          if (m.evaluation) m.evaluation.auc = 0.99;
        }
        return Buffer.from(JSON.stringify(doc));
      }
      if (name.startsWith('graph/')) {
        const g = JSON.parse(data.toString()) as { nodes: { params: Record<string, unknown> }[] };
        g.nodes[0]!.params.note = 'edited after export';
        return Buffer.from(JSON.stringify(g));
      }
      return data;
    });
    const projectsBefore = await source.app.prisma.project.count();
    const auditBefore = await source.app.prisma.auditEvent.count();
    const refused = await importZip(source, forged);
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({ code: 'BUNDLE_MODIFIED' });
    expect(json<{ message: string }>(refused).message).toContain('modified since export');
    expect(await source.app.prisma.project.count()).toBe(projectsBefore);
    expect(await source.app.prisma.auditEvent.count()).toBe(auditBefore);

    const res = await importZip(source, forged, true);
    expect(res.statusCode, res.body).toBe(201);
    const p = json<ProjectDetail>(res);
    expect(p.imported).toMatchObject({ signature: 'modified', bundleHash: sha256(forged) });
    const [copy] = await runsOf(source, p.id);
    expect(copy!.evaluation?.auc).toBe(0.99);
    expect(copy!.untrusted).toContain('modified since export');
    const d = await deploy(source, copy!.id, 'forged-copy');
    expect(d.statusCode).toBe(409);
    expect(json(d)).toMatchObject({ code: 'RUN_UNTRUSTED' });
    const [event] = json<AuditEvent[]>(
      await source.app.inject({ method: 'GET', url: `/api/audit?projectId=${p.id}&action=project.import` }),
    );
    expect(event!.summary).toContain('confirmed by the importer');
  });

  it('a re-signed forgery (the forger signs with their own key) reads unknown signer, and an unsigned bundle unsigned', async () => {
    const unsigned = await writeZip(
      [...(await readZip(zip))]
        .filter(([name]) => name !== 'bundle.sig')
        .map(([name, data]) => ({ name, data })),
    );
    const res = await importZip(source, unsigned);
    expect(res.statusCode, res.body).toBe(201);
    const p = json<ProjectDetail>(res);
    expect(p.imported).toMatchObject({ signature: 'unsigned', signer: null });
    expect((await runsOf(source, p.id))[0]!.untrusted).toContain('unsigned');
    // The foreign instance exports the project it imported: signed by a key `source` does not know.
    const foreignProject = json<{ id: string; name: string }[]>(
      await foreign.app.inject({ method: 'GET', url: '/api/projects' }),
    )[0]!;
    const resigned = await foreign.app.inject({
      method: 'GET',
      url: `/api/projects/${foreignProject.id}/bundle`,
    });
    const back = json<ProjectDetail>(await importZip(source, resigned.rawPayload));
    expect(back.imported).toMatchObject({ signature: 'unknown-signer' });
  });
});
