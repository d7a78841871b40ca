import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project, ProjectDetail, Run } from '@studio/api';
import { graphOf } from '@studio/pipeline';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { trainHead } from '../test-support/trained-runs';

/** Dataset → Split → Gradient Boosting → Evaluate on the demo data, with a Tune node on the model. */
function tunedGraph(datasetId: string, tune: Record<string, unknown>, gbm: Record<string, unknown> = {}) {
  return graphOf(
    'Tuned GBM',
    [
      ['dataset', 'dataset', { datasetId, target: 'creditability' }],
      ['split', 'split', { testFraction: 0.3, method: 'stratified', seed: 42 }],
      ['gbm', 'gradient-boosting', { trees: 40, earlyStopping: 'none', ...gbm }],
      ['evaluate', 'evaluate', { validation: false }],
      ['tune', 'tune', tune],
    ],
    [
      ['dataset.table', 'split.table'],
      ['split.train', 'gbm.table'],
      ['gbm.model', 'evaluate.model'],
      ['split.test', 'evaluate.table'],
      ['gbm.model', 'tune.model'],
    ],
  );
}

describe.each(testProviders)('Tune nodes on %s', (provider) => {
  let t: TestApp;
  let demo: ProjectDetail;
  let datasetId: string;

  const saveGraph = async (graph: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/api/projects/${demo.id}/graph`,
      payload: { graph, baseVersionId: demo.head!.id },
    });

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    const projects = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' }));
    const id = projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id;
    demo = json<ProjectDetail>(await t.app.inject({ method: 'GET', url: `/api/projects/${id}` }));
    datasetId = String(demo.head!.graph.nodes.find((n) => n.op === 'dataset')!.params.datasetId);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers 422 with field errors before anything runs', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string, string, RegExp][] = [
      [{ budget: 'trials', trials: 0 }, {}, 'tune', 'trials', /too small for one trial/],
      [{ budget: 'seconds', seconds: 2, folds: 5 }, {}, 'tune', 'seconds', /too small for one trial/],
      [
        { searchSpace: [{ param: 'learningRate', type: 'range', min: 0, max: 0.2, scale: 'linear' }] },
        {},
        'tune',
        'searchSpace',
        /learningRate must be above 0/,
      ],
      [
        { searchSpace: [{ param: 'trees', type: 'choice', values: [0, 50] }] },
        {},
        'tune',
        'searchSpace',
        /trees must stay within 1/,
      ],
      [
        { searchSpace: [{ param: 'maxLeaves', type: 'range', min: 40, max: 10, scale: 'log' }] },
        {},
        'tune',
        'searchSpace',
        /empty/,
      ],
      [{}, { monotoneIncreasing: ['salary'] }, 'gbm', 'monotoneIncreasing', /"salary"/],
      [{}, { learningRate: 0 }, 'gbm', 'learningRate', /at least/],
      [{}, { trees: 0 }, 'gbm', 'trees', /at least 1/],
    ];
    for (const [tune, gbm, nodeId, param, message] of cases) {
      const res = await saveGraph(tunedGraph(datasetId, tune, gbm));
      expect(res.statusCode, res.body).toBe(422);
      const body = json<{
        code: string;
        diagnostics: { nodeId?: string; param?: string; message: string }[];
      }>(res);
      expect(body.code).toBe('GRAPH_INVALID');
      expect(body.diagnostics).toContainEqual(
        expect.objectContaining({ nodeId, param, message: expect.stringMatching(message) }),
      );
    }
    const runs = json<Run[]>(await t.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/runs` }));
    expect(runs).toEqual([]);
  });

  it('runs the search, keeps the leaderboard and the chosen configuration with the run', async () => {
    const saved = await saveGraph(tunedGraph(datasetId, { trials: 9, folds: 3, seed: 3 }));
    expect(saved.statusCode, saved.body).toBe(201);
    const run = await trainHead(t.app, demo.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const report = run.tunings![0]!;
    expect(report).toMatchObject({ nodeId: 'tune', modelNodeId: 'gbm', status: 'done', metric: 'auc' });
    // 9 + 3 + 1 trials, then the model's own setting in full.
    expect(report.trials).toHaveLength(13);
    expect(report.baseline).not.toBeNull();
    expect(report.best!.score).toBeGreaterThanOrEqual(report.baseline!.score);
    // The live record kept the final leaderboard too, and the stored facts are version 3.
    expect(run.progress!.tunings![0]!.trials).toHaveLength(13);
    const stored = await t.app.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.metrics).toMatchObject({ v: 3, tunings: [expect.objectContaining({ nodeId: 'tune' })] });
    const logs = json<{ message: string; nodeId?: string }[]>(
      await t.app.inject({ method: 'GET', url: `/api/runs/${run.id}/logs` }),
    );
    expect(
      logs.some((l) => l.nodeId === 'tune' && /^(chose trial|kept the model's own)/.test(l.message)),
    ).toBe(true);
  }, 300_000);
});
