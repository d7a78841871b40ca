import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../repo-paths';
import { createTestApp, type TestApp } from '../test-support/test-app';

describe('docker-compose.yml is secure by default', () => {
  const compose = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');

  it('publishes the Studio on loopback only and nothing of PostgreSQL', () => {
    const published = [...compose.matchAll(/^\s+- '([\d.:-]+)'$/gm)].map((m) => m[1]);
    // Two API replicas, one host port each.
    expect(published).toEqual(['127.0.0.1:5174-5175:5174']);
  });

  it('takes the first admin from a secret, configures the Host allow-list, and sets no default password', () => {
    expect(compose).toMatch(/STUDIO_ADMIN_PASSWORD_FILE: \/run\/secrets\/studio_admin_password/);
    expect(compose).toMatch(
      /^secrets:\n(?:\s+#.*\n)*\s+studio_admin_password:\n\s+environment: STUDIO_ADMIN_PASSWORD$/m,
    );
    expect(compose).toMatch(/STUDIO_ALLOWED_HOSTS: \$\{STUDIO_ALLOWED_HOSTS:-localhost\}/);
    expect(compose).not.toMatch(/STUDIO_ADMIN_PASSWORD: /);
  });
});

describe('first admin from a secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    // As docker-compose with STUDIO_SECURE_COOKIES=1 behind a TLS proxy.
    t = await createTestApp('sqlite', { auth: 'sessions', secureCookies: true });
  });
  afterAll(async () => t?.close());

  it('refuses a short one, sets a good one (no link), and is not asked again', async () => {
    await expect(t.app.auth.ensureFirstAdmin('short')).rejects.toMatchObject({ code: 'REQUEST_INVALID' });
    expect(await t.app.auth.ensureFirstAdmin('a long enough secret')).toEqual({
      username: 'admin',
      link: null,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'admin', password: 'a long enough secret' },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    expect(await t.app.auth.ensureFirstAdmin('another one entirely')).toBeNull();
  });
});
