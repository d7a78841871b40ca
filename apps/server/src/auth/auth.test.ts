import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, type Session } from '@studio/api';
import { SIGN_IN_FAILED_MESSAGE } from './auth-service';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const PASSWORD = 'correct horse battery';

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const line = Array.isArray(raw) ? String(raw[0]) : String(raw);
  return line.split(';')[0]!;
}

describe.each(testProviders)('identity on %s', (provider) => {
  let t: TestApp;
  const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, headers });

  beforeAll(async () => {
    t = await createTestApp(provider, {
      auth: 'sessions',
      authSettings: { freeFailures: 3, lockBaseMs: 60_000, sessionIdleMs: 60 * 60_000 },
    });
    await t.app.auth.createUser({
      username: 'ana',
      name: 'Ana Analyst',
      role: 'analyst',
      password: PASSWORD,
    });
    await t.app.auth.createUser({ username: 'vic', name: 'Vic Viewer', role: 'viewer', password: PASSWORD });
    await t.app.auth.createUser({ username: 'lou', name: 'Lou Locked', role: 'analyst', password: PASSWORD });
  });
  afterAll(async () => t?.close());

  it('answers 401 to anonymous /api requests, but serves health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/projects' });
    expect(res.statusCode).toBe(401);
    expect(json(res).code).toBe('AUTH_REQUIRED');
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('signs in with an httpOnly, SameSite=Lax session cookie; the session names the actor and role', async () => {
    const res = await signIn('Ana', PASSWORD);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: cookieOf(res) },
    });
    expect(json<Session>(me).actor).toMatchObject({ name: 'Ana Analyst', role: 'analyst' });
    // Only the hash of the secret is stored.
    const secret = decodeURIComponent(cookieOf(res).split('=')[1]!);
    expect(await t.app.prisma.session.count({ where: { id: secret } })).toBe(0);
  });

  it('answers one generic 401 for a wrong password and for an unknown user', async () => {
    const wrong = await signIn('ana', 'not the password');
    const unknown = await signIn('nobody-here', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json(wrong).message).toBe(SIGN_IN_FAILED_MESSAGE);
    expect(json(unknown).message).toBe(SIGN_IN_FAILED_MESSAGE);
    expect(json(wrong).code).toBe(json(unknown).code);
  });

  it('locks a name after repeated failures (429 with Retry-After), known or not, even with the right password', async () => {
    for (const name of ['lou', 'ghost']) {
      for (let i = 0; i < 3; i++) expect((await signIn(name, 'wrong password!')).statusCode).toBe(401);
      const locked = await signIn(name, name === 'lou' ? PASSWORD : 'whatever');
      expect(locked.statusCode).toBe(429);
      expect(json(locked).code).toBe('SIGN_IN_LOCKED');
    }
    const lou = await t.app.prisma.user.findUnique({ where: { username: 'lou' } });
    expect(lou!.failedSignIns).toBe(3);
    expect(lou!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it('enforces roles: a viewer reads (200) but may not create a project (403 naming the roles that may)', async () => {
    const cookie = cookieOf(await signIn('vic', PASSWORD));
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie } })).statusCode,
    ).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { name: 'x' },
      headers: { cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(json(res).code).toBe('FORBIDDEN');
    expect(json(res).message).toContain('analyst');
  });

  it('refuses a cross-site form post with the session cookie (403) and takes a same-origin one', async () => {
    const cookie = cookieOf(await signIn('ana', PASSWORD));
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { name: 'from evil.example' },
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.statusCode).toBe(403);
    expect(json(cross).code).toBe('CSRF_REJECTED');
    const forgedOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { name: 'from evil.example' },
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(forgedOrigin.statusCode).toBe(403);
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { name: 'mine' },
      headers: { cookie, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
    });
    expect(same.statusCode).toBe(201);
    expect(await t.app.prisma.project.count({ where: { name: 'from evil.example' } })).toBe(0);
  });

  it('signs out: the session is revoked server-side and the cookie no longer works (SESSION_EXPIRED)', async () => {
    const cookie = cookieOf(await signIn('ana', PASSWORD));
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } })).statusCode,
    ).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(json(after).code).toBe('SESSION_EXPIRED');
  });

  it('ends a session at its idle timeout', async () => {
    const cookie = cookieOf(await signIn('ana', PASSWORD));
    const id = (await t.app.prisma.session.findFirst({ orderBy: { createdAt: 'desc' } }))!.id;
    await t.app.prisma.session.update({
      where: { id },
      data: { lastSeenAt: new Date(Date.now() - 61 * 60_000) },
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie } });
    expect(json(res).code).toBe('SESSION_EXPIRED');
  });

  it('personal access tokens: hashed, read scope GET only, revocable', async () => {
    const cookie = cookieOf(await signIn('ana', PASSWORD));
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'cli', scope: 'read', expiresInDays: 30 },
      headers: { cookie },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = json<{ token: string; id: string }>(created);
    expect(token).toMatch(/^spat_/);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/projects', headers: auth })).statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { name: 't' },
      headers: auth,
    });
    expect(write.statusCode).toBe(403);
    expect(json(write).code).toBe('TOKEN_SCOPE');
    await t.app.inject({ method: 'POST', url: `/api/tokens/${id}/revoke`, headers: { cookie } });
    expect((await t.app.inject({ method: 'GET', url: '/api/projects', headers: auth })).statusCode).toBe(401);
  });

  it('first start: one admin, no password, a one-time link that signs in once', async () => {
    const first = await t.app.auth.ensureFirstAdmin();
    expect(first?.link).toBeTruthy();
    const use = await t.app.inject({ method: 'GET', url: `/api/auth/link/${first!.link}` });
    expect(use.statusCode).toBe(303);
    const cookie = cookieOf(use);
    const session = json<Session>(
      await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } }),
    );
    expect(session).toMatchObject({ actor: { role: 'admin' }, mustSetPassword: true });
    const again = await t.app.inject({ method: 'GET', url: `/api/auth/link/${first!.link}` });
    expect(again.headers.location).toBe('/?link=invalid');
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: '', newPassword: 'a new long password' },
      headers: { cookie },
    });
    expect(set.statusCode).toBe(200);
    expect(await t.app.auth.ensureFirstAdmin()).toBeNull();
    expect((await signIn(first!.username, 'a new long password')).statusCode).toBe(200);
  });
});
