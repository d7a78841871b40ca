import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Project, ProjectDetail, Run, RunLog } from '@studio/api';
import type { GraphIR } from '@studio/ir';
import { buildApp } from '../app';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const JOBS = { leaseMs: 1500, heartbeatMs: 250, maxAttempts: 2 };

async function runOf(app: FastifyInstance, id: string): Promise<Run> {
  return json<Run>(await app.inject({ method: 'GET', url: `/api/runs/${id}` }));
}

/** Polls until the run satisfies `done` (at most ~30 s). */
async function until(app: FastifyInstance, id: string, done: (r: Run) => boolean): Promise<Run> {
  let run = await runOf(app, id);
  for (let i = 0; i < 600 && !done(run); i++) {
    await new Promise((r) => setTimeout(r, 50));
    run = await runOf(app, id);
  }
  return run;
}

describe.each(testProviders)('run leases on %s', (provider) => {
  let t: TestApp;
  let restarted: FastifyInstance | undefined;
  const ids: Record<'queued' | 'expiredRetry' | 'expiredLast' | 'heldElsewhere', string> = {
    queued: '',
    expiredRetry: '',
    expiredLast: '',
    heldElsewhere: '',
  };

  beforeAll(async () => {
    // The first app runs no worker: the rows below stand for what crashed processes left.
    t = await createTestApp(provider, { workers: 0, jobSettings: JOBS });
    await seedDemo(t.app);
    const demo = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' })).find(
      (p) => p.name === DEMO_PROJECT_NAME,
    )!;
    const version = await t.app.prisma.graphVersion.findFirstOrThrow({ where: { projectId: demo.id } });
    const dataset = await t.app.prisma.dataset.findFirstOrThrow({ where: { projectId: demo.id } });
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    const rows = {
      queued: { status: 'queued' },
      expiredRetry: { status: 'running', attempt: 1, leaseOwner: 'dead-worker#1', leaseExpiresAt: past },
      expiredLast: { status: 'running', attempt: 2, leaseOwner: 'dead-worker#2', leaseExpiresAt: past },
      heldElsewhere: { status: 'running', attempt: 1, leaseOwner: 'live-worker#1', leaseExpiresAt: future },
    } as const;
    for (const [name, row] of Object.entries(rows)) {
      const created = await t.app.prisma.run.create({
        data: {
          projectId: demo.id,
          graphVersionId: version.id,
          datasetId: dataset.id,
          maxAttempts: 2,
          ...row,
          startedById: 'local',
          progress: { v: 2, progress: null },
          metrics: {
            v: 2,
            graphHash: version.hash,
            datasetHash: dataset.sha256,
            seed: 42,
            modelKind: 'logistic',
            engineVersion: null,
            durations: {},
            evaluation: null,
            evaluations: [],
            woe: null,
            scorecard: null,
            quantizations: [],
            warnings: [],
          },
        },
      });
      ids[name as keyof typeof ids] = created.id;
    }
    await t.app.close();
    restarted = await buildApp({
      databaseUrl: t.db.url,
      dataDir: t.db.dataDir,
      logger: false,
      auth: 'local',
      jobSettings: JOBS,
    });
    await restarted.ready();
  }, 60_000);
  afterAll(async () => {
    await restarted?.close();
    await t?.db.drop();
  });

  it('trains what was queued, retries or interrupts expired leases, and leaves a live lease alone', async () => {
    const app = restarted!;
    expect(await until(app, ids.queued, (r) => r.status === 'succeeded')).toMatchObject({
      status: 'succeeded',
    });
    // attempt 1 of 2 expired: queued again and trained by this worker.
    const retried = await until(app, ids.expiredRetry, (r) => r.status === 'succeeded');
    expect(retried.status).toBe('succeeded');
    const logs = json<RunLog[]>(
      await app.inject({ method: 'GET', url: `/api/runs/${ids.expiredRetry}/logs` }),
    );
    expect(logs[0]!.message).toContain('lease of worker dead-worker#1 expired');
    // attempt 2 of 2 expired: interrupted, and a retry trains the same version.
    const last = await runOf(app, ids.expiredLast);
    expect(last).toMatchObject({ status: 'interrupted', error: { code: 'RUN_INTERRUPTED' } });
    const res = await app.inject({ method: 'POST', url: `/api/runs/${ids.expiredLast}/retry` });
    expect(res.statusCode, res.body).toBe(201);
    const retry = await until(app, json<Run>(res).id, (r) => r.status === 'succeeded');
    expect(retry).toMatchObject({ status: 'succeeded', versionId: last.versionId });
    // Another worker's lease has not expired: nobody touched its run.
    const held = await app.prisma.run.findUniqueOrThrow({ where: { id: ids.heldElsewhere } });
    expect(held).toMatchObject({ status: 'running', leaseOwner: 'live-worker#1', attempt: 1 });
    // Every run completed at most once: one run.finish audit event each.
    const finishes = await app.prisma.auditEvent.groupBy({
      by: ['targetId'],
      where: { action: 'run.finish' },
      _count: true,
    });
    expect(finishes.every((f) => f._count === 1)).toBe(true);
  }, 90_000);

  it('hands a training run back to the queue on shutdown, without using an attempt', async () => {
    let app = restarted!;
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
    app = await buildApp({
      databaseUrl: t.db.url,
      dataDir: t.db.dataDir,
      logger: false,
      auth: 'local',
      workers: 0,
      jobSettings: JOBS,
    });
    restarted = app;
    await app.ready();
    const after = await app.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    // Released, not failed: queued again without using an attempt, no lease, no artifacts.
    expect(after).toMatchObject({ status: 'queued', attempt: 0, leaseOwner: null });
    const logs = json<RunLog[]>(await app.inject({ method: 'GET', url: `/api/runs/${run.id}/logs` }));
    expect(logs.at(-1)).toMatchObject({ level: 'warn', message: expect.stringContaining('shut down') });
    // Nobody works in this app: a cancel of the queued run ends it at once.
    const cancelled = await app.inject({ method: 'POST', url: `/api/runs/${run.id}/cancel` });
    expect(json<Run>(cancelled)).toMatchObject({ status: 'cancelled', artifacts: [] });
  }, 90_000);

  /** Starts a run of a widened network (seconds per run) and resolves once it reported its first epoch. */
  async function trainingRun(app: FastifyInstance): Promise<{ run: Run; projectId: string }> {
    const project = json<ProjectDetail>(
      await app.inject({
        method: 'POST',
        url: '/api/projects/from-template',
        payload: { templateId: 'neural-network-pd' },
      }),
    );
    const graph = structuredClone(project.head!.graph) as GraphIR;
    for (const n of graph.nodes) {
      if (n.op === 'train') n.params = { ...n.params, epochs: 1000, batchSize: 16, earlyStoppingPatience: 0 };
      if (n.op === 'dense' && Number(n.params.units) > 1)
        n.params = { ...n.params, units: Number(n.params.units) * 16 };
    }
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
    return { run, projectId: project.id };
  }

  /** How many jobs this app's worker ended with `outcome` (its job-duration histogram). */
  async function ended(app: FastifyInstance, outcome: string): Promise<number> {
    const text = await app.metrics.registry.getSingleMetricAsString('studio_job_duration_seconds');
    return Number(text.match(new RegExp(`_count\\{kind="train",outcome="${outcome}"\\} (\\d+)`))?.[1] ?? 0);
  }

  /** Resolves once one more job than `before` ended with `outcome`. */
  async function jobEnded(app: FastifyInstance, outcome: string, before: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if ((await ended(app, outcome)) > before) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no job ended with outcome ${outcome}`);
  }

  it('a worker whose lease was taken stops training and writes nothing more to the run', async () => {
    const app = await buildApp({
      databaseUrl: t.db.url,
      dataDir: t.db.dataDir,
      logger: false,
      auth: 'local',
      jobSettings: JOBS,
    });
    await restarted?.close();
    restarted = app;
    await app.ready();
    const { run } = await trainingRun(app);
    // Another worker took the run over (as after an expiry this worker did not notice in time).
    await app.prisma.run.update({
      where: { id: run.id },
      data: { leaseOwner: 'thief#1', leaseExpiresAt: new Date(Date.now() + 3_600_000) },
    });
    const counts = async () => [
      await app.prisma.runPoint.count({ where: { runId: run.id } }),
      await app.prisma.runLog.count({ where: { runId: run.id } }),
    ];
    const atSteal = await counts();
    await jobEnded(app, 'lost', 0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await counts()).toEqual(atSteal);
    const row = await app.prisma.run.findUniqueOrThrow({
      where: { id: run.id },
      include: { artifacts: true },
    });
    expect(row).toMatchObject({ status: 'running', leaseOwner: 'thief#1', artifacts: [] });
  }, 60_000);

  it('a job whose project was deleted under it ends cleanly', async () => {
    const app = restarted!;
    const lostBefore = await ended(app, 'lost');
    expect(lostBefore).toBe(1);
    const { run, projectId } = await trainingRun(app);
    // Deleted by another replica whose cancel this worker never heard: the rows are simply gone.
    await app.prisma.project.update({ where: { id: projectId }, data: { headVersionId: null } });
    await app.prisma.project.delete({ where: { id: projectId } });
    await jobEnded(app, 'lost', lostBefore);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await app.prisma.run.findUnique({ where: { id: run.id } })).toBeNull();
    expect(await app.prisma.modelArtifact.count({ where: { runId: run.id } })).toBe(0);
    // The worker is free for the next job.
    const demo = json<Project[]>(await app.inject({ method: 'GET', url: '/api/projects' })).find(
      (p) => p.name === DEMO_PROJECT_NAME,
    )!;
    const next = json<Run>(
      await app.inject({ method: 'POST', url: `/api/projects/${demo.id}/runs`, payload: {} }),
    );
    expect((await until(app, next.id, (r) => r.status === 'succeeded')).status).toBe('succeeded');
  }, 60_000);
});
