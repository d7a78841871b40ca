import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey, Deployment, ProjectDetail, Template } from '@studio/api';
import { trainHead } from '../test-support/trained-runs';
import { V1_HEADERS } from './hardening-plugin';
import { repoRoot } from '../repo-paths';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const webDist = join(repoRoot, 'apps', 'web', 'dist');

describe('hardening: headers, hosts, rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', {
      auth: 'sessions',
      webDist,
      allowedHosts: ['localhost', 'studio.bank.example'],
      predictPerMinute: 2,
      signInPerMinute: 3,
    });
  });
  afterAll(async () => t?.close());

  it('sends helmet headers with a CSP that allows only same-origin scripts, no framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('the built web app satisfies that CSP: no inline script, every script and stylesheet from this origin', () => {
    const html = readFileSync(join(webDist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body!.trim(), 'inline script').toBe('');
      expect(attrs).toMatch(/src="\/[^/]/);
    }
    for (const [, href] of html.matchAll(/<link\b[^>]*href="([^"]+)"/g)) expect(href).toMatch(/^\/[^/]/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('refuses a Host it does not know (DNS rebinding) with 421, takes an allowed one', async () => {
    const rebound = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: 'attacker.example:5174' },
    });
    expect(rebound.statusCode).toBe(421);
    expect(json(rebound).code).toBe('HOST_NOT_ALLOWED');
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: 'studio.bank.example:443' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('rate-limits sign-in per address (429 RATE_LIMITED with Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: `someone${i}`, password: 'whatever it is' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(json(res).code).toBe('RATE_LIMITED');
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('rate-limits /v1 per deployment key: one key past its limit does not stop another', async () => {
    const call = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/deployments/any/predict',
        payload: {},
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await call('key-a')).statusCode).toBe(401);
    const second = await call('key-a');
    expect(second.statusCode).toBe(401);
    expect(second.headers['x-ratelimit-limit']).toBe('2');
    expect(second.headers['x-ratelimit-remaining']).toBe('0');
    const limited = await call('key-a');
    expect(limited.statusCode).toBe(429);
    expect(json(limited).code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call('key-b')).statusCode).toBe(401);
  });

  it('answers /v1 with the API set of security headers, not the page policies', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/deployments/any/predict',
      payload: {},
      headers: { authorization: 'Bearer key-c' },
    });
    for (const [name, value] of Object.entries(V1_HEADERS)) expect(res.headers[name]).toBe(value);
    expect(res.headers['x-frame-options']).toBeUndefined();
    const page = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
  });
});

describe.each(testProviders)('a slug outlives its project on %s', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => t?.close());

  const fromTemplate = async (name: string) => {
    const [template] = json<Template[]>(await t.app.inject({ method: 'GET', url: '/api/templates' }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/projects/from-template',
      payload: { templateId: template!.id, name },
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<ProjectDetail>(res);
  };

  it('a new project cannot take a deleted project’s slug, and the old key scores nothing', async () => {
    const first = await fromTemplate('First');
    const run1 = await trainHead(t.app, first.id);
    expect(run1.status).toBe('succeeded');
    const dep = await t.app.inject({
      method: 'POST',
      url: `/api/runs/${run1.id}/deploy`,
      payload: { slug: 'scoring' },
    });
    expect(dep.statusCode, dep.body).toBe(201);
    const deployment = json<Deployment>(dep);
    const key = json<CreatedApiKey>(
      await t.app.inject({
        method: 'POST',
        url: `/api/deployments/${deployment.id}/keys`,
        payload: { name: 'k' },
      }),
    );
    expect(key.key).toBeTruthy();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/projects/${first.id}` })).statusCode).toBe(204);

    const second = await fromTemplate('Second');
    const run2 = await trainHead(t.app, second.id);
    const taken = await t.app.inject({
      method: 'POST',
      url: `/api/runs/${run2.id}/deploy`,
      payload: { slug: 'scoring' },
    });
    expect(taken.statusCode).toBe(409);
    expect(json(taken).code).toBe('SLUG_TAKEN');
    const scored = await t.app.inject({
      method: 'POST',
      url: '/v1/deployments/scoring/predict',
      payload: {},
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(scored.statusCode).not.toBe(200);
  }, 120_000);
});
