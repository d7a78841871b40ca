import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorSchema } from '@studio/api';

const healthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgresql']) });

/** GET /api/health (the database answers a query) and GET /api/me (the request's actor). */
export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness: the server runs and its database answers',
        response: { 200: healthSchema },
      },
    },
    async () => {
      await app.prisma.user.count();
      return { status: 'ok' as const, database: app.database.provider };
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['system'], summary: 'Who this request acts as', response: { 200: actorSchema } } },
    async (request) => request.actor,
  );
};
