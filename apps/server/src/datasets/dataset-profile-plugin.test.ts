import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, DatasetProfile, Project } from '@studio/api';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

describe.each(testProviders)('dataset profile API on %s', (provider) => {
  let t: TestApp;
  let dataset: Dataset;

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    const demo = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' })).find(
      (p) => p.name === DEMO_PROJECT_NAME,
    )!;
    dataset = json<Dataset[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/datasets` }),
    )[0]!;
  });
  afterAll(async () => t?.close());

  const profile = (query = '') =>
    t.app.inject({ method: 'GET', url: `/api/datasets/${dataset.id}/profile${query}` });

  it('profiles against a target, caches it on the dataset row per target, and refuses a non-binary target', async () => {
    const res = await profile('?target=creditability');
    expect(res.statusCode, res.body).toBe(200);
    const body = json<DatasetProfile>(res);
    expect(body).toMatchObject({ datasetId: dataset.id, target: 'creditability' });
    expect(JSON.stringify(body.profile)).toContain('credit_amount');
    const row = await t.app.prisma.dataset.findUniqueOrThrow({ where: { id: dataset.id } });
    expect(Object.keys((row.profile as { byTarget: object }).byTarget)).toEqual(['creditability']);
    expect(json<DatasetProfile>(await profile('?target=creditability'))).toEqual(body);

    expect(json<DatasetProfile>(await profile()).target).toBeNull();
    const after = await t.app.prisma.dataset.findUniqueOrThrow({ where: { id: dataset.id } });
    expect(Object.keys((after.profile as { byTarget: object }).byTarget).sort()).toEqual([
      '',
      'creditability',
    ]);

    const bad = await profile('?target=purpose');
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ code: 'TARGET_NOT_BINARY' });
    expect((await t.app.inject({ method: 'GET', url: '/api/datasets/nope/profile' })).statusCode).toBe(404);
  });
});
