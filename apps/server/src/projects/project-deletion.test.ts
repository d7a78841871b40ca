import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditVerification, CreatedApiKey, Deployment, Project, Run } from '@studio/api';
import { trainHead } from '../test-support/trained-runs';
import { DEMO_PROJECT_NAME, demoCsvPath, seedDemo } from '../seed/seed';
import { multipartFile } from '../test-support/multipart';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

describe.each(testProviders)('deleting a project on %s', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
  }, 60_000);
  afterAll(async () => t?.close());

  it('cancels its runs, undeploys it, revokes its keys and removes its blobs, in one audited step', async () => {
    const projects = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' }));
    const demo = projects.find((p) => p.name === DEMO_PROJECT_NAME)!;
    const run = await trainHead(t.app, demo.id);
    expect(run.status).toBe('succeeded');
    const d = json<Deployment>(
      await t.app.inject({ method: 'POST', url: `/api/runs/${run.id}/deploy`, payload: { slug: 'doomed' } }),
    );
    const key = json<CreatedApiKey>(
      await t.app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys` }),
    );
    const predict = (k: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/deployments/doomed/predict',
        headers: { authorization: `Bearer ${k}` },
        payload: {},
      });
    expect((await predict(key.key)).statusCode).not.toBe(401);

    // Another project holds the same dataset file: that blob must survive.
    const other = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Keeps the data' } }),
    );
    const upload = multipartFile(readFileSync(demoCsvPath), 'german_credit.csv');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/projects/${other.id}/datasets`, ...upload }))
        .statusCode,
    ).toBe(201);
    const rows = await t.app.prisma.modelArtifact.findMany({ where: { projectId: demo.id } });
    const datasetBlobs = await t.app.prisma.dataset.findMany({ where: { projectId: demo.id } });
    const blobPath = (sha: string) => t.app.datasets.blobs.pathOf(sha);
    expect(rows.length).toBeGreaterThan(0);
    for (const a of rows) expect(existsSync(blobPath(a.sha256))).toBe(true);

    // A run still active when the project goes.
    const started = json<Run>(
      await t.app.inject({ method: 'POST', url: `/api/projects/${demo.id}/runs`, payload: {} }),
    );
    expect(['queued', 'running']).toContain(started.status);

    const auditBefore = await t.app.prisma.auditEvent.count();
    const res = await t.app.inject({ method: 'DELETE', url: `/api/projects/${demo.id}` });
    expect(res.statusCode, res.body).toBe(204);

    expect(await t.app.prisma.run.count({ where: { projectId: demo.id } })).toBe(0);
    expect(await t.app.prisma.run.count({ where: { status: { in: ['queued', 'running'] } } })).toBe(0);
    expect(await t.app.prisma.deployment.count({ where: { slug: 'doomed' } })).toBe(0);
    expect((await predict(key.key)).statusCode).toBeGreaterThanOrEqual(400);
    const keyRow = await t.app.prisma.deploymentKey.findFirstOrThrow({ where: { id: key.id } });
    expect(keyRow.revokedAt).not.toBeNull();
    // Model files only this project used are gone; the dataset file the other project holds stays.
    const shared = new Set(
      (await t.app.prisma.dataset.findMany({ where: { projectId: other.id } })).map((x) => x.sha256),
    );
    for (const a of rows) if (!shared.has(a.sha256)) expect(existsSync(blobPath(a.sha256))).toBe(false);
    for (const ds of datasetBlobs) expect(existsSync(blobPath(ds.sha256))).toBe(shared.has(ds.sha256));
    expect(datasetBlobs.some((ds) => shared.has(ds.sha256))).toBe(true);

    // One event says all of it; the chain still verifies.
    expect(await t.app.prisma.auditEvent.count()).toBe(auditBefore + 1);
    const [event] = json<AuditEvent[]>(
      await t.app.inject({ method: 'GET', url: `/api/audit?projectId=${demo.id}&action=project.delete` }),
    );
    expect(event!.changes).toEqual([
      `deleted project "${DEMO_PROJECT_NAME}"`,
      '1 active run cancelled',
      'undeployed doomed',
      '1 deployment key revoked',
    ]);
    expect(event!.summary).toContain(`Local analyst deleted project "${DEMO_PROJECT_NAME}"`);
    const v = json<AuditVerification>(await t.app.inject({ method: 'GET', url: '/api/audit/verify' }));
    expect(v.ok).toBe(true);

    // A new project taking the same slug inherits nothing: the old key stays revoked.
    const again = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Doomed again' } }),
    );
    expect(again.id).not.toBe(demo.id);
    const res2 = await predict(key.key);
    expect([401, 403, 404]).toContain(res2.statusCode);
  }, 180_000);
});
