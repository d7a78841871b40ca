import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../db/prisma-client';
import { createTestDatabase, testProviders, type TestDatabase } from '../test-support/test-database';

const CHILD = fileURLToPath(new URL('../test-support/serving-child.ts', import.meta.url));
const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONNECTIONS = 20;
/** Load runs at most this long; the child is killed this far into it. */
const LOAD_MS = 6000;
const KILL_AFTER_MS = 2500;

interface Started {
  child: ChildProcess;
  ready: { url: string; path?: string; key?: string; record?: Record<string, unknown> };
}

/** Starts the server as a child process (this test's own, killed only by its PID) and waits for its JSON line. */
async function startChild(mode: 'setup' | 'serve', db: TestDatabase): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, db.dataDir, db.url], {
    cwd: SERVER_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  if (process.env.DEBUG_CRASH) {
    child.stderr!.on('data', (b: Buffer) => process.stderr.write(b));
    child.stdout!.on('data', (b: Buffer) => process.stderr.write(b));
  }
  const lines = createInterface({ input: child.stdout! });
  const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
  try {
    for await (const line of lines) {
      if (line.startsWith('{')) return { child, ready: JSON.parse(line) as Started['ready'] };
    }
  } finally {
    clearTimeout(timer);
  }
  throw new Error(`the server child exited before listening (${child.exitCode}): ${stderr}`);
}

/**
 * Bounded load: CONNECTIONS loops, each with its own request ids (`<prefix><loop>-<n>`), until the server
 * is gone or LOAD_MS passes. Returns the ids answered 200 (with when the answer arrived) and the count of
 * other answers.
 */
async function load(
  target: Started['ready'],
  prefix: string,
): Promise<{ answered: Map<string, number>; refused: number; why: string[] }> {
  const answered = new Map<string, number>();
  let refused = 0;
  const why: string[] = [];
  const deadline = Date.now() + LOAD_MS;
  const loop = async (w: number) => {
    for (let i = 0; Date.now() < deadline && i < 100_000; i++) {
      const id = `${prefix}${w}-${i}`;
      try {
        const res = await fetch(`${target.url}${target.path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${target.key}`,
            'x-request-id': id,
          },
          body: JSON.stringify(target.record),
        });
        const text = await res.text();
        const body = JSON.parse(text) as { requestId?: string };
        if (res.status === 200 && body.requestId === id) answered.set(id, Date.now());
        else if (++refused <= 5) why.push(`${id}: ${res.status} ${text.slice(0, 300)}`);
      } catch {
        return; // the server is gone
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => loop(w)));
  return { answered, refused, why };
}

async function stop(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

describe.each(testProviders)('prediction log survives kill -9 under load on %s', (provider) => {
  let db: TestDatabase | null = null;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) await stop(c, 'SIGKILL');
    await db?.drop();
    db = null;
  });

  it('every request id answered 200 before the kill is in the log, at the time it was predicted', async () => {
    db = await createTestDatabase(provider);
    const first = await startChild('setup', db);
    children.push(first.child);

    const run = load(first.ready, 'c');
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
    const killedAt = Date.now();
    const exited = once(first.child, 'exit');
    process.kill(first.child.pid!, 'SIGKILL');
    await exited;
    const { answered, refused, why } = await run;
    expect(answered.size).toBeGreaterThan(50);
    expect({ refused, why }).toEqual({ refused: 0, why: [] });

    // The same data, a new process: it starts, and the log holds every answered id.
    const second = await startChild('serve', db);
    children.push(second.child);
    expect((await fetch(`${second.ready.url}/api/ready`)).status).toBe(200);
    // Graceful shutdown under load: SIGTERM drains in-flight predictions and flushes the log, exit code 0.
    const drained = load({ ...first.ready, url: second.ready.url }, 'd');
    // Long enough for some answers on a loaded 2-core machine; the drain itself is what is checked.
    await new Promise((r) => setTimeout(r, 2000));
    await stop(second.child, 'SIGTERM');
    expect(second.child.exitCode).toBe(0);
    const afterTerm = await drained;
    expect(afterTerm.answered.size).toBeGreaterThan(0);
    for (const [id, t] of afterTerm.answered) answered.set(id, t);
    const prisma = createPrismaClient(db.target);
    try {
      const rows = await prisma.predictionLog.findMany({
        where: { slug: 'crash' },
        select: { requestId: true, at: true },
      });
      const at = new Map(rows.map((r) => [r.requestId, r.at.getTime()]));
      const missing = [...answered.keys()].filter((id) => !at.has(id));
      expect({ answered: answered.size, missing: missing.slice(0, 10), lost: missing.length }).toEqual({
        answered: answered.size,
        missing: [],
        lost: 0,
      });
      // `at` is when the prediction was made: never after its answer arrived (same clock, ms rounding).
      const late = [...answered].filter(([id, received]) => at.get(id)! > received + 1);
      expect(late).toEqual([]);
      // Rows past the kill are requests that were committed but whose answer never arrived: allowed, few.
      const beforeKill = rows.filter((r) => r.requestId.startsWith('c'));
      expect(beforeKill.length).toBeLessThanOrEqual(answered.size - afterTerm.answered.size + CONNECTIONS);
      // The child may stamp a prediction in the few milliseconds between reading the clock here and the kill.
      expect(Math.max(...beforeKill.map((r) => r.at.getTime()))).toBeLessThanOrEqual(killedAt + 25);
    } finally {
      await prisma.$disconnect();
    }
  }, 240_000);
});
