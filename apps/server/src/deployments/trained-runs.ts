import type { FastifyInstance } from 'fastify';
import type { Project, ProjectDetail, Run } from '@studio/api';
import { OperationalError } from '@studio/ir';
import { findTemplate } from '@studio/pipeline';
import { DEMO_PROJECT_NAME } from '../seed/seed';

const FINAL = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);

/** Test support: starts a run of the project's head and waits (polling) until it has finished. */
export async function trainHead(app: FastifyInstance, projectId: string): Promise<Run> {
  const res = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/runs`, payload: {} });
  if (res.statusCode !== 201) throw new OperationalError('TEST_RUN_NOT_STARTED', res.body);
  const { id } = JSON.parse(res.body) as Run;
  for (;;) {
    const run = JSON.parse((await app.inject({ method: 'GET', url: `/api/runs/${id}` })).body) as Run;
    if (FINAL.has(run.status)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Test support: the seeded German demo trained twice, first as seeded (logistic regression), then with its
 * head replaced by the WOE scorecard template (reason codes). Needs `seedDemo` to have run.
 */
export async function trainDemoModels(
  app: FastifyInstance,
): Promise<{ demo: ProjectDetail; logistic: Run; scorecard: Run }> {
  const projects = JSON.parse((await app.inject({ method: 'GET', url: '/api/projects' })).body) as Project[];
  const id = projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id;
  const logistic = await trainHead(app, id);
  let demo = JSON.parse(
    (await app.inject({ method: 'GET', url: `/api/projects/${id}` })).body,
  ) as ProjectDetail;
  const datasetId = String(demo.head!.graph.nodes.find((n) => n.op === 'dataset')!.params.datasetId);
  const saved = await app.inject({
    method: 'POST',
    url: `/api/projects/${id}/graph`,
    payload: {
      graph: findTemplate('woe-scorecard')!.build(datasetId, 'creditability'),
      baseVersionId: demo.head!.id,
    },
  });
  if (saved.statusCode !== 201) throw new OperationalError('TEST_GRAPH_NOT_SAVED', saved.body);
  const scorecard = await trainHead(app, id);
  demo = JSON.parse((await app.inject({ method: 'GET', url: `/api/projects/${id}` })).body) as ProjectDetail;
  return { demo, logistic, scorecard };
}
