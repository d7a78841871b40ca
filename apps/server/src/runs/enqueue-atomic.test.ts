import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '@studio/api';
import { pgBossSchema } from '../jobs/pg-boss-queue';
import { seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

/**
 * A committed run and its job exist together: the run's row and pg-boss' job row commit in one transaction,
 * so no run waits (up to a lease, for the resend) behind a job that was never sent. On SQLite the queued row
 * is the job itself; the window only exists with a separate queue.
 */
describe.skipIf(!testProviders.includes('postgresql'))(
  'a run and its job commit together on PostgreSQL',
  () => {
    let t: TestApp;
    let admin: pg.Client;
    let jobs: string;
    let projectId: string;
    beforeAll(async () => {
      // No worker: jobs stay in pg-boss' table for the test to read.
      t = await createTestApp('postgresql', { workers: 0 });
      await seedDemo(t.app);
      projectId = (await t.app.prisma.project.findFirstOrThrow()).id;
      const target = t.db.target;
      if (target.provider !== 'postgresql') throw new Error('unreachable');
      jobs = pgBossSchema(target.schema);
      await t.app.runs.queue.ping(); // pg-boss installed its tables
      admin = new pg.Client({ connectionString: target.connectionString });
      await admin.connect();
    }, 60_000);
    afterAll(async () => {
      await admin?.end();
      await t?.close();
    });

    const jobsOf = async (runId: string) =>
      Number(
        (
          await admin.query<{ n: string }>(
            `SELECT count(*) AS n FROM "${jobs}".job WHERE singleton_key = $1`,
            [`train:${runId}`],
          )
        ).rows[0]!.n,
      );

    it('the job is in the queue when the run is answered, and a job that cannot be sent leaves no run', async () => {
      const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/runs`, payload: {} });
      expect(res.statusCode, res.body).toBe(201);
      const run = json<Run>(res);
      expect(run.status).toBe('queued');
      expect(await jobsOf(run.id)).toBe(1);

      // The queue's table unreachable (as if the send failed after the run's commit): nothing commits.
      const before = await t.app.prisma.run.count();
      await admin.query(`ALTER TABLE "${jobs}".job RENAME TO job_away`);
      try {
        const refused = await t.app.inject({
          method: 'POST',
          url: `/api/projects/${projectId}/runs`,
          payload: {},
        });
        expect(refused.statusCode).toBeGreaterThanOrEqual(500);
      } finally {
        await admin.query(`ALTER TABLE "${jobs}".job_away RENAME TO job`);
      }
      expect(await t.app.prisma.run.count()).toBe(before);
    }, 30_000);
  },
);
