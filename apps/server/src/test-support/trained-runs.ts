import type { FastifyInstance } from 'fastify';
import { paths, TERMINAL, type Project, type ProjectDetail, type Run } from '@studio/api';
import { OperationalError } from '@studio/ir';
import { findTemplate } from '@studio/pipeline';
import { DEMO_PROJECT_NAME } from '../seed/seed';

/** Test support: starts a run of the project's head and waits (polling) until it has finished. */
export async function trainHead(app: FastifyInstance, projectId: string): Promise<Run> {
  const res = await app.inject({ method: 'POST', url: paths.projectRuns(projectId), payload: {} });
  if (res.statusCode !== 201) throw new OperationalError('TEST_RUN_NOT_STARTED', res.body);
  const { id } = JSON.parse(res.body) as Run;
  for (;;) {
    const run = JSON.parse((await app.inject({ method: 'GET', url: paths.run(id) })).body) as Run;
    if (TERMINAL.has(run.status)) return run;
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
  const projects = JSON.parse((await app.inject({ method: 'GET', url: paths.projects() })).body) as Project[];
  const id = projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id;
  const logistic = await trainHead(app, id);
  let demo = JSON.parse((await app.inject({ method: 'GET', url: paths.project(id) })).body) as ProjectDetail;
  const datasetId = String(demo.head!.graph.nodes.find((n) => n.op === 'dataset')!.params.datasetId);
  const saved = await app.inject({
    method: 'POST',
    url: paths.projectGraph(id),
    payload: {
      graph: findTemplate('woe-scorecard')!.build(datasetId, 'creditability'),
      baseVersionId: demo.head!.id,
    },
  });
  if (saved.statusCode !== 201) throw new OperationalError('TEST_GRAPH_NOT_SAVED', saved.body);
  const scorecard = await trainHead(app, id);
  demo = JSON.parse((await app.inject({ method: 'GET', url: paths.project(id) })).body) as ProjectDetail;
  return { demo, logistic, scorecard };
}
