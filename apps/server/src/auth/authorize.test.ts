import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@studio/api';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { assertCan, requireRole } from './authorize';

describe('requireRole and assertCan on a route of their own', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', {
      // A header picks the role: the seam gov10b's routes use.
      authenticate: async (request) => {
        const role = String(request.headers['x-role'] ?? 'viewer') as Role;
        return {
          actor: { id: 'local', name: role, role },
          username: null,
          via: 'session',
          expiresAt: null,
          mustSetPassword: false,
        };
      },
      beforeReady: (app) => {
        app.post(
          '/api/test-approve',
          { config: { policy: 'signedIn' }, preHandler: requireRole('approver', 'admin') },
          async () => ({ ok: true }),
        );
        app.post('/api/test-findings', { config: { policy: 'signedIn' } }, async (request) => {
          assertCan(request, 'writeFindings');
          return { ok: true };
        });
      },
    });
  });
  afterAll(async () => t?.close());

  const as = (role: Role, url: string) => t.app.inject({ method: 'POST', url, headers: { 'x-role': role } });

  it('lets only the named roles through, with a 403 that names them', async () => {
    const statuses = await Promise.all(
      ROLES.map(async (r) => [r, (await as(r, '/api/test-approve')).statusCode]),
    );
    expect(Object.fromEntries(statuses)).toEqual({
      viewer: 403,
      analyst: 403,
      validator: 403,
      approver: 200,
      admin: 200,
    });
    const refused = await as('analyst', '/api/test-approve');
    expect(json(refused)).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('approver, admin'),
    });
  });

  it('checks a permission inside a handler', async () => {
    expect((await as('validator', '/api/test-findings')).statusCode).toBe(200);
    expect((await as('analyst', '/api/test-findings')).statusCode).toBe(403);
  });
});
