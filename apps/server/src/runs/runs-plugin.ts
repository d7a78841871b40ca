import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  runLogSchema,
  runSchema,
  startRunBodySchema,
  routes,
  under,
  projectParamsSchema,
  runParamsSchema,
  notRunnableBodySchema,
} from '@studio/api';
import { sweepBlobs } from '../blobs/blob-sweep';
import { InProcessJobQueue } from '../jobs/in-process-queue';
import type { JobKind, JobQueue } from '../jobs/job-queue';
import { PgBossJobQueue } from '../jobs/pg-boss-queue';
import { PgNotifier } from '../jobs/pg-notifier';
import { dbClock } from '../jobs/db-clock';
import { registerJobMetrics } from '../jobs/job-metrics';
import { PgRunEventTransport, runEventsChannel } from './pg-run-events';
import { RunEventHub } from './run-events';
import type { LeaseSettings } from './run-lease';
import { RunService } from './run-service';
import { RunStreams } from './run-stream';
import { RunWorker } from './run-worker';

declare module 'fastify' {
  interface FastifyInstance {
    runs: RunService;
  }
}

const runRoutes: FastifyPluginAsyncZod<{ streams: RunStreams }> = async (app, { streams }) => {
  app.post(
    under('/api', routes.startRun),
    {
      schema: {
        tags: ['runs'],
        summary: "Queue a training run of a saved version (default: the project's head)",
        params: projectParamsSchema,
        body: startRunBodySchema.optional(),
        response: { 201: runSchema, 404: errorBodySchema, 409: errorBodySchema, 422: notRunnableBodySchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await app.runs.start(request.params.projectId, request.body?.versionId, request.actor)),
  );

  app.get(
    under('/api', routes.listRuns),
    {
      schema: {
        tags: ['runs'],
        summary: "The project's runs, newest first",
        params: projectParamsSchema,
        response: { 200: z.array(runSchema), 404: errorBodySchema },
      },
    },
    async (request) => {
      await app.projects.assertExists(request.params.projectId);
      return app.runs.list(request.params.projectId);
    },
  );

  app.get(
    under('/api', routes.getRun),
    {
      schema: {
        tags: ['runs'],
        summary: 'One run: status, progress, evaluation, scorecard, artifacts',
        params: runParamsSchema,
        response: { 200: runSchema, 404: errorBodySchema },
      },
    },
    async (request) => app.runs.get(request.params.runId),
  );

  app.get(
    under('/api', routes.runEvents),
    {
      schema: {
        tags: ['runs'],
        summary: 'Live run events (text/event-stream; event name = RunEvent type), current state first',
        params: runParamsSchema,
        response: { 404: errorBodySchema },
      },
    },
    async (request, reply) =>
      streams.serve(request, reply, app.runs.events, request.params.runId, () =>
        app.runs.get(request.params.runId),
      ),
  );

  app.post(
    under('/api', routes.cancelRun),
    {
      schema: {
        tags: ['runs'],
        summary: 'Cancel a queued or training run; answers once it has stopped',
        params: runParamsSchema,
        response: { 200: runSchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) => app.runs.cancel(request.params.runId, request.actor),
  );

  app.post(
    under('/api', routes.retryRun),
    {
      schema: {
        tags: ['runs'],
        summary: 'Queue a new run of the same version',
        params: runParamsSchema,
        response: { 201: runSchema, 404: errorBodySchema, 409: errorBodySchema, 422: notRunnableBodySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await app.runs.retry(request.params.runId, request.actor)),
  );

  app.get(
    under('/api', routes.runLogs),
    {
      schema: {
        tags: ['runs'],
        summary: "The run's log lines, oldest first",
        params: runParamsSchema,
        response: { 200: z.array(runLogSchema), 404: errorBodySchema },
      },
    },
    async (request) => app.runs.logs(request.params.runId),
  );
};

/** How often a worker sweeps the blob store. */
const BLOB_SWEEP_MS = 60 * 60 * 1000;

/** How a process takes part in running jobs. */
export interface RunsPluginOptions {
  /** Job handlers this process runs (its embedded worker); 0: it only enqueues, reads and streams. */
  workers: number;
  settings: LeaseSettings;
}

/**
 * Runs: decorates `runs` (service, job queue, live events). On SQLite the queue is in-process and events stay
 * in memory; on PostgreSQL jobs go through pg-boss, and events and cancels travel by LISTEN/NOTIFY so any
 * replica streams and cancels any run. With `workers > 0` the process also trains (a `RunWorker`); on close
 * that worker hands its runs back to the queue.
 */
export const runsPlugin = fp<RunsPluginOptions>(
  async (app, { workers, settings }) => {
    const target = app.database;
    const pg = target.provider === 'postgresql' ? target : null;
    const notifier = pg
      ? new PgNotifier(pg.connectionString, (err) =>
          app.log.warn({ err }, 'the LISTEN/NOTIFY connection dropped; reconnecting'),
        )
      : null;
    const events = new RunEventHub(
      notifier && pg
        ? new PgRunEventTransport(notifier, runEventsChannel(pg.schema), (err) =>
            app.log.warn({ err }, 'a run event could not be sent or read'),
          )
        : null,
    );
    const queue: JobQueue = pg
      ? new PgBossJobQueue(pg.connectionString, pg.schema, (err) => app.log.error({ err }, 'pg-boss error'))
      : new InProcessJobQueue(async () => {
          const [runs, jobs] = await Promise.all([
            app.prisma.run.findMany({
              where: { status: 'queued', cancelRequested: false },
              orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
              select: { id: true },
            }),
            app.prisma.job.findMany({
              where: { status: 'queued', cancelRequested: false },
              orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
              select: { id: true, kind: true },
            }),
          ]);
          return [
            ...runs.map((r) => ({ kind: 'train' as const, id: r.id })),
            ...jobs.map((j) => ({ kind: j.kind as JobKind, id: j.id })),
          ];
        });
    const cancelChannel = `studio_run_cancel_${pg?.schema ?? 'local'}`.slice(0, 63);
    const service = new RunService({
      prisma: app.prisma,
      audit: app.audit,
      datasets: app.datasets,
      queue,
      events,
      settings,
      notifier,
      cancelChannel,
    });
    const streams = new RunStreams();
    let sweeper: NodeJS.Timeout | null = null;
    const jobMetrics = registerJobMetrics(app, queue, settings, dbClock(app.prisma, app.database.provider));
    service.jobDone = jobMetrics.jobDone;
    app.decorate('runs', service);
    app.addHook('onReady', async () => {
      await events.start();
      if (workers <= 0) return;
      service.worker = new RunWorker({
        prisma: app.prisma,
        audit: app.audit,
        datasets: app.datasets,
        dataDir: app.dataDir,
        log: app.log,
        queue,
        events,
        settings,
        notifier,
        cancelChannel,
        onSucceeded: async (runId) => service.onSucceeded?.(runId),
        onJobDone: jobMetrics.jobDone,
        otherJobs: async (job) => service.otherJobs?.(job),
        stopOtherJob: (jobId) => service.stopOtherJob?.(jobId) ?? false,
        clock: dbClock(app.prisma, app.database.provider),
      });
      await service.worker.start(workers);
      // Workers also clear what crashes leave in the blob store (old temp files, blobs no row names).
      const sweep = () =>
        void sweepBlobs(app.prisma, app.datasets.blobs).then(
          (report) => app.log.info(report, 'blob store swept'),
          (err: unknown) => app.log.warn({ err }, 'the blob store sweep failed; it runs again in an hour'),
        );
      sweep();
      sweeper = setInterval(sweep, BLOB_SWEEP_MS);
      sweeper.unref();
    });
    app.addHook('preClose', async () => {
      if (sweeper) clearInterval(sweeper);
      streams.closeAll();
      await service.close();
      await queue.close();
      await notifier?.close();
    });
    await app.register(runRoutes, { prefix: '/api', streams });
  },
  { name: 'runs', dependencies: ['db', 'ops', 'actor', 'audit', 'projects', 'datasets'] },
);
