import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@studio/api';
import { createTestApp, type TestApp } from '../test-support/test-app';
import {
  CALLERS,
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

function statusMatches(cell: Cell, status: number): boolean {
  switch (cell) {
    case '401':
      return status === 401;
    case '403':
      return status === 403;
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
          if (!statusMatches(row!.cells[caller], res.statusCode))
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
