import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Project, ProjectDetail, Run, RunLog } from '@studio/api';
import type { GraphIR } from '@studio/ir';
import { buildApp } from '../app';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

describe.each(testProviders)('runs left behind by a stopped server, on %s', (provider) => {
  let t: TestApp;
  let restarted: FastifyInstance | undefined;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    const demo = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' })).find(
      (p) => p.name === DEMO_PROJECT_NAME,
    )!;
    const version = await t.app.prisma.graphVersion.findFirstOrThrow({ where: { projectId: demo.id } });
    // What a crash leaves: rows that say queued and running, with nobody working on them.
    for (const status of ['queued', 'running']) {
      const row = await t.app.prisma.run.create({
        data: {
          projectId: demo.id,
          graphVersionId: version.id,
          status,
          startedById: 'local',
          progress: { progress: null, history: [], logs: [] },
          metrics: {
            version: 1,
            graphHash: version.hash,
            datasetHash: null,
            seed: 42,
            modelKind: 'logistic',
            engineVersion: null,
            durations: {},
            evaluation: null,
            evaluations: [],
            woe: null,
            scorecard: null,
            warnings: [],
          },
        },
      });
      ids.push(row.id);
    }
    await t.app.close();
    restarted = await buildApp({
      databaseUrl: t.db.url,
      dataDir: t.db.dataDir,
      logger: false,
      auth: 'local',
    });
    await restarted.ready();
  });
  afterAll(async () => {
    await restarted?.close();
    await t?.db.drop();
  });

  it('marks them interrupted at start, and a retry trains the same version', async () => {
    const app = restarted!;
    for (const id of ids) {
      const run = json<Run>(await app.inject({ method: 'GET', url: `/api/runs/${id}` }));
      expect(run).toMatchObject({ status: 'interrupted', error: { code: 'RUN_INTERRUPTED' } });
      expect(run.finishedAt).not.toBeNull();
    }
    const res = await app.inject({ method: 'POST', url: `/api/runs/${ids[1]}/retry` });
    expect(res.statusCode, res.body).toBe(201);
    const retry = json<Run>(res);
    let run = retry;
    for (let i = 0; i < 400 && (run.status === 'queued' || run.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = json<Run>(await app.inject({ method: 'GET', url: `/api/runs/${retry.id}` }));
    }
    expect(run.status).toBe('succeeded');
    expect(run.versionId).toBe(
      json<Run>(await app.inject({ method: 'GET', url: `/api/runs/${ids[1]}` })).versionId,
    );
  });

  it('records a run that is training when the server shuts down as interrupted, with no artifacts', async () => {
    const app = restarted!;
    const made = await app.inject({
      method: 'POST',
      url: '/api/projects/from-template',
      payload: { templateId: 'neural-network-pd' },
    });
    const project = json<ProjectDetail>(made);
    const graph = structuredClone(project.head!.graph) as GraphIR;
    const train = graph.nodes.find((n) => n.op === 'train')!;
    train.params = { ...train.params, epochs: 1000, batchSize: 16, earlyStoppingPatience: 0 };
    const saved = await app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/graph`,
      payload: { graph, baseVersionId: project.head!.id },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const run = json<Run>(
      await app.inject({ method: 'POST', url: `/api/projects/${project.id}/runs`, payload: {} }),
    );
    await new Promise<void>((resolve) => {
      const off = app.runs.events.subscribe(run.id, (e) => {
        if (e.type === 'progress' && (e.progress.epoch ?? 0) >= 1) {
          off();
          resolve();
        }
      });
    });
    await app.close();
    restarted = await buildApp({
      databaseUrl: t.db.url,
      dataDir: t.db.dataDir,
      logger: false,
      auth: 'local',
    });
    await restarted.ready();
    const after = json<Run>(await restarted.inject({ method: 'GET', url: `/api/runs/${run.id}` }));
    expect(after).toMatchObject({ status: 'interrupted', error: { code: 'RUN_INTERRUPTED' }, artifacts: [] });
    // Recorded by the stopping worker itself (its last log line), not only by the next start's sweep.
    const logs = json<RunLog[]>(await restarted.inject({ method: 'GET', url: `/api/runs/${run.id}/logs` }));
    expect(logs.at(-1)).toMatchObject({ level: 'warn', message: expect.stringContaining('RUN_INTERRUPTED') });
  });
});
