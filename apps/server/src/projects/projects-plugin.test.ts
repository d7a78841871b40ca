import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, Dataset, Project, ProjectDetail } from '@studio/api';
import { demoGraph } from '../seed/demo-graph';
import { multipartFile } from '../test-support/multipart';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

describe.each(testProviders)('projects API on %s', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => t?.close());

  const create = (body: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/projects', payload: body as object });

  it('creates, lists, reads, renames and deletes a project, auditing each change', async () => {
    const created = await create({ name: 'Retail PD', description: 'first try' });
    expect(created.statusCode).toBe(201);
    const project = json<Project>(created);
    expect(project).toMatchObject({
      name: 'Retail PD',
      description: 'first try',
      headVersionId: null,
      headVersionNumber: null,
    });

    const list = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' }));
    expect(list.map((p) => p.id)).toContain(project.id);

    const detail = json<ProjectDetail>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}` }),
    );
    expect(detail).toMatchObject({ id: project.id, head: null });

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      payload: { name: 'Retail PD v2' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(json<Project>(renamed).name).toBe('Retail PD v2');

    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/projects/${project.id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}` })).statusCode).toBe(404);

    const audit = json<AuditEvent[]>(
      await t.app.inject({ method: 'GET', url: `/api/audit?projectId=${project.id}` }),
    );
    expect(audit.map((e) => e.action)).toEqual(['project.delete', 'project.update', 'project.create']);
    expect(audit[1]?.changes).toEqual(['name "Retail PD" -> "Retail PD v2"']);
    expect(audit[0]?.actor).toEqual({ id: 'local', name: 'Local analyst' });
  });

  it('deletes a project together with its versions and datasets (foreign keys enforced)', async () => {
    const project = json<Project>(await create({ name: 'Doomed' }));
    const upload = multipartFile('a,creditability\n1,good\n2,bad\n', 'tiny.csv');
    const dataset = json<Dataset>(
      await t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/datasets`, ...upload }),
    );
    const saved = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/graph`,
      payload: { graph: demoGraph(dataset.id), baseVersionId: null },
    });
    expect(saved.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/projects/${project.id}` })).statusCode).toBe(
      204,
    );
    expect(await t.app.prisma.graphVersion.count({ where: { projectId: project.id } })).toBe(0);
    expect(await t.app.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
  });

  it('answers 404 with a coded body for an unknown project on every project route', async () => {
    const urls = [
      ['GET', '/api/projects/nope'],
      ['PATCH', '/api/projects/nope'],
      ['DELETE', '/api/projects/nope'],
      ['GET', '/api/projects/nope/versions'],
      ['GET', '/api/projects/nope/datasets'],
      ['POST', '/api/projects/nope/graph'],
    ] as const;
    for (const [method, url] of urls) {
      const payload =
        method === 'PATCH'
          ? { name: 'x' }
          : method === 'POST'
            ? { graph: {}, baseVersionId: null }
            : undefined;
      const res = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(json(res)).toMatchObject({ code: 'PROJECT_NOT_FOUND', requestId: expect.any(String) });
    }
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON, and changes nothing', async () => {
    const before = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' })).length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "half',
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ code: 'MALFORMED_JSON', requestId: expect.any(String) });
    expect(json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' }))).toHaveLength(before);
  });

  it('answers 400 REQUEST_INVALID for a body that breaks the DTO', async () => {
    const res = await create({ name: '   ' });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ code: 'REQUEST_INVALID' });
    expect(json<{ message: string }>(res).message).toContain('give the project a name');
  });

  it('answers a coded 404 for unknown API paths', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(json(res)).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});
