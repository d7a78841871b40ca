import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Preview, Project, ProjectDetail, Run, Template } from '@studio/api';
import type { GraphIR } from '@studio/ir';
import { multipartFile } from '../test-support/multipart';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { demoCsvPath } from '../seed/seed';

describe.each(testProviders)('templates and preview API on %s', (provider) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => t?.close());

  const fromTemplate = (payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/projects/from-template', payload });

  it('lists three templates and creates a runnable project from each on the demo data', async () => {
    const templates = json<Template[]>(await t.app.inject({ method: 'GET', url: '/api/templates' }));
    expect(templates.map((x) => x.name)).toEqual([
      'WOE logistic scorecard',
      'Neural network for PD',
      'Champion vs challenger',
    ]);
    for (const template of templates) {
      const res = await fromTemplate({ templateId: template.id });
      expect(res.statusCode, res.body).toBe(201);
      const project = json<ProjectDetail>(res);
      expect(project).toMatchObject({ name: template.name, headVersionNumber: 1 });
      const graph = project.head!.graph as GraphIR;
      const [dataset] = json<Dataset[]>(
        await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}/datasets` }),
      );
      expect(graph.nodes.find((n) => n.op === 'dataset')!.params).toMatchObject({
        datasetId: dataset!.id,
        target: 'creditability',
      });
    }
  });

  it('runs champion vs challenger with one evaluation per model', async () => {
    const project = json<ProjectDetail>(
      await fromTemplate({ templateId: 'champion-challenger', name: 'C vs C' }),
    );
    const queued = json<Run>(
      await t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/runs`, payload: {} }),
    );
    let run = queued;
    for (let i = 0; i < 600 && (run.status === 'queued' || run.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = json<Run>(await t.app.inject({ method: 'GET', url: `/api/runs/${queued.id}` }));
    }
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.modelKind).toBe('logistic+mlp+gbm');
    expect(run.evaluations!.map((e) => [e.label, e.modelKind])).toEqual([
      ['Champion', 'logistic'],
      ['Challenger', 'mlp'],
      ['GBM challenger', 'gbm'],
    ]);
    const importance = run.evaluations![2]!.importance!;
    expect(importance.length).toBeGreaterThan(0);
    expect(importance[0]!.gain).toBeGreaterThan(0);
    expect(run.evaluation).toEqual(run.evaluations![0]!.evaluation);
    expect(run.scorecard!.rows.length).toBeGreaterThan(0);
    expect(run.artifacts.map((a) => a.kind)).toEqual([
      'transforms',
      'weights',
      'scorecard',
      'transforms',
      'weights',
      'transforms',
      'weights',
      'metrics',
    ]);
  });

  it('reuses a given dataset with its target guessed, and leaves nothing behind when it cannot', async () => {
    const first = json<ProjectDetail>(await fromTemplate({ templateId: 'woe-scorecard' }));
    const [demo] = json<Dataset[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${first.id}/datasets` }),
    );
    const copy = json<ProjectDetail>(
      await fromTemplate({ templateId: 'neural-network-pd', datasetId: demo!.id }),
    );
    const [copied] = json<Dataset[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${copy.id}/datasets` }),
    );
    expect(copied).toMatchObject({ sha256: demo!.sha256, projectId: copy.id });
    expect((copy.head!.graph as GraphIR).nodes[0]!.params.target).toBe('creditability');

    const projectsBefore = json<Project[]>(
      await t.app.inject({ method: 'GET', url: '/api/projects' }),
    ).length;
    const badTarget = await fromTemplate({
      templateId: 'woe-scorecard',
      datasetId: demo!.id,
      target: 'no_such_column',
    });
    expect(badTarget.statusCode).toBe(422);
    expect(json(badTarget)).toMatchObject({ code: 'TEMPLATE_TARGET_UNKNOWN' });
    expect((await fromTemplate({ templateId: 'nope' })).statusCode).toBe(404);
    expect(json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' })).length).toBe(
      projectsBefore,
    );
  });

  it('keeps the typed name and leaves the Taiwan ID out of the graph, unless all columns are kept', async () => {
    const holder = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Taiwan upload' } }),
    );
    const taiwan = join(import.meta.dirname, '../../../../../shared/datasets/taiwan_default.csv');
    const upload = multipartFile(readFileSync(taiwan), 'taiwan_default.csv');
    const dataset = json<Dataset>(
      await t.app.inject({ method: 'POST', url: `/api/projects/${holder.id}/datasets`, ...upload }),
    );
    const res = await fromTemplate({
      templateId: 'neural-network-pd',
      name: 'Cards PD',
      datasetId: dataset.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const project = json<ProjectDetail>(res);
    expect(project.name).toBe('Cards PD');
    const params = (project.head!.graph as GraphIR).nodes.find((n) => n.op === 'dataset')!.params;
    expect(params).toMatchObject({ target: 'default.payment.next.month', exclude: ['ID'] });
    expect(project.head!.message).toContain('left out "ID"');
    const kept = json<ProjectDetail>(
      await fromTemplate({ templateId: 'woe-scorecard', datasetId: dataset.id, keepAllColumns: true }),
    );
    expect((kept.head!.graph as GraphIR).nodes[0]!.params.exclude).toEqual([]);
  }, 120_000);

  it("fills the wizard's own project with its own dataset, once, and keeps the project when that fails", async () => {
    const wizard = json<Project>(
      await t.app.inject({
        method: 'POST',
        url: '/api/projects',
        payload: { name: 'Wizard', description: 'From the new-project flow' },
      }),
    );
    const dataset = json<Dataset>(
      await t.app.inject({
        method: 'POST',
        url: `/api/projects/${wizard.id}/datasets`,
        ...multipartFile(readFileSync(demoCsvPath), 'g.csv'),
      }),
    );
    const bad = await fromTemplate({
      templateId: 'woe-scorecard',
      projectId: wizard.id,
      datasetId: dataset.id,
      target: 'nope',
    });
    expect(bad.statusCode).toBe(422);
    const kept = json<ProjectDetail>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${wizard.id}` }),
    );
    expect(kept).toMatchObject({ name: 'Wizard', headVersionNumber: null });

    const res = await fromTemplate({
      templateId: 'woe-scorecard',
      projectId: wizard.id,
      datasetId: dataset.id,
      target: 'creditability',
    });
    expect(res.statusCode, res.body).toBe(201);
    const filled = json<ProjectDetail>(res);
    expect(filled).toMatchObject({
      id: wizard.id,
      name: 'Wizard',
      description: 'From the new-project flow',
      headVersionNumber: 1,
    });
    expect((filled.head!.graph as GraphIR).nodes[0]!.params.datasetId).toBe(dataset.id);
    const datasets = json<Dataset[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${wizard.id}/datasets` }),
    );
    expect(datasets.map((d) => d.id)).toEqual([dataset.id]);
    const again = await fromTemplate({
      templateId: 'woe-scorecard',
      projectId: wizard.id,
      datasetId: dataset.id,
    });
    expect(again.statusCode).toBe(409);
    expect((await fromTemplate({ templateId: 'woe-scorecard', projectId: 'missing' })).statusCode).toBe(404);
  });

  it('previews a node of a template graph on a sample of the project dataset', async () => {
    const project = json<ProjectDetail>(await fromTemplate({ templateId: 'woe-scorecard' }));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/preview`,
      payload: { graph: project.head!.graph, nodeId: 'woe', rows: 3 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview = json<Preview>(res);
    expect(preview).toMatchObject({ nodeId: 'woe', port: 'table', totalRows: 700 });
    expect(preview.rows).toHaveLength(3);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/preview`,
      payload: { graph: project.head!.graph, nodeId: 'lr' },
    });
    expect(refused.statusCode).toBe(400);
    expect(json(refused)).toMatchObject({ code: 'PREVIEW_UNSUPPORTED', details: { nodeId: 'lr' } });
  });
});
