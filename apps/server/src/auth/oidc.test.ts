import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthMethods, Session } from '@studio/api';
import { buildApp } from '../app';
import { startMockIssuer, type MockIssuer } from '../test-support/mock-oidc-issuer';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { sha256 } from './secrets';

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

// The sign-in in progress lives in the database: started on one replica, finished on another (or on the same
// one after a restart), used once whichever replica sees the redirect, swept when it expires.
describe.each(testProviders)('OIDC sign-in across replicas sharing one %s database', (provider) => {
  let idp: MockIssuer;
  let t: TestApp;
  let other: FastifyInstance;

  beforeAll(async () => {
    idp = await startMockIssuer();
    const oidc = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUri: REDIRECT,
    };
    t = await createTestApp(provider, { auth: 'sessions', signInPerMinute: 1000, oidc });
    other = await buildApp({
      databaseUrl: t.db.url,
      dataDir: t.db.dataDir,
      logger: false,
      auth: 'sessions',
      signInPerMinute: 1000,
      workers: 0,
      oidc,
    });
    await other.ready();
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    await t?.close();
    await idp?.close();
  });

  /** Starts a sign-in on `app` and walks the browser through the provider: the callback path to open. */
  async function startOn(app: FastifyInstance): Promise<string> {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode, start.body).toBe(303);
    const atIdp = await fetch(String(start.headers.location), { redirect: 'manual' });
    const back = new URL(atIdp.headers.get('location')!);
    return `${back.pathname}${back.search}`;
  }

  it('starts on one replica and finishes on the other, once', async () => {
    idp.login = { sub: 'u-rex', name: 'Rex Replica', preferred_username: 'rex' };
    const callback = await startOn(t.app);
    const state = new URLSearchParams(callback.split('?')[1]).get('state')!;
    // Kept in the database (not the state itself: its hash), with its verifier and nonce.
    const row = await other.prisma.oidcSignIn.findUnique({ where: { id: sha256(state) } });
    expect(row).toMatchObject({ verifier: expect.any(String), nonce: expect.any(String) });
    const done = await other.inject({ method: 'GET', url: callback });
    expect(done.statusCode, done.body).toBe(303);
    const cookie = String(done.headers['set-cookie']).split(';')[0]!;
    const s = json<Session>(
      await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } }),
    );
    expect(s.username).toBe('rex');
    // Used up: the same redirect on either replica is refused.
    for (const app of [t.app, other]) {
      const replay = await app.inject({ method: 'GET', url: callback });
      expect(replay.statusCode).toBe(401);
      expect(json(replay).code).toBe('OIDC_FAILED');
    }
    expect(await t.app.prisma.oidcSignIn.count({ where: { id: sha256(state) } })).toBe(0);
  });

  it('a sign-in started before a restart finishes after it', async () => {
    idp.login = { sub: 'u-rose', name: 'Rose Restart', preferred_username: 'rose' };
    const callback = await startOn(other);
    await other.close();
    other = await buildApp({
      databaseUrl: t.db.url,
      dataDir: t.db.dataDir,
      logger: false,
      auth: 'sessions',
      workers: 0,
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        redirectUri: REDIRECT,
      },
    });
    await other.ready();
    const done = await other.inject({ method: 'GET', url: callback });
    expect(done.statusCode, done.body).toBe(303);
  });

  it('refuses an expired sign-in, and sweeps expired ones when the next starts', async () => {
    idp.login = { sub: 'u-eve', name: 'Eve Expired', preferred_username: 'eve' };
    const callback = await startOn(t.app);
    const state = new URLSearchParams(callback.split('?')[1]).get('state')!;
    await t.app.prisma.oidcSignIn.update({
      where: { id: sha256(state) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = await other.inject({ method: 'GET', url: callback });
    expect(late.statusCode).toBe(401);
    await t.app.prisma.oidcSignIn.create({
      data: { id: 'stale', verifier: 'v', nonce: 'n', expiresAt: new Date(Date.now() - 1000) },
    });
    await startOn(other);
    expect(await t.app.prisma.oidcSignIn.count({ where: { id: 'stale' } })).toBe(0);
    expect(await t.app.prisma.oidcSignIn.count({ where: { expiresAt: { lte: new Date() } } })).toBe(0);
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
