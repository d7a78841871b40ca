import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deploymentParamsSchema, errorBodySchema, jobSchema, routes, under } from '@studio/api';
import { parseCsv } from '@studio/data';
import { HttpUserError, notFound } from '../http-error';
import { ArtifactStore } from '../runs/artifact-store';
import { csvRecords, missingColumns } from '../serving/csv-records';
import { checkRecord } from '../serving/input-schema';
import { toJob } from './job-service';

/** Rows between two progress writes (and yields to the event loop). */
const PROGRESS_ROWS = 500;

/** One CSV cell: quoted when it holds a comma, a quote or a line break. */
const cell = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * CSV batch scoring as a job (issue #11): `POST /api/deployments/:deploymentId/score-jobs` (text/csv body)
 * answers 202; a worker scores every row with the slug's live version and stores the scored CSV (`row`,
 * `probability`, `score`, `riskBand`, `reasons`, `problems`) as the job's result, with progress every 500
 * rows. The `/v1/…/predict/csv` stream (deployment keys, NDJSON) stays as it is for the web app.
 */
export const scoreJobsPlugin = fp<{ maxCsvBytes: number }>(
  async (app, { maxCsvBytes }) => {
    const artifacts = new ArtifactStore(app.datasets.blobs, app.dataDir);
    app.jobs.register('score', async (ctx) => {
      const deployment = await app.prisma.deployment.findUnique({
        where: { id: ctx.job.deploymentId ?? '' },
        select: { slug: true, projectId: true },
      });
      if (!deployment) throw notFound('deployment', ctx.job.deploymentId ?? '');
      const model = await app.serving.registry.resolve(deployment.slug);
      const table = parseCsv(await ctx.input());
      const fields = model.identity.fields;
      const absent = missingColumns(fields, table);
      if (absent.length > 0)
        throw new HttpUserError(
          400,
          'INPUT_INVALID',
          `The CSV lacks columns the model reads: ${absent.join(', ')}.`,
          { fields: absent.map((field) => ({ field, problem: 'missing' })) },
        );
      const lines = ['row,probability,score,riskBand,reasons,problems'];
      const total = table.rowCount;
      for (const [i, record] of csvRecords(fields, table)) {
        const checked = checkRecord(fields, record, '', model.identity);
        if (!checked.ok) {
          const problems = checked.problems.map((p) => `${p.field}:${p.problem}`).join(';');
          lines.push(`${i},,,,,${cell(problems)}`);
        } else {
          const p = await model.predict(checked.row, checked.warnings);
          const reasons = p.reasons.map((r) => r.code).join(';');
          lines.push([i, p.probability, p.score, cell(p.riskBand), cell(reasons), ''].join(','));
        }
        if ((i + 1) % PROGRESS_ROWS === 0) {
          await ctx.progress({ phase: 'scoring', done: i + 1, total });
          await new Promise((r) => setImmediate(r));
        }
      }
      await ctx.progress({ phase: 'storing', done: total, total });
      const stored = await ctx.store(Buffer.from(lines.join('\n') + '\n'));
      await app.prisma.$transaction(async (tx) => {
        if (!(await tx.deployment.findUnique({ where: { id: ctx.job.deploymentId! }, select: { id: true } })))
          throw notFound('deployment', ctx.job.deploymentId!);
        await ctx.succeed(tx, { result: stored });
      });
    });

    const scoreRoutes: FastifyPluginAsyncZod = async (api) => {
      api.addContentTypeParser(
        'text/csv',
        { parseAs: 'buffer', bodyLimit: maxCsvBytes },
        (_req, body, done) => done(null, body),
      );
      api.post(
        under('/api', routes.startScoreJob),
        {
          schema: {
            tags: ['deployments', 'jobs'],
            summary:
              "Score a CSV (text/csv body, header row) with the deployment's live version as a job: answers 202; the scored CSV is its result",
            params: deploymentParamsSchema,
            body: z.custom<Buffer>((b) => Buffer.isBuffer(b), 'a text/csv body'),
            response: { 202: jobSchema, 404: errorBodySchema, 413: errorBodySchema },
          },
        },
        async (request, reply) => {
          const { deploymentId } = request.params;
          const deployment = await app.prisma.deployment.findUnique({
            where: { id: deploymentId },
            select: { projectId: true },
          });
          if (!deployment) throw notFound('deployment', deploymentId);
          const input = await artifacts.write(request.body);
          const job = await app.jobs.create(
            'score',
            request.actor,
            { projectId: deployment.projectId, deploymentId, inputSha256: input.sha256 },
            false,
          );
          return reply.code(202).send(toJob(job));
        },
      );
    };
    await app.register(scoreRoutes, { prefix: '/api' });
  },
  { name: 'score-jobs', dependencies: ['db', 'actor', 'jobs', 'serving', 'datasets'] },
);
