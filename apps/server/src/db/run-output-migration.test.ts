import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Run, RunLog } from '@studio/api';
import { buildApp } from '../app';
import { json } from '../test-support/test-app';
import { createTestDatabase, testProviders, type TestDatabase } from '../test-support/test-database';
import { migrate } from './migrator';
import { defaultMigrationsRoot, readMigrations } from './migrations-dir';
import { openSqlConnection, type SqlConnection } from './sql-connection';

const MIGRATION = '0003_run_points_logs';

// Run.progress as servers before 0003 wrote it: the whole live state, rewritten every second.
const progress = {
  phase: 'done',
  fraction: 1,
  etaSeconds: 0,
  epoch: 2,
  step: 20,
  loss: 0.4123456789012345,
  valLoss: 0.45,
  valAuc: 0.71,
  rowsPerSec: 1000,
};
const oldLive = {
  progress,
  history: [
    { step: 10, epoch: 1, loss: 0.6, valLoss: null, valAuc: null },
    { step: 20, epoch: 2, loss: 0.4123456789012345, valLoss: 0.45, valAuc: 0.71 },
    { step: 30, epoch: 3, loss: 1e-300, valLoss: 0.1, valAuc: 0.999 },
  ],
  logs: [
    { at: '2026-01-02T03:04:05.678Z', level: 'info', message: 'loaded 1000 rows' },
    { at: '2026-01-02T03:04:06.001Z', level: 'warn', message: "column 'x' is constant", nodeId: 'split-1' },
    { at: '2026-01-02T03:04:07.000Z', level: 'error', message: 'ENGINE_FAILED: out of memory' },
  ],
};
const oldFacts = {
  version: 1,
  graphHash: 'h'.repeat(64),
  datasetHash: null,
  seed: 7,
  modelKind: 'logistic',
  engineVersion: null,
  durations: { total: 2 },
  evaluation: null,
  evaluations: [],
  woe: null,
  scorecard: null,
  warnings: [],
};

describe.each(testProviders)(`migration ${MIGRATION} on %s`, (provider) => {
  let db: TestDatabase;
  let before: string;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
    // The committed migrations up to the one before 0003: a database as the previous release left it.
    before = mkdtempSync(join(tmpdir(), 'studio-migrations-'));
    for (const m of readMigrations(provider).filter((m) => m.name < MIGRATION))
      cpSync(join(defaultMigrationsRoot, provider, m.name), join(before, provider, m.name), {
        recursive: true,
      });
  });
  afterEach(async () => {
    await db.drop();
    rmSync(before, { recursive: true, force: true });
  });

  const p = (i: number) => (provider === 'sqlite' ? '?' : `$${i}`);
  // The timestamp format each database holds (Prisma's SQLite adapter writes ISO 8601 with +00:00).
  const ts = (iso: string) => (provider === 'sqlite' ? iso.replace('Z', '+00:00') : iso.replace('Z', ''));

  async function seedOldRows(conn: SqlConnection): Promise<void> {
    const now = ts('2026-01-02T03:00:00.000Z');
    await conn.query(`INSERT INTO "User" ("id", "name") VALUES ('u1', 'Ana')`);
    await conn.query(
      `INSERT INTO "Project" ("id", "name", "updatedAt", "createdById") VALUES ('p1', 'P', ${p(1)}, 'u1')`,
      [now],
    );
    await conn.query(
      `INSERT INTO "GraphVersion" ("id", "projectId", "number", "hash", "authorId", "irVersion", "graph")
       VALUES ('v1', 'p1', 1, 'h', 'u1', 1, '{}')`,
    );
    const run = (id: string, status: string, live: unknown, error: unknown) =>
      conn.query(
        `INSERT INTO "Run" ("id", "projectId", "graphVersionId", "status", "progress", "metrics", "error",
           "startedById", "createdAt", "startedAt", "finishedAt")
         VALUES (${p(1)}, 'p1', 'v1', ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, 'u1', ${p(6)}, ${p(7)}, ${p(8)})`,
        [
          id,
          status,
          live === null ? null : JSON.stringify(live),
          JSON.stringify(oldFacts),
          error === null ? null : JSON.stringify(error),
          ts('2026-01-02T02:59:00.000Z'),
          now,
          now,
        ],
      );
    await run('r-full', 'failed', oldLive, { code: 'ENGINE_FAILED', message: 'out of memory', nodeId: 'm1' });
    await run('r-empty', 'cancelled', { progress: null, history: [], logs: [] }, null);
    await run('r-null', 'failed', null, { code: 'X', message: 'm' });
  }

  const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as unknown;

  it('moves stored learning curves and logs into RunPoint and RunLog, keeping what the API returns', async () => {
    await migrate(db.target, before);
    const conn = await openSqlConnection(db.target);
    try {
      await seedOldRows(conn);
      expect((await migrate(db.target)).applied[0]).toBe(MIGRATION);

      const points = await conn.query<Record<string, unknown>>(
        `SELECT "runId", "seq", "step", "epoch", "loss", "valLoss", "valAuc" FROM "RunPoint" ORDER BY "runId", "seq"`,
      );
      expect(points).toEqual(oldLive.history.map((h, seq) => ({ runId: 'r-full', seq, ...h })));
      const logs = await conn.query<{ runId: string; seq: number; level: string; nodeId: string | null }>(
        `SELECT "runId", "seq", "level", "nodeId" FROM "RunLog" ORDER BY "runId", "seq"`,
      );
      expect(logs).toEqual([
        { runId: 'r-full', seq: 0, level: 'info', nodeId: null },
        { runId: 'r-full', seq: 1, level: 'warn', nodeId: 'split-1' },
        { runId: 'r-full', seq: 2, level: 'error', nodeId: null },
      ]);
      const runs = await conn.query<{ id: string; progress: unknown }>(
        `SELECT "id", "progress" FROM "Run" ORDER BY "id"`,
      );
      expect(runs.map((r) => [r.id, r.progress === null ? null : parsed(r.progress)])).toEqual([
        ['r-empty', { v: 2, progress: null }],
        ['r-full', { v: 2, progress }],
        ['r-null', null],
      ]);
    } finally {
      await conn.close();
    }

    // The API answers from the new tables with the shapes it always had.
    const app = await buildApp({ databaseUrl: db.url, dataDir: db.dataDir, logger: false, auth: 'local' });
    try {
      await app.ready();
      const full = json<Run>(await app.inject({ method: 'GET', url: '/api/runs/r-full' }));
      expect(full).toMatchObject({
        status: 'failed',
        seed: 7,
        progress,
        history: oldLive.history,
        quantizations: [],
        error: { code: 'ENGINE_FAILED', message: 'out of memory' },
      });
      expect(json<RunLog[]>(await app.inject({ method: 'GET', url: '/api/runs/r-full/logs' }))).toEqual(
        oldLive.logs,
      );
      const empty = json<Run>(await app.inject({ method: 'GET', url: '/api/runs/r-empty' }));
      expect(empty).toMatchObject({ progress: null, history: [], error: null });
      expect(json<RunLog[]>(await app.inject({ method: 'GET', url: '/api/runs/r-empty/logs' }))).toEqual([]);
      const none = json<Run>(await app.inject({ method: 'GET', url: '/api/runs/r-null' }));
      expect(none).toMatchObject({ progress: null, history: [], error: { code: 'X', message: 'm' } });
      // Deleting the project removes its runs' rows with them.
      await app.prisma.project.delete({ where: { id: 'p1' } });
      expect(await app.prisma.runPoint.count()).toBe(0);
      expect(await app.prisma.runLog.count()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('applies once: a second migrate finds nothing to do', async () => {
    await migrate(db.target, before);
    expect((await migrate(db.target)).applied[0]).toBe(MIGRATION);
    expect((await migrate(db.target)).applied).toEqual([]);
  });
});
