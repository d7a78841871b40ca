import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type ProjectDetail, type Role } from '@studio/api';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import {
  CALLERS,
  MEMBER_CALLERS,
  type MemberCaller,
  deriveMatrix,
  MATRIX_JSON,
  readMatrix,
  SECURITY_MD,
  withMatrix,
  type Caller,
  type Cell,
} from './route-matrix';

const PASSWORD = 'matrix password 123';
const FAKE = 'no-such-id';

/** OpenAPI `{param}` → Fastify `:param`. */
const fastifyPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

/** The status, with the PDF route's 503 PDF_RENDERER_MISSING (no Chromium here) read as the route's own answer. */
function served(res: { statusCode: number; body: string }): number {
  return res.statusCode === 503 && res.body.includes('PDF_RENDERER_MISSING') ? 200 : res.statusCode;
}

function statusMatches(cell: Cell, status: number): boolean {
  switch (cell) {
    case '401':
      return status === 401;
    case '403':
      return status === 403;
    case '404':
      return status === 404;
    case 'key':
      return status === 401; // no deployment key presented: refused whoever the session is
    case 'ok':
      return status !== 401 && status !== 403 && status < 500;
  }
}

describe('route matrix', () => {
  let t: TestApp;
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestApp('sqlite', { auth: 'sessions', signInPerMinute: 1000 });
    for (const role of ROLES) {
      await t.app.auth.createUser({ username: `u-${role}`, name: `A ${role}`, role, password: PASSWORD });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: `u-${role}`, password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      cookies.set(role, String(res.headers['set-cookie']).split(';')[0]!);
    }
  }, 60_000);
  afterAll(async () => t?.close());

  it('docs/route-matrix.json is what the policy table implies (run `pnpm --filter @studio/server route-matrix`)', () => {
    expect(readMatrix()).toEqual(deriveMatrix());
    expect(JSON.parse(readFileSync(MATRIX_JSON, 'utf8'))).toHaveLength(deriveMatrix().length);
  });

  it('docs/security.md renders the checked-in matrix (stale doc fails)', () => {
    const doc = readFileSync(SECURITY_MD, 'utf8');
    expect(doc).toBe(withMatrix(doc, readMatrix()));
  });

  it('every route of the OpenAPI document answers each caller as the matrix says', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const matrix = new Map(readMatrix().map((r) => [`${r.method} ${r.path}`, r]));
    const walked: string[] = [];
    const wrong: string[] = [];
    for (const [openApiPath, ops] of Object.entries(doc.paths)) {
      const path = fastifyPath(openApiPath);
      for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
        if (!['GET', 'POST', 'PATCH', 'DELETE'].includes(method)) continue;
        const row = matrix.get(`${method} ${path}`);
        expect(row, `${method} ${path} is served but not in docs/route-matrix.json`).toBeDefined();
        walked.push(`${method} ${path}`);
        const url = path.replace(/:(\w+)/g, FAKE);
        for (const caller of CALLERS as Caller[]) {
          // Sign-out ends the session it is sent with: use a fresh one.
          let cookie = caller === 'anonymous' ? undefined : cookies.get(caller);
          if (row!.route === 'signOut' && caller !== 'anonymous') {
            const s = await t.app.auth.signIn(`u-${caller}`, PASSWORD);
            cookie = `studio_session=${s.secret}`;
          }
          const csv = path.endsWith('/csv');
          const res = await t.app.inject({
            method: method as 'GET',
            url,
            headers: { ...(cookie ? { cookie } : {}), ...(csv ? { 'content-type': 'text/csv' } : {}) },
            ...(method === 'GET' || method === 'DELETE' ? {} : { payload: csv ? 'a\n1\n' : {} }),
          });
          if (!statusMatches(row!.cells[caller], served(res)))
            wrong.push(
              `${method} ${path} as ${caller}: ${res.statusCode}, matrix says ${row!.cells[caller]}`,
            );
        }
      }
    }
    expect(wrong).toEqual([]);
    // Routes the OpenAPI document hides (GET /metrics) are walked from the matrix itself.
    for (const key of [...matrix.keys()].filter((k) => !walked.includes(k))) {
      const row = matrix.get(key)!;
      for (const caller of CALLERS as Caller[]) {
        const cookie = caller === 'anonymous' ? undefined : cookies.get(caller);
        const res = await t.app.inject({
          method: row.method as 'GET',
          url: row.path,
          headers: cookie ? { cookie } : {},
        });
        if (!statusMatches(row.cells[caller], res.statusCode))
          wrong.push(`${key} as ${caller}: ${res.statusCode}`);
      }
      walked.push(key);
    }
    expect(wrong).toEqual([]);
    expect(walked.sort()).toEqual([...matrix.keys()].sort());
  }, 120_000);
});

describe('route matrix: project membership', () => {
  let t: TestApp;
  const cookies = new Map<MemberCaller, string>();
  const ids: Record<string, string> = {};

  const signIn = async (username: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { auth: 'sessions', signInPerMinute: 1000 });
    for (const m of MEMBER_CALLERS) {
      await t.app.auth.createUser({
        username: `m-${m}`,
        name: `Member ${m}`,
        role: 'analyst',
        password: PASSWORD,
      });
      cookies.set(m, await signIn(`m-${m}`));
    }
    // The owner makes a real project (graph version and dataset from a template) and adds the others.
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/projects/from-template',
      headers: { cookie: cookies.get('owner')! },
      payload: { templateId: 'woe-scorecard', name: 'Membership walk' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const project = json<ProjectDetail>(made);
    ids.projectId = project.id;
    for (const role of ['editor', 'viewer'] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/projects/${project.id}/members`,
        headers: { cookie: cookies.get('owner')! },
        payload: { username: `m-${role}`, role },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // Every other kind of record a route can name, made for real: a trained run, a deployment approved by a
    // second person, a validator's finding.
    const as = (who: string) => ({ cookie: who });
    const approver = 'approver-of-walk';
    const validator = 'validator-of-walk';
    await t.app.auth.createUser({
      username: approver,
      name: 'Approver',
      role: 'approver',
      password: PASSWORD,
    });
    await t.app.auth.createUser({
      username: validator,
      name: 'Validator',
      role: 'validator',
      password: PASSWORD,
    });
    const owner = as(cookies.get('owner')!);
    ids.datasetId = (await t.app.prisma.dataset.findFirstOrThrow({ where: { projectId: project.id } })).id;
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/runs`,
      headers: owner,
      payload: {},
    });
    expect(started.statusCode, started.body).toBe(201);
    ids.runId = json<{ id: string }>(started).id;
    for (let i = 0; i < 600; i++) {
      const run = json<{ status: string }>(
        await t.app.inject({ method: 'GET', url: `/api/runs/${ids.runId}`, headers: owner }),
      );
      if (run.status === 'succeeded') break;
      expect(['queued', 'running']).toContain(run.status);
      await new Promise((r) => setTimeout(r, 200));
    }
    const requested = await t.app.inject({
      method: 'POST',
      url: `/api/runs/${ids.runId}/deploy`,
      headers: owner,
      payload: { slug: 'membership-walk' },
    });
    expect(requested.statusCode, requested.body).toBe(202);
    ids.requestId = json<{ id: string }>(requested).id;
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/deployment-requests/${ids.requestId}/approve`,
      headers: as(await signIn(approver)),
      payload: { comment: 'walk' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    ids.deploymentId = json<{ deploymentId: string }>(approved).deploymentId;
    const finding = await t.app.inject({
      method: 'POST',
      url: `/api/runs/${ids.runId}/findings`,
      headers: as(await signIn(validator)),
      payload: { severity: 'low', text: 'walk' },
    });
    expect(finding.statusCode, finding.body).toBe(201);
    ids.findingId = json<{ id: string }>(finding).id;
  }, 300_000);
  afterAll(async () => t?.close());

  it('a non-member does not see the project in the list; members do', async () => {
    for (const m of MEMBER_CALLERS) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/projects',
        headers: { cookie: cookies.get(m)! },
      });
      const listed = json<{ id: string }[]>(res).map((p) => p.id);
      expect(listed.includes(ids.projectId!), m).toBe(m !== 'non-member');
    }
  });

  it('every project-scoped route answers each member as the matrix says, with real ids', async () => {
    const rows = readMatrix().filter((r) => r.members);
    expect(rows.length).toBeGreaterThan(40);
    // Deleting the project last: it would take every other record with it.
    rows.sort((a, b) => Number(a.route === 'deleteProject') - Number(b.route === 'deleteProject'));
    const wrong: string[] = [];
    const notFoundByOwner: string[] = [];
    for (const row of rows) {
      const url = row.path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? FAKE);
      const csv = row.path.endsWith('/csv');
      for (const m of MEMBER_CALLERS) {
        const res = await t.app.inject({
          method: row.method as 'GET',
          url,
          headers: { cookie: cookies.get(m)!, ...(csv ? { 'content-type': 'text/csv' } : {}) },
          ...(row.method === 'GET' || row.method === 'DELETE' ? {} : { payload: {} }),
        });
        if (!statusMatches(row.members![m], served(res)))
          wrong.push(`${row.method} ${row.path} as ${m}: ${res.statusCode}, matrix says ${row.members![m]}`);
        if (m === 'owner' && res.statusCode === 404) notFoundByOwner.push(row.route);
      }
    }
    expect(wrong).toEqual([]);
    // The non-member's 404 means something only where the owner's answer is not a 404 too: only routes whose
    // own sub-record the walk cannot name (a version, an API key, a member) may answer the owner 404.
    // (Changing a member answers 400 first: the walk's empty body lacks the role.)
    expect(notFoundByOwner.sort()).toEqual(['getVersion', 'removeMember', 'revokeApiKey']);
  }, 120_000);
});
