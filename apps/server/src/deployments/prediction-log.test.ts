import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrator';
import { createPrismaClient, type StudioPrisma } from '../db/prisma-client';
import { createTestDatabase, testProviders, type TestDatabase } from '../test/test-database';
import { PredictionLogger } from './prediction-log';

describe.each(testProviders)('prediction log on %s', (provider) => {
  let db: TestDatabase;
  let prisma: StudioPrisma;
  const errors: unknown[] = [];
  const log = { error: (o: unknown) => errors.push(o), warn: () => {} } as never;

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
});
