import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDetail } from '@studio/api';
import { IR_VERSION, type GraphIR } from '@studio/ir';
import { seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

describe.each(testProviders)('groups (subgraphs) in bundles on %s', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('exports and re-imports a graph with a renamed, expanded Network group and a second group', async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/projects/from-template',
      payload: { templateId: 'neural-network-pd', name: 'Grouped' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const project = json<ProjectDetail>(made);
    const head = project.head!.graph as GraphIR;
    expect(head.groups?.map((g) => [g.name, g.collapsed])).toEqual([['Network', true]]);
    const groups = [
      { ...head.groups![0]!, name: 'MLP', collapsed: false },
      { id: 'prep', name: 'Preparation', nodes: ['impute', 'onehot', 'scale'], collapsed: true },
    ];
    const saved = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/graph`,
      payload: { graph: { ...head, groups }, baseVersionId: project.head!.id },
    });
    expect(saved.statusCode, saved.body).toBeLessThan(300);

    const zip = await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}/bundle` });
    expect(zip.statusCode, zip.body.slice(0, 300)).toBe(200);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      headers: { 'content-type': 'application/zip' },
      payload: zip.rawPayload,
    });
    expect(imported.statusCode, imported.body.slice(0, 300)).toBe(201);
    const { id } = json<{ id: string }>(imported);
    const back = json<ProjectDetail>(await t.app.inject({ method: 'GET', url: `/api/projects/${id}` }));
    const graph = back.head!.graph as GraphIR;
    expect(graph.irVersion).toBe(IR_VERSION);
    expect(graph.groups).toEqual(groups);
  });
});
