import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { Project, ProjectDetail, Run, RunEvent } from '@studio/api';
import type { GraphIR } from '@studio/ir';
import { buildApp } from '../app';
import { createPrismaClient, type StudioPrisma } from '../db/prisma-client';
import { migrate } from '../db/migrator';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { json } from '../test-support/test-app';
import { createTestDatabase, testProviders, type TestDatabase } from '../test-support/test-database';

const CHILD = fileURLToPath(new URL('../test-support/jobs-child.ts', import.meta.url));
const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Short leases, so a killed worker's run is taken back within seconds. */
const JOB_ENV = { STUDIO_JOB_LEASE_MS: '3000', STUDIO_JOB_HEARTBEAT_MS: '500', STUDIO_JOB_ATTEMPTS: '2' };
/** Every wait of this test is bounded by this. */
const WAIT_MS = 60_000;

interface Child {
  child: ChildProcess;
  ready: { url?: string; worker?: string };
}

/** Starts a child (this test's own, killed only by its PID) and waits for its JSON line. */
async function startChild(args: string[], db: TestDatabase): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, args[0]!, db.dataDir, db.url, ...args.slice(1)],
    {
      cwd: SERVER_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...JOB_ENV },
    },
  );
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  try {
    for await (const line of createInterface({ input: child.stdout! }))
      if (line.startsWith('{"url"') || line.startsWith('{"worker"'))
        return { child, ready: JSON.parse(line) as Child['ready'] };
  } finally {
    clearTimeout(timer);
  }
  throw new Error(`the ${args[0]} child exited before it was ready (${child.exitCode}): ${stderr}`);
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Reads a run's SSE stream into `events` until it ends (the run finished) or `abort` fires. */
function readEvents(url: string, events: RunEvent[], abort: AbortSignal): Promise<void> {
  return (async () => {
    const res = await fetch(url, { signal: abort });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)) as RunEvent);
      }
    }
  })().catch((e: unknown) => {
    if (!abort.aborted) throw e;
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api<T>(base: string, method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const pg = testProviders.includes('postgresql');

describe.skipIf(!pg)('jobs across processes on postgresql: two API replicas, two worker processes', () => {
  let db: TestDatabase | null = null;
  let prisma: StudioPrisma | null = null;
  const children: ChildProcess[] = [];
  const replicas: FastifyInstance[] = [];
  afterAll(async () => {
    for (const c of children) await stop(c, 'SIGKILL');
    for (const r of replicas) await r.close();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('six runs at once; kill -9 of the worker training one; live events and cancel from the other replica', async () => {
    const t0 = Date.now();
    const phases: Record<string, number> = {};
    const mark = (name: string) => (phases[name] = Date.now() - t0);
    db = await createTestDatabase('postgresql');
    await migrate(db.target);
    // Two API replicas in this process (no worker: they enqueue, read, stream and cancel), on two ports.
    const replica = async () => {
      const app = await buildApp({
        databaseUrl: db!.url,
        dataDir: db!.dataDir,
        logger: false,
        auth: 'local',
        workers: 0,
        jobSettings: { leaseMs: 3000, heartbeatMs: 500, maxAttempts: 2 },
      });
      replicas.push(app);
      return app.listen({ host: '127.0.0.1', port: 0 });
    };
    // The workers start (child processes, seconds each) while this process sets up the projects.
    const workers = Promise.all([startChild(['worker', '2'], db), startChild(['worker', '2'], db)]);
    const A = await replica();
    const B = await replica();
    const setup = replicas[0]!;
    await seedDemo(setup);
    const demo = json<Project[]>(await setup.inject({ method: 'GET', url: '/api/projects' })).find(
      (p) => p.name === DEMO_PROJECT_NAME,
    )!;
    const made = await networkProject(setup, 60);
    // A network that would train for minutes: cancelled mid-run.
    const long = await networkProject(setup, 1000);
    const [w1, w2] = await workers;
    children.push(w1.child, w2.child);
    mark('workers ready');
    prisma = createPrismaClient(db.target);

    // Six runs at once through replica A: five of the demo (seconds each) and the slow network.
    const slow = await api<Run>(A, 'POST', `/api/projects/${made.id}/runs`, {});
    const fast = await Promise.all(
      Array.from({ length: 5 }, () => api<Run>(A, 'POST', `/api/projects/${demo.id}/runs`, {})),
    );
    // Live events of the slow run, read from replica B (it runs no worker: they come from a worker process).
    const events: RunEvent[] = [];
    const abort = new AbortController();
    const stream = readEvents(`${B}/api/runs/${slow.id}/events`, events, abort.signal);
    await until('a progress event on replica B', async () => events.some((e) => e.type === 'progress'));

    // kill -9 the worker that holds the slow run, mid-run.
    const holder = await until('the slow run to be held', async () => {
      const row = await prisma!.run.findUnique({ where: { id: slow.id } });
      return row?.status === 'running' && row.leaseOwner;
    });
    const victim = [w1, w2].find((w) => holder.startsWith(`${w.ready.worker}#`))!;
    expect(victim).toBeDefined();
    const survivor = victim === w1 ? w2 : w1;
    const exited = once(victim.child, 'exit');
    process.kill(victim.child.pid!, 'SIGKILL');
    await exited;
    mark('worker killed');

    // Every run finishes, the slow one on the surviving worker at its second attempt.
    const all = [slow, ...fast].map((r) => r.id);
    const finished = await until('all six runs to finish', async () => {
      const rows = await Promise.all(all.map((id) => api<Run>(A, 'GET', `/api/runs/${id}`)));
      return rows.every((r) => r.status !== 'queued' && r.status !== 'running') && rows;
    });
    mark('six runs finished');
    expect(finished.map((r) => r.status)).toEqual(Array(6).fill('succeeded'));
    const slowRow = await prisma.run.findUniqueOrThrow({ where: { id: slow.id } });
    expect(slowRow.attempt).toBe(2);
    expect(slowRow.leaseOwner).toBeNull();
    const logs = await api<{ message: string }[]>(A, 'GET', `/api/runs/${slow.id}/logs`);
    expect(logs.some((l) => l.message.includes(`lease of worker ${victim.ready.worker}`))).toBe(true);

    // No run completed twice: one run.finish each, and artifacts written once per model.
    const finishes = await prisma.auditEvent.groupBy({
      by: ['targetId'],
      where: { action: 'run.finish', targetId: { in: all } },
      _count: true,
    });
    expect(finishes.map((f) => f._count).sort()).toEqual(Array(6).fill(1));
    const artifacts = await prisma.modelArtifact.groupBy({
      by: ['runId', 'kind'],
      where: { runId: { in: all } },
      _count: true,
    });
    expect(artifacts.every((g) => g._count === 1)).toBe(true);

    // Replica B streamed the whole story: progress, queued again after the kill, then succeeded.
    await until('the stream on B to end', async () =>
      events.some((e) => e.type === 'status' && e.status === 'succeeded'),
    );
    abort.abort();
    await stream;
    const statuses = events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status);
    expect(statuses).toContain('queued');
    expect(statuses.at(-1)).toBe('succeeded');

    // Cancel on replica B reaches the surviving worker (another process) and stops the training.
    const doomed = await api<Run>(A, 'POST', `/api/projects/${long.id}/runs`, {});
    await until('the doomed run to train', async () => {
      const row = await prisma!.run.findUnique({ where: { id: doomed.id } });
      return row?.status === 'running' && (row.progress as { progress: unknown } | null)?.progress;
    });
    const asked = Date.now();
    const cancelled = await api<Run>(B, 'POST', `/api/runs/${doomed.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 'cancelled', artifacts: [] });
    phases['cancel answered (ms after asking)'] = Date.now() - asked;
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect((await prisma.run.findUniqueOrThrow({ where: { id: doomed.id } })).leaseOwner).toBeNull();

    // Operations: ready names the queue; metrics count one live worker (the killed one stopped beating).
    expect(await api(A, 'GET', '/api/ready')).toMatchObject({ status: 'ready', queue: 'ok' });
    const metrics = await (await fetch(`${B}/metrics`)).text();
    expect(metrics).toMatch(/studio_job_queue_depth \d+/);
    expect(metrics).toMatch(/studio_job_workers_live 1\b/);
    expect(survivor.child.exitCode).toBeNull();
    mark('done');
    console.log('multi-process phases (ms):', JSON.stringify(phases));
  }, 150_000);
});

/**
 * A project from the network template, widened (512 and 256 units) so that each epoch takes milliseconds,
 * training `epochs` epochs with no early stopping.
 */
async function networkProject(app: FastifyInstance, epochs: number): Promise<ProjectDetail> {
  const made = json<ProjectDetail>(
    await app.inject({
      method: 'POST',
      url: '/api/projects/from-template',
      payload: { templateId: 'neural-network-pd' },
    }),
  );
  const graph = structuredClone(made.head!.graph) as GraphIR;
  const train = graph.nodes.find((n) => n.op === 'train')!;
  train.params = { ...train.params, epochs, batchSize: 16, earlyStoppingPatience: 0 };
  const dense = graph.nodes.filter((n) => n.op === 'dense' && Number(n.params.units) > 1);
  dense.forEach((n, i) => (n.params = { ...n.params, units: i === 0 ? 512 : 256 }));
  const saved = await app.inject({
    method: 'POST',
    url: `/api/projects/${made.id}/graph`,
    payload: { graph, baseVersionId: made.head!.id },
  });
  expect(saved.statusCode, saved.body).toBe(201);
  return made;
}
