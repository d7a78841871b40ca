import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunLog, RunProgress } from '@studio/api';
import { seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { MAX_LOGS, RunOutput } from './run-output';

const LEASE = 'run-output-test#1';
const fenceOf = (id: string) => ({ id, status: 'running', leaseOwner: LEASE });

const progressAt = (step: number): RunProgress => ({
  phase: 'training',
  fraction: step / 100,
  etaSeconds: 1,
  epoch: step,
  step,
  loss: 1 / step,
  valLoss: null,
  valAuc: 0.5,
  rowsPerSec: 10,
});

/** Waits until `check` holds, polling for at most `ms`. */
async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testProviders)('run output on %s', (provider) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
  });
  afterAll(async () => t?.close());

  const newRun = async () => {
    const version = await t.app.prisma.graphVersion.findFirstOrThrow();
    return t.app.prisma.run.create({
      data: {
        projectId: version.projectId,
        graphVersionId: version.id,
        status: 'running',
        // Held by this test (a lease far in the future), so the app's own worker leaves it alone.
        leaseOwner: LEASE,
        leaseExpiresAt: new Date(Date.now() + 3_600_000),
        startedById: 'local',
        metrics: {
          v: 2,
          graphHash: version.hash,
          datasetHash: null,
          seed: 1,
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
  };

  it('appends points and log lines while the run trains, without waiting for the end', async () => {
    const run = await newRun();
    const output = await RunOutput.open(t.app.prisma, fenceOf(run.id), null);
    output.update(progressAt(1), { step: 1, epoch: 1, loss: 1, valLoss: null, valAuc: 0.5 });
    output.log({ at: '2026-01-01T00:00:00.001Z', level: 'info', message: 'one' });
    await until(async () => (await t.app.prisma.runPoint.count({ where: { runId: run.id } })) === 1);
    output.update(progressAt(2), { step: 2, epoch: 2, loss: Number.NaN, valLoss: Infinity, valAuc: 0.6 });
    output.log({ at: '2026-01-01T00:00:00.002Z', level: 'warn', message: 'two', nodeId: 'n1' });
    await until(async () => (await t.app.prisma.runPoint.count({ where: { runId: run.id } })) === 2);
    await output.stop();

    const got = json<{ history: unknown[]; progress: RunProgress }>(
      await t.app.inject({ method: 'GET', url: `/api/runs/${run.id}` }),
    );
    // Non-finite numbers are stored as JSON stored them: loss 0 (as the progress meter reports), others null.
    expect(got.history).toEqual([
      { step: 1, epoch: 1, loss: 1, valLoss: null, valAuc: 0.5 },
      { step: 2, epoch: 2, loss: 0, valLoss: null, valAuc: 0.6 },
    ]);
    expect(got.progress).toEqual(progressAt(2));
    expect(json<RunLog[]>(await t.app.inject({ method: 'GET', url: `/api/runs/${run.id}/logs` }))).toEqual([
      { at: '2026-01-01T00:00:00.001Z', level: 'info', message: 'one' },
      { at: '2026-01-01T00:00:00.002Z', level: 'warn', message: 'two', nodeId: 'n1' },
    ]);
  });

  it('keeps pending rows when the final transaction rolls back, and continues numbering after a restart', async () => {
    const run = await newRun();
    const output = await RunOutput.open(t.app.prisma, fenceOf(run.id), null);
    output.log({ at: '2026-01-01T00:00:00.000Z', level: 'info', message: 'kept' });
    await output.stop();
    await expect(
      t.app.prisma.$transaction(async (tx) => {
        await output.drain(tx);
        throw new Error('the status write failed');
      }),
    ).rejects.toThrow('the status write failed');
    expect(await t.app.prisma.runLog.count({ where: { runId: run.id } })).toBe(0);
    await t.app.prisma.$transaction((tx) => output.drain(tx));
    output.drained();
    expect(await t.app.prisma.runLog.count({ where: { runId: run.id } })).toBe(1);

    const again = await RunOutput.open(t.app.prisma, fenceOf(run.id), null);
    again.log({ at: '2026-01-01T00:00:01.000Z', level: 'info', message: 'after' });
    await again.stop();
    await t.app.prisma.$transaction((tx) => again.drain(tx));
    const rows = await t.app.prisma.runLog.findMany({ where: { runId: run.id }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.seq, r.message])).toEqual([
      [0, 'kept'],
      [1, 'after'],
    ]);
  });

  it(`keeps the newest ${MAX_LOGS} log lines of a run`, async () => {
    const run = await newRun();
    const output = await RunOutput.open(t.app.prisma, fenceOf(run.id), null);
    const total = MAX_LOGS + 25;
    for (let i = 0; i < total; i++)
      output.log({
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
        level: 'info',
        message: `line ${i}`,
      });
    await output.stop();
    await t.app.prisma.$transaction((tx) => output.drain(tx));
    expect(await t.app.prisma.runLog.count({ where: { runId: run.id } })).toBe(MAX_LOGS);
    const logs = json<RunLog[]>(await t.app.inject({ method: 'GET', url: `/api/runs/${run.id}/logs` }));
    expect(logs).toHaveLength(MAX_LOGS);
    expect(logs[0]!.message).toBe(`line ${total - MAX_LOGS}`);
    expect(logs.at(-1)!.message).toBe(`line ${total - 1}`);
  });
});
