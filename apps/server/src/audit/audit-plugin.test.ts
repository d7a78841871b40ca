import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, Project } from '@studio/api';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const users = [
  { id: 'ana', name: 'Ana Analyst' },
  { id: 'ben', name: 'Ben Builder' },
];

describe.each(testProviders)('audit API on %s', (provider) => {
  let t: TestApp;
  let p1: Project;
  let p2: Project;
  let between: string;

  // Sign-in replaces the actor decorator; here a header picks one of two users, proving that seam.
  beforeAll(async () => {
    t = await createTestApp(provider, {
      authenticate: async (request) => {
        const user = users.find((u) => u.id === request.headers['x-user']) ?? users[0]!;
        return {
          actor: { ...user, role: 'analyst' },
          username: null,
          via: 'session',
          expiresAt: null,
          mustSetPassword: false,
        };
      },
    });
    for (const u of users) await t.app.prisma.user.create({ data: u });
    const as = (user: string, method: 'POST' | 'PATCH', url: string, payload: object) =>
      t.app.inject({ method, url, payload, headers: { 'x-user': user } });
    p1 = json<Project>(await as('ana', 'POST', '/api/projects', { name: 'One' }));
    p2 = json<Project>(await as('ben', 'POST', '/api/projects', { name: 'Two' }));
    await new Promise((r) => setTimeout(r, 20));
    between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await as('ben', 'PATCH', `/api/projects/${p1.id}`, { description: 'reviewed' });
  });
  afterAll(async () => t?.close());

  const query = async (qs: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/audit?${qs}` });
    expect(res.statusCode).toBe(200);
    return json<AuditEvent[]>(res).map(
      (e) => `${e.actor.id}:${e.action}:${e.targetId === p1.id ? 'p1' : 'p2'}`,
    );
  };

  it('filters by project, actor, action and time range, newest first', async () => {
    expect(await query('')).toEqual([
      'ben:project.update:p1',
      'ben:project.create:p2',
      'ana:project.create:p1',
    ]);
    expect(await query(`projectId=${p1.id}`)).toEqual(['ben:project.update:p1', 'ana:project.create:p1']);
    expect(await query('actor=ben')).toEqual(['ben:project.update:p1', 'ben:project.create:p2']);
    expect(await query('action=project.create')).toEqual(['ben:project.create:p2', 'ana:project.create:p1']);
    expect(await query(`from=${between}`)).toEqual(['ben:project.update:p1']);
    expect(await query(`to=${between}`)).toEqual(['ben:project.create:p2', 'ana:project.create:p1']);
    expect(await query(`actor=ana&projectId=${p2.id}`)).toEqual([]);
    expect(await query('limit=1')).toEqual(['ben:project.update:p1']);
  });

  it('records the actor by name and the readable change lines', async () => {
    const [update] = json<AuditEvent[]>(
      await t.app.inject({ method: 'GET', url: '/api/audit?action=project.update' }),
    );
    expect(update).toMatchObject({
      actor: { id: 'ben', name: 'Ben Builder' },
      changes: ['description "" -> "reviewed"'],
      projectId: p1.id,
    });
  });

  it('answers 400 for a malformed filter', async () => {
    for (const qs of ['from=yesterday', 'limit=0', 'limit=abc']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/audit?${qs}` });
      expect(res.statusCode, qs).toBe(400);
      expect(json(res)).toMatchObject({ code: 'REQUEST_INVALID' });
    }
  });

  it('answers GET /api/me with the authenticated actor', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { 'x-user': 'ben' } });
    expect(json(res)).toEqual({ id: 'ben', name: 'Ben Builder', role: 'analyst' });
  });
});
