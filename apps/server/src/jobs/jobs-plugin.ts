import { readFile } from 'node:fs/promises';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema, jobParamsSchema, jobSchema, projectAccessOf, routes, under } from '@studio/api';
import { HttpUserError, notFound } from '../http-error';
import { ArtifactStore } from '../runs/artifact-store';
import { dbClock } from './db-clock';
import { JobService, resultExpiredMessage } from './job-service';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobService;
  }
}

/**
 * Jobs besides training (bundle export and import): decorates `jobs` and serves `GET /api/jobs/:jobId` (status
 * and progress) and `/result` (the stored bundle). They travel on the runs' queue, so `studio worker` and the
 * embedded worker run them too; a process with workers also takes back jobs whose lease expired.
 */
export const jobsPlugin = fp<{ workers: number }>(
  async (app, { workers }) => {
    const service = new JobService({
      prisma: app.prisma,
      queue: app.runs.queue,
      artifacts: new ArtifactStore(app.datasets.blobs, app.dataDir),
      blobs: app.datasets.blobs,
      settings: app.runs.settings,
      clock: dbClock(app.prisma, app.database.provider),
      log: app.log,
      audit: app.audit,
      signalCancel: (jobId) => app.runs.signalCancel(jobId),
      onJobDone: (kind, outcome, seconds) => app.runs.jobDone(kind, outcome, seconds),
    });
    app.runs.otherJobs = (job) => service.work(job);
    app.runs.stopOtherJob = (jobId) => service.stopLocal(jobId);
    app.decorate('jobs', service);
    app.addHook('onReady', async () => service.start(workers > 0));
    app.addHook('preClose', async () => service.close());

    /** A job whose project the actor may not see is answered like one that does not exist. */
    const visible = async (jobId: string, actor: { id: string; role: string } | undefined) => {
      const row = await service.row(jobId);
      // Project-scoped jobs are checked by the route's project access (`jobId` names the project); an
      // import not finished yet belongs to whoever started it (and to oversight roles).
      if (
        !row.projectId &&
        actor &&
        row.createdById !== actor.id &&
        projectAccessOf(actor.role as never, null) !== 'oversight'
      )
        throw notFound('job', jobId);
      return row;
    };

    const routesOf: FastifyPluginAsyncZod = async (api) => {
      api.get(
        under('/api', routes.getJob),
        {
          schema: {
            tags: ['jobs'],
            summary: 'A bundle export or import job, or a CSV scoring job: status, progress, error, result',
            params: jobParamsSchema,
            response: { 200: jobSchema, 404: errorBodySchema },
          },
        },
        async (request) => {
          await visible(request.params.jobId, request.actor);
          return service.get(request.params.jobId);
        },
      );
      api.post(
        under('/api', routes.cancelJob),
        {
          schema: {
            tags: ['jobs'],
            summary:
              'Cancel a queued or running job from any replica; answers the job once its worker has stopped it (409 when it has ended)',
            params: jobParamsSchema,
            response: { 200: jobSchema, 404: errorBodySchema, 409: errorBodySchema },
          },
        },
        async (request) => {
          await visible(request.params.jobId, request.actor);
          return service.cancel(request.params.jobId, request.actor);
        },
      );
      api.get(
        under('/api', routes.jobResult),
        {
          schema: {
            tags: ['jobs'],
            summary:
              'The stored result of a succeeded job (application/zip for an export, text/csv for scoring); 410 once released after STUDIO_JOB_RESULT_RETENTION_MS',
            params: jobParamsSchema,
            produces: ['application/zip', 'text/csv'],
            response: {
              200: z.custom<Buffer>((b) => Buffer.isBuffer(b)),
              404: errorBodySchema,
              409: errorBodySchema,
              410: errorBodySchema,
            },
          },
        },
        async (request, reply) => {
          const row = await visible(request.params.jobId, request.actor);
          if (row.status === 'expired')
            throw new HttpUserError(
              410,
              'JOB_RESULT_EXPIRED',
              (row.error as { message?: string } | null)?.message ??
                resultExpiredMessage(row.kind, app.runs.settings.resultRetentionMs),
            );
          if (row.status !== 'succeeded' || !row.resultSha256)
            throw new HttpUserError(
              409,
              'JOB_NOT_DONE',
              row.status === 'succeeded'
                ? 'This job has no stored result (an import: open its project instead).'
                : `This job is ${row.status}; fetch its result once it has succeeded.`,
            );
          const csv = row.kind === 'score';
          return reply
            .type(csv ? 'text/csv; charset=utf-8' : 'application/zip')
            .header(
              'content-disposition',
              `attachment; filename="${csv ? `scored-${row.id}.csv` : `bundle-${row.id}.zip`}"`,
            )
            .send(await readFile(app.datasets.blobs.pathOf(row.resultSha256)));
        },
      );
    };
    await app.register(routesOf, { prefix: '/api' });
  },
  { name: 'jobs', dependencies: ['db', 'actor', 'audit', 'runs', 'datasets'] },
);
