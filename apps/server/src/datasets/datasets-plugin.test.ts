import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, Dataset, DatasetLibraryEntry, Project } from '@studio/api';
import { demoCsvPath } from '../seed/seed';
import { filesUnder } from '../test-support/files';
import { multipartFile } from '../test-support/multipart';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const MAX_UPLOAD = 64 * 1024;
const german = readFileSync(demoCsvPath);

describe.each(testProviders)('datasets API on %s', (provider) => {
  let t: TestApp;
  let project: Project;

  beforeAll(async () => {
    t = await createTestApp(provider, { maxUploadBytes: MAX_UPLOAD });
    project = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Data' } }),
    );
  });
  afterAll(async () => t?.close());

  const upload = (content: Buffer | string, filename = 'loans.csv', projectId = project.id) =>
    t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/datasets`,
      ...multipartFile(content, filename),
    });
  const rows = () => t.app.prisma.dataset.count();
  const blobs = () => filesUnder(join(t.db.dataDir, 'blobs'));
  const temps = () => filesUnder(join(t.db.dataDir, 'tmp'));

  it('stores an upload by content hash with its inferred schema, once per content, and audits it', async () => {
    const small = german.subarray(0, german.indexOf('\n', 20_000) + 1);
    const res = await upload(small, 'german_credit.csv');
    expect(res.statusCode).toBe(201);
    const ds = json<Dataset>(res);
    const sha256 = createHash('sha256').update(small).digest('hex');
    expect(ds).toMatchObject({
      projectId: project.id,
      name: 'german_credit.csv',
      sha256,
      sizeBytes: small.length,
    });
    expect(ds.columns).toHaveLength(21);
    expect(ds.columns.find((c) => c.name === 'credit_amount')).toMatchObject({
      type: 'numeric',
      missingCount: 0,
    });
    expect(ds.rowCount).toBe(small.toString().trim().split('\n').length - 1);
    expect(existsSync(join(t.db.dataDir, 'blobs', 'sha256', sha256.slice(0, 2), sha256))).toBe(true);

    const again = json<Dataset>(await upload(small, 'copy.csv'));
    expect(again.id).not.toBe(ds.id);
    expect(blobs()).toEqual([join('sha256', sha256.slice(0, 2), sha256)]);

    expect(
      json<Dataset[]>(await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}/datasets` })).map(
        (d) => d.id,
      ),
    ).toEqual([again.id, ds.id]);
    expect(json<Dataset>(await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}` }))).toEqual(ds);
    const audit = json<AuditEvent[]>(
      await t.app.inject({ method: 'GET', url: `/api/audit?action=dataset.upload&projectId=${project.id}` }),
    );
    expect(audit.map((e) => e.targetId)).toEqual([again.id, ds.id]);
    expect(audit[1]).toMatchObject({ afterHash: sha256 });
  });

  it('lists the library once per content, with every name, uploader, copy count and project', async () => {
    const other = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Other' } }),
    );
    const lines = ['a,b,y', '1,2,0', '3,4,1', '5,6,0'];
    const first = json<Dataset>(await upload(lines.join('\n'), 'tiny.csv'));
    const second = json<Dataset>(await upload(lines.join('\n'), 'tiny (1).csv', other.id));
    const distinct = json<Dataset>(await upload([...lines, '7,8,1'].join('\n'), 'tiny.csv', other.id));
    const library = json<DatasetLibraryEntry[]>(await t.app.inject({ method: 'GET', url: '/api/datasets' }));
    expect(new Set(library.map((e) => e.sha256)).size).toBe(library.length);
    const same = library.find((e) => e.sha256 === first.sha256);
    expect(same).toMatchObject({
      datasetId: second.id,
      name: 'tiny (1).csv',
      otherNames: ['tiny.csv'],
      rowCount: 3,
      columnCount: 3,
      copies: 2,
      uploaders: [{ name: expect.any(String) }],
      projects: [
        { id: other.id, name: 'Other' },
        { id: project.id, name: 'Data' },
      ],
    });
    expect(library.find((e) => e.sha256 === distinct.sha256)).toMatchObject({ copies: 1, rowCount: 4 });
    // Newest content first.
    expect(library[0]!.sha256).toBe(distinct.sha256);
  });

  it('copies a library dataset into a project, sharing the stored file, and audits it', async () => {
    const lines = ['a,y', '1,0', '2,1'];
    const source = json<Dataset>(await upload(lines.join('\n'), 'copied.csv'));
    const into = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Into' } }),
    );
    const blobsBefore = blobs();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${into.id}/datasets/copy`,
      payload: { datasetId: source.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    const copy = json<Dataset>(res);
    expect(copy).toMatchObject({
      projectId: into.id,
      name: 'copied.csv',
      sha256: source.sha256,
      rowCount: 2,
    });
    expect(copy.id).not.toBe(source.id);
    expect(blobs()).toEqual(blobsBefore);
    const audit = json<AuditEvent[]>(
      await t.app.inject({ method: 'GET', url: `/api/audit?action=dataset.copy&projectId=${into.id}` }),
    );
    expect(audit.map((e) => e.targetId)).toEqual([copy.id]);
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${into.id}/datasets/copy`,
      payload: { datasetId: 'nope' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an upload over the limit with 413, leaving no row and no file', async () => {
    const [rowsBefore, blobsBefore] = [await rows(), blobs()];
    const res = await upload(german, 'german_credit.csv');
    expect(german.length).toBeGreaterThan(MAX_UPLOAD);
    expect(res.statusCode).toBe(413);
    expect(json(res)).toMatchObject({ code: 'UPLOAD_TOO_LARGE' });
    expect(await rows()).toBe(rowsBefore);
    expect(blobs()).toEqual(blobsBefore);
    expect(temps()).toEqual([]);
  });

  it.each([
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28, 0x0a, 0x01])],
    ['an unterminated quote', 'a,b\n1,"oops\n2,3\n'],
    ['an empty file', ''],
    ['ragged rows', 'a,b,c\n1,2,3\n4,5\n'],
  ])('refuses %s with 400, leaving no row and no file', async (_what, content) => {
    const [rowsBefore, blobsBefore] = [await rows(), blobs()];
    const res = await upload(content);
    expect(res.statusCode).toBe(400);
    expect(json<{ code: string }>(res).code).toMatch(/^CSV_/);
    expect(await rows()).toBe(rowsBefore);
    expect(blobs()).toEqual(blobsBefore);
    expect(temps()).toEqual([]);
  });

  it('answers 404 for an upload to an unknown project and an unknown dataset', async () => {
    const res = await upload('a,b\n1,2\n', 'x.csv', 'nope');
    expect(res.statusCode).toBe(404);
    expect(json(res)).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    expect((await t.app.inject({ method: 'GET', url: '/api/datasets/nope' })).statusCode).toBe(404);
  });

  it('answers 400 for a request without a file part', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/datasets`,
      payload: { not: 'multipart' },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
