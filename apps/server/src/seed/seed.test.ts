import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGraph } from '@studio/ir';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { DEMO_PROJECT_NAME, seedDemo } from './seed';

describe.each(testProviders)('demo seed on %s', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => t?.close());

  it('creates the German credit project, dataset and a valid first version, once', async () => {
    expect(await seedDemo(t.app)).toBe(true);
    expect(await seedDemo(t.app)).toBe(false);

    const projects = await t.app.projects.list();
    expect(projects.map((p) => p.name)).toEqual([DEMO_PROJECT_NAME]);
    const detail = await t.app.projects.get(projects[0]!.id);
    const datasets = await t.app.datasets.list(detail.id);
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatchObject({ name: 'german_credit.csv', rowCount: 1000 });
    expect(datasets[0]?.columns).toHaveLength(21);
    expect(detail.head?.number).toBe(1);
    expect(detail.head?.graph.nodes.map((n) => n.op)).toEqual([
      'dataset',
      'split',
      'logistic-regression',
      'evaluate',
    ]);
    const columns = datasets[0]!.columns.map((c) => c.name);
    const result = validateGraph(detail.head?.graph, { context: { datasetColumns: () => columns } });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('does not come back after the analyst deletes the demo', async () => {
    const [demo] = await t.app.projects.list();
    await t.app.projects.delete(demo!.id, { id: 'local', name: 'Local analyst', role: 'admin' });
    expect(await seedDemo(t.app)).toBe(false);
    expect(await t.app.projects.list()).toEqual([]);
  });
});
