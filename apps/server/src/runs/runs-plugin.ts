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
import { RunService } from './run-service';
import { RunStreams } from './run-stream';

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

/**
 * Runs: decorates `runs` (service, in-process job queue, live events), marks runs a previous process left
 * queued or running as interrupted when the app is ready, and stops the worker before the app closes.
 */
export const runsPlugin = fp(
  async (app) => {
    const service = new RunService(app.prisma, app.audit, app.datasets, app.dataDir, app.log);
    const streams = new RunStreams();
    app.decorate('runs', service);
    app.addHook('onReady', async () => {
      const count = await service.interruptLeftovers();
      if (count > 0)
        app.log.warn({ count }, 'runs left queued or running by the last process marked interrupted');
    });
    app.addHook('preClose', async () => {
      streams.closeAll();
      await service.close();
    });
    await app.register(runRoutes, { prefix: '/api', streams });
  },
  { name: 'runs', dependencies: ['db', 'actor', 'audit', 'projects', 'datasets'] },
);
