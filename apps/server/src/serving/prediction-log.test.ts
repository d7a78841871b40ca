import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrator';
import { openSqlConnection } from '../db/sql-connection';
import { createPrismaClient, type StudioPrisma } from '../db/prisma-client';
import { createTestDatabase, testProviders, type TestDatabase } from '../test-support/test-database';
import { PredictionLogger } from './prediction-log';

describe.each(testProviders)('prediction log on %s', (provider) => {
  let db: TestDatabase;
  let prisma: StudioPrisma;
  const errors: unknown[] = [];
  const warnings: unknown[] = [];
  const log = { error: (o: unknown) => errors.push(o), warn: (o: unknown) => warnings.push(o) } as never;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await migrate(db.target);
    prisma = createPrismaClient(db.target);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('writes queued entries in multi-row inserts that Prisma reads back unchanged', async () => {
    const logger = new PredictionLogger(prisma, log, db.target);
    const before = Date.now();
    for (let i = 0; i < 1203; i++)
      logger.record({
        deploymentId: 'd1',
        slug: 'german',
        version: 2,
        requestId: `r${i}`,
        inputs: { age: i, purpose: "car's" },
        output: { probability: i / 2000, reasons: [{ code: 'RC1' }] },
        latencyMs: 0.25,
      });
    await logger.flush();
    expect(errors).toEqual([]);
    const rows = await prisma.predictionLog.findMany({ orderBy: { requestId: 'asc' } });
    expect(rows).toHaveLength(1203);
    const r7 = rows.find((r) => r.requestId === 'r7')!;
    expect(r7).toMatchObject({
      deploymentId: 'd1',
      slug: 'german',
      version: 2,
      inputs: { age: 7, purpose: "car's" },
      output: { probability: 7 / 2000, reasons: [{ code: 'RC1' }] },
      latencyMs: 0.25,
    });
    expect(r7.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1203);
  });

  it('stores the same values as the Prisma path, and falls back to it when its own write fails', async () => {
    // A short lock wait, so the 1.5 s transaction below outlasts it.
    const logger = new PredictionLogger(prisma, log, db.target, { sqliteBusyTimeoutMs: 50 });
    const entry = (requestId: string) => ({
      deploymentId: 'd2',
      slug: 'same',
      version: 3,
      requestId,
      inputs: { a: 1.5, s: 'x"y' },
      output: { probability: 0.125 },
      latencyMs: 1.75,
    });
    logger.record(entry('direct'));
    await logger.flush();
    // The Prisma path, as before this connection existed (and as the fallback writes).
    const viaPrisma = logger as unknown as { writeThroughPrisma(rows: unknown[][]): Promise<void> };
    await viaPrisma.writeThroughPrisma([
      ['pid', 'd2', 'same', 3, new Date(), 'prisma', '{"a":1.5,"s":"x\\"y"}', '{"probability":0.125}', 1.75],
    ]);
    if (provider === 'sqlite') {
      // An interactive Prisma transaction holds SQLite's write lock longer than the writer thread waits:
      // its write is refused and the batch goes through Prisma after the transaction.
      await prisma.$transaction(async (tx) => {
        await tx.predictionLog.deleteMany({ where: { requestId: 'none' } });
        await tx.$executeRawUnsafe('UPDATE "PredictionLog" SET "slug" = "slug" WHERE "requestId" = \'none\'');
        logger.record(entry('fallback'));
        // Long enough that the writer thread's attempt falls inside it even on a loaded machine.
        await new Promise((r) => setTimeout(r, 1500));
      });
    } else logger.record(entry('fallback'));
    await logger.close();
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(provider === 'sqlite' ? 1 : 0);
    const sql = await openSqlConnection(db.target);
    try {
      const typed =
        provider === 'sqlite'
          ? 'typeof("version") || typeof("at") || typeof("inputs") || typeof("latencyMs")'
          : 'pg_typeof("version")::text || pg_typeof("at")::text || pg_typeof("inputs")::text';
      const raw = await sql.query<Record<string, unknown>>(
        `SELECT "requestId", "version", ${provider === 'sqlite' ? '"at"' : '"at"::text AS "at"'}, "inputs", "output", "latencyMs", ${typed} AS t FROM ` +
          `${provider === 'sqlite' ? '"PredictionLog"' : `"${db.target.provider === 'postgresql' ? db.target.schema : ''}"."PredictionLog"`}` +
          ` WHERE "deploymentId" = 'd2' ORDER BY "requestId"`,
      );
      expect(raw.map((r) => r.requestId)).toEqual(['direct', 'fallback', 'prisma']);
      const shape = (r: Record<string, unknown>) => ({
        ...r,
        requestId: undefined,
        // Same format, different instants (PostgreSQL prints only the significant millisecond digits).
        at: String(r.at)
          .replace(provider === 'sqlite' ? /$^/ : /\.\d+/, '')
          .replace(/\d/g, '0'),
      });
      expect(shape(raw[0]!)).toEqual(shape(raw[2]!));
      expect(shape(raw[1]!)).toEqual(shape(raw[2]!));
    } finally {
      await sql.close();
    }
    const rows = await prisma.predictionLog.findMany({ where: { deploymentId: 'd2' } });
    for (const r of rows) expect(Math.abs(r.at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('group commit: record resolves after its row is committed, with the time of the prediction', async () => {
    const logger = new PredictionLogger(prisma, log, db.target);
    const at = new Date(Date.now() - 1234);
    const entry = (requestId: string) => ({
      deploymentId: 'g1',
      slug: 'group',
      version: 1,
      requestId,
      inputs: { x: 1 },
      output: { probability: 0.5 },
      latencyMs: 1,
      at,
    });
    // 300 concurrent requests: each waits for its own batch, and batches hold what arrived meanwhile.
    await Promise.all(Array.from({ length: 300 }, (_, i) => logger.record(entry(`g${i}`))));
    // Read through another connection, without flushing: every awaited row is there already.
    const rows = await prisma.predictionLog.findMany({ where: { deploymentId: 'g1' } });
    expect(rows).toHaveLength(300);
    for (const r of rows) expect(r.at.getTime()).toBe(at.getTime());
    await logger.close();
  });

  it('a write that fails rejects its requests (503 upstream) and logs nothing', async () => {
    // A real database without the table: the writer and the Prisma fallback both fail.
    const bare = await createTestDatabase(provider);
    const barePrisma = createPrismaClient(bare.target);
    const failures: unknown[] = [];
    const logger = new PredictionLogger(
      barePrisma,
      { error: (o: unknown) => failures.push(o), warn: () => {} } as never,
      bare.target,
    );
    try {
      const outcome = await logger
        .record({
          deploymentId: 'f1',
          slug: 'fail',
          version: 1,
          requestId: 'lost',
          inputs: {},
          output: {},
          latencyMs: 1,
        })
        .then(
          () => 'committed',
          (e: unknown) => (e as { kind?: string; code?: string }).kind,
        );
      expect(outcome).toBe('operational');
      expect(failures).toHaveLength(1);
    } finally {
      await logger.close();
      await barePrisma.$disconnect();
      await bare.drop();
    }
  });

  it.runIf(provider === 'sqlite')(
    'waits on its own thread for a short Prisma transaction instead of falling back, while the event loop runs',
    async () => {
      const logger = new PredictionLogger(prisma, log, db.target);
      const warned = warnings.length;
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('UPDATE "PredictionLog" SET "slug" = "slug" WHERE "requestId" = \'none\'');
        logger.record({
          deploymentId: 'd3',
          slug: 'wait',
          version: 1,
          requestId: 'waited',
          inputs: {},
          output: { probability: 0.5 },
          latencyMs: 1,
        });
        await new Promise((r) => setTimeout(r, 300));
      });
      await logger.close();
      clearInterval(timer);
      expect(errors).toEqual([]);
      expect(warnings).toHaveLength(warned); // written by the writer's thread, not the Prisma fallback
      expect(ticks).toBeGreaterThan(10); // the event loop kept running while the write waited
      const rows = await prisma.predictionLog.findMany({ where: { deploymentId: 'd3' } });
      expect(rows.map((r) => r.requestId)).toEqual(['waited']);
    },
  );

  it.runIf(provider === 'sqlite')(
    'the event loop writes with checkpoints off; the writer thread checkpoints, so the WAL does not grow with the log',
    async () => {
      const logger = new PredictionLogger(prisma, log, db.target);
      const inputs = { text: 'x'.repeat(1500) };
      // 24,000 rows of ~1.6 kB: ~40 MB of WAL if nothing copied it back and restarted it.
      for (let round = 0; round < 60; round++)
        await Promise.all(
          Array.from({ length: 400 }, (_, i) =>
            logger.record({
              deploymentId: 'w1',
              slug: 'wal',
              version: 1,
              requestId: `w${round}-${i}`,
              inputs,
              output: { probability: 0.5 },
              latencyMs: 1,
            }),
          ),
        );
      await logger.close();
      expect(await prisma.predictionLog.count({ where: { deploymentId: 'w1' } })).toBe(24_000);
      const target = db.target as { filePath: string };
      expect(statSync(`${target.filePath}-wal`).size).toBeLessThan(16 * 1024 * 1024);
    },
    120_000,
  );
});
