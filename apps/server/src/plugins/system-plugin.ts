import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorSchema, engineInfoSchema, routes, under, healthSchema } from '@studio/api';
import { backendInfo } from '@studio/engine';

/** GET /api/health (liveness: the process answers; readiness, the database included, is `/api/ready`), GET /api/me (the request's actor), GET /api/engine. */
export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    under('/api', routes.health),
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness: the server process answers (the database is checked by /api/ready)',
        response: { 200: healthSchema },
      },
    },
    // No database query: an orchestrator restarts a replica that fails liveness, and a database outage must
    // not restart every replica at once (they answer 503 and /api/ready says why until it is back).
    async () => {
      return { status: 'ok' as const, database: app.database.provider, singleUser: app.singleUser };
    },
  );

  app.get(
    under('/api', routes.me),
    { schema: { tags: ['system'], summary: 'Who this request acts as', response: { 200: actorSchema } } },
    async (request) => request.actor,
  );

  app.get(
    under('/api', routes.engine),
    {
      schema: {
        tags: ['system'],
        summary:
          'What the native engine runs on here: CPU threads and instruction set, CUDA devices or why none',
        response: { 200: engineInfoSchema },
      },
    },
    async () => {
      const info = backendInfo();
      return {
        backends: info.backends,
        cuda: {
          compiled: info.cuda.compiled,
          devices: info.cuda.devices,
          ...(info.cuda.error ? { error: info.cuda.error } : {}),
        },
        threads: info.threads,
        simd: info.simd,
        int8: info.int8,
        trainsOn: info.backends.includes('cuda') ? ('cuda' as const) : ('cpu' as const),
      };
    },
  );
};
