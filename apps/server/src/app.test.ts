import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationalError } from '@studio/ir';
import type { EngineInfo } from '@studio/api';
import { createTestApp, json, type TestApp } from './test-support/test-app';

describe('app shell (SQLite)', () => {
  let t: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'studio-web-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Studio</title>');
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)');
    t = await createTestApp('sqlite', {
      webDist,
      beforeReady: (app) => {
        app.get('/api/test/boom', async () => {
          throw new TypeError('secret connection string postgresql://admin:hunter2@db');
        });
        app.get('/api/test/disk', async () => {
          throw new OperationalError('DISK_FULL', 'no space left on /var/lib/studio');
        });
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('serves the web app with an SPA fallback for non-API paths only', async () => {
    const index = await t.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>Studio</title>');
    expect((await t.app.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)');
    const deep = await t.app.inject({ method: 'GET', url: '/projects/abc/versions' });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toContain('text/html');
    const api = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(api.statusCode).toBe(404);
    expect(json(api)).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('hides internals on 5xx and keeps the request id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/test/boom',
      headers: { 'x-request-id': 'req-42' },
    });
    expect(res.statusCode).toBe(500);
    expect(json(res)).toEqual({ code: 'INTERNAL', message: expect.any(String), requestId: 'req-42' });
    expect(res.body).not.toContain('hunter2');
    expect(res.headers['x-request-id']).toBe('req-42');
    const disk = await t.app.inject({ method: 'GET', url: '/api/test/disk' });
    expect(disk.statusCode).toBe(503);
    expect(disk.body).not.toContain('/var/lib');
  });

  it('publishes OpenAPI for every route in the contract', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(
      await t.app.inject({ method: 'GET', url: '/api/docs/json' }),
    );
    const expected = [
      ['get', '/api/health'],
      ['get', '/api/me'],
      ['get', '/api/engine'],
      ['get', '/api/projects'],
      ['post', '/api/projects'],
      ['get', '/api/projects/{projectId}'],
      ['patch', '/api/projects/{projectId}'],
      ['delete', '/api/projects/{projectId}'],
      ['post', '/api/projects/{projectId}/graph'],
      ['get', '/api/projects/{projectId}/versions'],
      ['get', '/api/projects/{projectId}/versions/{versionId}'],
      ['get', '/api/projects/{projectId}/diff'],
      ['post', '/api/projects/{projectId}/datasets'],
      ['get', '/api/projects/{projectId}/datasets'],
      ['get', '/api/datasets/{datasetId}'],
      ['get', '/api/audit'],
    ];
    for (const [method, path] of expected)
      expect(doc.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(200);
  });

  it('reports what the engine runs on, from the real addon', async () => {
    const info = json<EngineInfo>(await t.app.inject({ method: 'GET', url: '/api/engine' }));
    expect(info.backends[0]).toBe('cpu');
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(info.simd).not.toBe('');
    expect(['avx2', 'avxvnni', 'avx512vnni']).toContain(info.int8);
    // Without a usable device the answer says why, and nothing claims a GPU.
    if (info.cuda.devices === 0) {
      expect(info.trainsOn).toBe('cpu');
      expect(info.backends).toEqual(['cpu']);
      expect(info.cuda.error).toMatch(/\S/);
    } else expect(info.trainsOn).toBe('cuda');
  });

  it('answers /api/health', async () => {
    expect(json(await t.app.inject({ method: 'GET', url: '/api/health' }))).toEqual({
      status: 'ok',
      database: 'sqlite',
      singleUser: true,
    });
  });
});
