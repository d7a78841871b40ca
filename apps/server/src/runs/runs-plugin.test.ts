import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, GraphVersion, Project, ProjectDetail, Run, RunEvent, RunLog } from '@studio/api';
import type { GraphIR } from '@studio/ir';
import { DEMO_PROJECT_NAME, demoCsvPath, seedDemo } from '../seed/seed';
import { filesUnder } from '../test-support/files';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

/** Reads a whole SSE stream (it ends when the run reaches a final status) into events. */
async function followEvents(base: string, runId: string): Promise<RunEvent[]> {
  const res = await fetch(`${base}/api/runs/${runId}/events`);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const event = JSON.parse(dataLine!.slice('data: '.length)) as RunEvent;
      expect(eventLine).toBe(`event: ${event.type}`);
      return event;
    });
}

describe.each(testProviders)('runs API on %s', (provider) => {
  let t: TestApp;
  let base: string;
  let demo: Project;

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const projects = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' }));
    demo = projects.find((p) => p.name === DEMO_PROJECT_NAME)!;
  });
  afterAll(async () => t?.close());

  const get = async (runId: string) =>
    json<Run>(await t.app.inject({ method: 'GET', url: `/api/runs/${runId}` }));
  const start = (projectId: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/runs`, payload });
  const saveGraph = async (projectId: string, edit: (g: GraphIR) => void) => {
    const detail = json<ProjectDetail>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}` }),
    );
    const graph = structuredClone(detail.head!.graph) as GraphIR;
    edit(graph);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/graph`,
      payload: { graph, baseVersionId: detail.head!.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<GraphVersion>(res);
  };

  it('trains the seeded German demo, streams progress to the end, and stores hash-checked artifacts', async () => {
    const res = await start(demo.id);
    expect(res.statusCode, res.body).toBe(201);
    const queued = json<Run>(res);
    expect(queued).toMatchObject({ status: 'queued', projectId: demo.id, seed: 42, versionNumber: 1 });
    expect(queued.graphHash).toMatch(/^[0-9a-f]{64}$/);
    expect(queued.datasetHash).toBe(createHash('sha256').update(readFileSync(demoCsvPath)).digest('hex'));

    const events = await followEvents(base, queued.id);
    const statuses = events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(events.some((e) => e.type === 'log')).toBe(true);

    const run = await get(queued.id);
    expect(run.status).toBe('succeeded');
    expect(run.evaluation!.auc).toBeGreaterThan(0.7);
    expect(run.evaluations).toHaveLength(1);
    expect(run.modelKind).toBe('logistic');
    expect(run.backend).toBe('cpu');
    expect(run.engineVersion).toContain('@studio/engine');
    expect(run.durations.total).toBeGreaterThan(0);
    expect(run.progress).toMatchObject({ fraction: 1 });
    expect(run.startedAt && run.finishedAt).toBeTruthy();
    expect(run.artifacts.map((a) => a.kind)).toEqual(['transforms', 'weights', 'metrics']);
    for (const a of run.artifacts) {
      const bytes = readFileSync(join(t.db.dataDir, 'blobs', 'sha256', a.hash.slice(0, 2), a.hash));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(a.hash);
      expect(bytes.length).toBe(a.sizeBytes);
    }
    expect(filesUnder(join(t.db.dataDir, 'tmp')).filter((f) => f.startsWith('artifact-'))).toEqual([]);

    const logs = json<RunLog[]>(await t.app.inject({ method: 'GET', url: `/api/runs/${run.id}/logs` }));
    expect(logs.some((l) => l.message.includes('training rows'))).toBe(true);
    // The curve and the log lines were appended as rows while it trained; they come back as streamed.
    expect(run.history.length).toBeGreaterThan(0);
    for (const e of events) {
      if (e.type === 'progress' && e.point) expect(run.history).toContainEqual(e.point);
      if (e.type === 'log') expect(logs).toContainEqual(e.log);
    }
    expect(await t.app.prisma.runPoint.count({ where: { runId: run.id } })).toBe(run.history.length);
    expect(await t.app.prisma.runLog.count({ where: { runId: run.id } })).toBe(logs.length);
    const stored = await t.app.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.progress).toEqual({ v: 2, progress: run.progress });
    expect(stored.metrics).toMatchObject({ v: 3, seed: 42 });
    const listed = json<Run[]>(await t.app.inject({ method: 'GET', url: `/api/projects/${demo.id}/runs` }));
    expect(listed.map((r) => r.id)).toContain(run.id);
    const audit = json<AuditEvent[]>(
      await t.app.inject({ method: 'GET', url: `/api/audit?projectId=${demo.id}` }),
    );
    expect(audit.filter((e) => e.targetId === run.id).map((e) => e.action)).toEqual([
      'run.finish',
      'run.start',
    ]);

    const again = json<Run>(await t.app.inject({ method: 'POST', url: `/api/runs/${run.id}/retry` }));
    await followEvents(base, again.id);
    const second = await get(again.id);
    expect(second.evaluation).toEqual(run.evaluation);
    expect(second.artifacts.map((a) => a.hash)).toEqual(run.artifacts.map((a) => a.hash));
  });

  it('cancels a queued run at once and a training run through the engine, leaving no artifacts', async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/projects/from-template',
      payload: { templateId: 'neural-network-pd', name: 'Long network' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const project = json<ProjectDetail>(made);
    await saveGraph(project.id, (g) => {
      const train = g.nodes.find((n) => n.op === 'train')!;
      train.params = { ...train.params, epochs: 1000, batchSize: 16, earlyStoppingPatience: 0 };
      const wide = g.nodes.find((n) => n.id === 'dense1')!;
      wide.params = { ...wide.params, units: 512 };
    });
    const long = json<Run>(await start(project.id));
    const waiting = json<Run>(await start(project.id));
    await new Promise<void>((resolve) => {
      const off = t.app.runs.events.subscribe(long.id, (e) => {
        if (e.type === 'progress' && (e.progress.epoch ?? 0) >= 1) {
          off();
          resolve();
        }
      });
    });

    const dequeued = await t.app.inject({ method: 'POST', url: `/api/runs/${waiting.id}/cancel` });
    expect(json<Run>(dequeued)).toMatchObject({ status: 'cancelled', startedAt: null });
    const stopped = json<Run>(await t.app.inject({ method: 'POST', url: `/api/runs/${long.id}/cancel` }));
    expect(stopped).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' }, artifacts: [] });
    expect(await t.app.prisma.modelArtifact.count({ where: { runId: { in: [long.id, waiting.id] } } })).toBe(
      0,
    );
    const again = await t.app.inject({ method: 'POST', url: `/api/runs/${long.id}/cancel` });
    expect(again.statusCode).toBe(409);
    const events = await followEvents(base, long.id);
    expect(events.at(-1)).toMatchObject({ type: 'status', status: 'cancelled' });
  });

  it('records a failing run as failed with a coded message, and creates nothing for graphs that cannot run', async () => {
    const made = json<ProjectDetail>(
      await t.app.inject({
        method: 'POST',
        url: '/api/projects/from-template',
        payload: { templateId: 'woe-scorecard' },
      }),
    );
    await saveGraph(made.id, (g) => {
      const ds = g.nodes.find((n) => n.op === 'dataset')!;
      ds.params = { ...ds.params, target: 'purpose' };
    });
    const blobsBefore = filesUnder(join(t.db.dataDir, 'blobs')).length;
    const queued = json<Run>(await start(made.id));
    await followEvents(base, queued.id);
    const failed = await get(queued.id);
    expect(failed.status).toBe('failed');
    expect(failed.error!.code).toBe('TARGET_NOT_BINARY');
    expect(failed.error!.message).toContain('"purpose"');
    expect(failed.error!.message).toMatch(/^node dataset: /);
    expect(failed.artifacts).toEqual([]);
    expect(filesUnder(join(t.db.dataDir, 'blobs')).length).toBe(blobsBefore);

    const runsBefore = await t.app.prisma.run.count();
    const empty = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Empty' } }),
    );
    expect((await start(empty.id)).statusCode).toBe(409);
    await saveGraph(made.id, (g) => {
      g.nodes = g.nodes.filter((n) => n.op !== 'split');
      g.edges = g.edges.filter((e) => e.source.node !== 'split' && e.target.node !== 'split');
      g.edges.push(
        { id: 'd1', source: { node: 'dataset', port: 'table' }, target: { node: 'woe', port: 'table' } },
        { id: 'd2', source: { node: 'dataset', port: 'table' }, target: { node: 'evaluate', port: 'table' } },
      );
    });
    const unrunnable = await start(made.id);
    expect(unrunnable.statusCode).toBe(422);
    expect(json(unrunnable)).toMatchObject({
      code: 'GRAPH_NOT_RUNNABLE',
      diagnostics: expect.arrayContaining([
        expect.objectContaining({ code: 'PLAN_NO_SPLIT', nodeId: 'dataset' }),
      ]),
    });
    const bad = await start(made.id, { versionId: 'no-such-version' });
    expect(bad.statusCode).toBe(404);
    expect(await t.app.prisma.run.count()).toBe(runsBefore);
  });
});
