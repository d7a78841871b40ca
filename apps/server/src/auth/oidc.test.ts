import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthMethods, Session } from '@studio/api';
import { startMockIssuer, type MockIssuer } from '../test-support/mock-oidc-issuer';
import { createTestApp, json, type TestApp } from '../test-support/test-app';

const REDIRECT = 'http://localhost/api/auth/oidc/callback';

describe('OIDC sign-in against a local mock provider', () => {
  let idp: MockIssuer;
  let t: TestApp;

  beforeAll(async () => {
    idp = await startMockIssuer();
    t = await createTestApp('sqlite', {
      auth: 'sessions',
      signInPerMinute: 1000,
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        redirectUri: REDIRECT,
        roleClaim: 'studio_roles',
        name: 'Mock IdP',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /** The browser's round trip: Studio → provider (logs `idp.login` in) → Studio's callback. */
  async function signIn(): Promise<{
    status: number;
    cookie: string | null;
    location: string;
    body: string;
  }> {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode, start.body).toBe(303);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const atIdp = await fetch(authorize, { redirect: 'manual' });
    expect(atIdp.status).toBe(302);
    const back = new URL(atIdp.headers.get('location')!);
    expect(back.pathname).toBe('/api/auth/oidc/callback');
    const res = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    const setCookie = res.headers['set-cookie'];
    return {
      status: res.statusCode,
      cookie: setCookie ? String(setCookie).split(';')[0]! : null,
      location: String(res.headers.location ?? ''),
      body: res.body,
    };
  }

  const session = async (cookie: string) =>
    json<Session>(await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } }));

  it('says OIDC is on, with the provider name', async () => {
    const methods = json<AuthMethods>(await t.app.inject({ method: 'GET', url: '/api/auth/methods' }));
    expect(methods).toEqual({ password: true, oidc: { name: 'Mock IdP' } });
  });

  it('a provider user signs in: a Studio user is made with the default role (viewer), and a session', async () => {
    idp.login = { sub: 'u-olivia', name: 'Olivia Oidc', preferred_username: 'olivia' };
    const r = await signIn();
    expect(r.status, r.body).toBe(303);
    expect(r.location).toBe('/#/');
    expect(r.cookie).toMatch(/^studio_session=/);
    const s = await session(r.cookie!);
    expect(s.actor).toMatchObject({ name: 'Olivia Oidc', role: 'viewer' });
    expect(s.username).toBe('olivia');
    const events = await t.app.prisma.auditEvent.findMany({ where: { action: 'auth.sign-in' } });
    expect(events.map((e) => e.summary)).toContain(
      'Olivia Oidc signed in: olivia signed in with single sign-on',
    );
    expect(events.flatMap((e) => e.changes as string[])).toContain(
      'olivia created from single sign-on as viewer',
    );
  });

  it('maps the role claim, and follows it when the provider changes it; the same subject is the same user', async () => {
    idp.login = {
      sub: 'u-abe',
      name: 'Abe Approver',
      preferred_username: 'abe',
      studio_roles: ['nonsense', 'approver'],
    };
    const first = await signIn();
    const abe = await session(first.cookie!);
    expect(abe.actor.role).toBe('approver');
    idp.login = { ...idp.login, studio_roles: 'validator' };
    const again = await session((await signIn()).cookie!);
    expect(again.actor).toMatchObject({ id: abe.actor.id, role: 'validator' });
  });

  it('a provider name never takes over a local account', async () => {
    await t.app.auth.createUser({
      username: 'root',
      name: 'Local Root',
      role: 'admin',
      password: 'a local password 1',
    });
    idp.login = { sub: 'u-intruder', name: 'Intruder', preferred_username: 'root' };
    const s = await session((await signIn()).cookie!);
    expect(s.username).toMatch(/^root-[0-9a-f]{8}$/);
    expect(s.actor.role).toBe('viewer');
  });

  it('refuses a forged ID token, a wrong nonce and a replayed callback: 401, no session', async () => {
    idp.login = { sub: 'u-mallory', name: 'Mallory' };
    idp.forgeSignature = true;
    const forged = await signIn();
    idp.forgeSignature = false;
    expect(forged.status).toBe(401);
    expect(json(forged).code).toBe('OIDC_FAILED');
    expect(forged.cookie).toBeNull();

    idp.overrideNonce = 'not-the-nonce';
    const nonce = await signIn();
    idp.overrideNonce = null;
    expect(nonce.status).toBe(401);

    expect(await t.app.prisma.user.count({ where: { name: 'Mallory' } })).toBe(0);

    // The same redirect twice: the state was used up by the first.
    idp.login = { sub: 'u-rita', name: 'Rita Replay' };
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const back = new URL(
      (await fetch(String(start.headers.location), { redirect: 'manual' })).headers.get('location')!,
    );
    expect((await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` })).statusCode).toBe(
      303,
    );
    const replay = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(replay.statusCode).toBe(401);
    expect(replay.headers['set-cookie']).toBeUndefined();
  });

  it('a disabled user cannot sign in through the provider either', async () => {
    idp.login = { sub: 'u-olivia', name: 'Olivia Oidc', preferred_username: 'olivia' };
    await t.app.auth.updateUser('olivia', { disabled: true });
    const r = await signIn();
    expect(r.status).toBe(401);
    expect(r.cookie).toBeNull();
  });
});

describe('without OIDC settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { auth: 'sessions' });
  }, 60_000);
  afterAll(async () => t?.close());

  it('says so, and the OIDC routes answer 404 OIDC_NOT_CONFIGURED', async () => {
    expect(
      json<AuthMethods>(await t.app.inject({ method: 'GET', url: '/api/auth/methods' })).oidc,
    ).toBeNull();
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(404);
    expect(json(start).code).toBe('OIDC_NOT_CONFIGURED');
  });
});
