import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AuditEvent, Project, ProjectMembers } from '@studio/api';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const people: Actor[] = [
  { id: 'olga', name: 'Olga Owner', role: 'analyst' },
  { id: 'ed', name: 'Ed Editor', role: 'analyst' },
  { id: 'vic', name: 'Vic Viewer', role: 'analyst' },
  { id: 'nina', name: 'Nina Outsider', role: 'analyst' },
  { id: 'val', name: 'Val Validator', role: 'validator' },
  { id: 'alex', name: 'Alex Admin', role: 'admin' },
];

describe.each(testProviders)('project membership on %s', (provider) => {
  let t: TestApp;
  let project: Project;

  beforeAll(async () => {
    t = await createTestApp(provider, {
      auth: 'sessions',
      authenticate: async (request) => ({
        actor: people.find((p) => p.id === request.headers['x-user'])!,
        username: String(request.headers['x-user']),
        via: 'session',
        expiresAt: null,
        mustSetPassword: false,
      }),
    });
    for (const p of people)
      await t.app.prisma.user.create({ data: { id: p.id, name: p.name, role: p.role, username: p.id } });
    const made = await as('olga', 'POST', '/api/projects', { name: 'Scorecard 2027' });
    expect(made.statusCode, made.body).toBe(201);
    project = json<Project>(made);
  }, 60_000);
  afterAll(async () => t?.close());

  const as = (user: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { 'x-user': user }, ...(payload ? { payload } : {}) });
  const members = () => `/api/projects/${project.id}/members`;

  it('the creator owns the project; others do not see it until added', async () => {
    const list = json<ProjectMembers>(await as('olga', 'GET', members()));
    expect(list.myAccess).toBe('owner');
    expect(list.members).toEqual([expect.objectContaining({ userId: 'olga', role: 'owner', creator: true })]);
    expect((await as('nina', 'GET', `/api/projects/${project.id}`)).statusCode).toBe(404);
    expect(json<Project[]>(await as('nina', 'GET', '/api/projects')).map((p) => p.id)).not.toContain(
      project.id,
    );
    // Validators and admins oversee every project without membership.
    expect((await as('val', 'GET', `/api/projects/${project.id}`)).statusCode).toBe(200);
    expect(json<ProjectMembers>(await as('alex', 'GET', members())).myAccess).toBe('oversight');
  });

  it('the owner adds an editor and a viewer; each may do what the project role allows', async () => {
    expect((await as('olga', 'POST', members(), { username: 'ed', role: 'editor' })).statusCode).toBe(200);
    const added = json<ProjectMembers>(
      await as('olga', 'POST', members(), { username: 'vic', role: 'viewer' }),
    );
    expect(added.members.map((m) => [m.userId, m.role])).toEqual([
      ['olga', 'owner'],
      ['ed', 'editor'],
      ['vic', 'viewer'],
    ]);
    // The list tells each caller their access, so the web app can disable what they may not do.
    const accessOf = async (user: string) =>
      json<Project[]>(await as(user, 'GET', '/api/projects')).find((p) => p.id === project.id)?.access;
    expect(await accessOf('olga')).toBe('owner');
    expect(await accessOf('ed')).toBe('editor');
    expect(await accessOf('vic')).toBe('viewer');
    expect(await accessOf('val')).toBe('oversight');
    expect(
      (await as('ed', 'PATCH', `/api/projects/${project.id}`, { description: 'by Ed' })).statusCode,
    ).toBe(200);
    const refused = await as('vic', 'PATCH', `/api/projects/${project.id}`, { description: 'by Vic' });
    expect(refused.statusCode).toBe(403);
    expect(json(refused).message).toMatch(/role in this project \(viewer\)/);
    expect((await as('vic', 'GET', `/api/projects/${project.id}`)).statusCode).toBe(200);
    // Only owners manage members and delete the project.
    expect((await as('ed', 'POST', members(), { username: 'nina', role: 'viewer' })).statusCode).toBe(403);
    const del = await as('ed', 'DELETE', `/api/projects/${project.id}`);
    expect(del.statusCode).toBe(403);
    expect(json(del).message).toMatch(/owners/);
  });

  it('roles change and members leave, audited with names; the creator stays owner', async () => {
    expect(
      json<ProjectMembers>(await as('olga', 'PATCH', `${members()}/vic`, { role: 'editor' })).members,
    ).toContainEqual(expect.objectContaining({ userId: 'vic', role: 'editor' }));
    expect(
      (await as('vic', 'PATCH', `/api/projects/${project.id}`, { description: 'by Vic' })).statusCode,
    ).toBe(200);
    expect((await as('olga', 'DELETE', `${members()}/vic`)).statusCode).toBe(200);
    expect((await as('vic', 'GET', `/api/projects/${project.id}`)).statusCode).toBe(404);
    const creator = await as('alex', 'DELETE', `${members()}/olga`);
    expect(creator.statusCode).toBe(409);
    expect(json(creator).code).toBe('PROJECT_CREATOR');
    expect((await as('olga', 'POST', members(), { username: 'nobody', role: 'viewer' })).statusCode).toBe(
      404,
    );
    const events = json<AuditEvent[]>(await as('alex', 'GET', `/api/audit?projectId=${project.id}`));
    const sentences = events.map((e) => e.summary).join('\n');
    expect(sentences).toContain('Ed Editor (ed) added to project "Scorecard 2027" as editor');
    expect(sentences).toContain('Vic Viewer (vic) is now editor of project "Scorecard 2027" (was viewer)');
    expect(sentences).toContain('Vic Viewer (vic) removed from project "Scorecard 2027"');
  });

  it('the audit trail shows a reader without oversight only the projects they see, and their own events', async () => {
    const url = `/api/audit?projectId=${project.id}`;
    const own = json<AuditEvent[]>(await as('olga', 'GET', url));
    expect(own.length).toBeGreaterThan(0);
    expect(json<AuditEvent[]>(await as('nina', 'GET', url))).toEqual([]);
    const all = json<AuditEvent[]>(await as('nina', 'GET', '/api/audit'));
    expect(all.filter((e) => e.projectId === project.id)).toEqual([]);
    expect(all.every((e) => e.projectId !== null || e.actor.id === 'nina')).toBe(true);
    const exported = await as('nina', 'GET', '/api/audit/export?format=jsonl');
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(project.id);
    // Oversight reads everything, and the export holds the project's events.
    expect(json<AuditEvent[]>(await as('val', 'GET', url)).length).toBe(own.length);
    expect((await as('alex', 'GET', '/api/audit/export?format=jsonl')).body).toContain(project.id);
  });

  it('the dataset library lists only the projects a reader sees, and a hidden dataset cannot be copied', async () => {
    const hidden = await t.app.prisma.dataset.create({
      data: {
        projectId: project.id,
        name: 'olga-applicants.csv',
        sha256: 'f'.repeat(64),
        sizeBytes: 10,
        rowCount: 1,
        columns: [],
        uploadedById: 'olga',
      },
    });
    const names = async (user: string) =>
      json<{ name: string }[]>(await as(user, 'GET', '/api/datasets')).map((e) => e.name);
    expect(await names('olga')).toContain('olga-applicants.csv');
    expect(await names('val')).toContain('olga-applicants.csv');
    expect(await names('nina')).not.toContain('olga-applicants.csv');
    const ninas = json<Project>(await as('nina', 'POST', '/api/projects', { name: 'Nina Own' }));
    const copy = await as('nina', 'POST', `/api/projects/${ninas.id}/datasets/copy`, {
      datasetId: hidden.id,
    });
    expect(copy.statusCode).toBe(404);
    expect(json(copy).code).toBe('DATASET_NOT_FOUND');
  });

  it('a project nobody who signs in made (the seeded demo) is open to all until an admin adds members', async () => {
    const open = await t.app.prisma.project.create({
      data: {
        name: 'Demo',
        createdById: (await t.app.prisma.user.create({ data: { id: 'seed', name: 'Seed' } })).id,
      },
    });
    expect(json<Project[]>(await as('nina', 'GET', '/api/projects')).map((p) => p.id)).toContain(open.id);
    expect((await as('nina', 'PATCH', `/api/projects/${open.id}`, { description: 'x' })).statusCode).toBe(
      200,
    );
    // Anybody's to work in, nobody's to claim.
    expect(
      (await as('nina', 'POST', `/api/projects/${open.id}/members`, { username: 'nina', role: 'owner' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await as('alex', 'POST', `/api/projects/${open.id}/members`, { username: 'ed', role: 'owner' }))
        .statusCode,
    ).toBe(200);
    expect((await as('nina', 'GET', `/api/projects/${open.id}`)).statusCode).toBe(404);
    expect((await as('ed', 'GET', `/api/projects/${open.id}`)).statusCode).toBe(200);
  });
});
