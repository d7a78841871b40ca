import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEventSchema, auditQuerySchema, errorBodySchema, routes, under } from '@studio/api';
import { AuditLog } from './audit-log';

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    under('/api', routes.queryAudit),
    {
      schema: {
        tags: ['audit'],
        summary: 'Query the audit trail by project, actor (user id), action and time range; newest first',
        querystring: auditQuerySchema,
        response: { 200: z.array(auditEventSchema), 400: errorBodySchema },
      },
    },
    async (request) => app.audit.query(request.query),
  );
};

/** The audit trail: decorates `audit` for the other domains and serves GET /api/audit. */
export const auditPlugin = fp(
  async (app) => {
    app.decorate('audit', new AuditLog(app.prisma));
    await app.register(auditRoutes, { prefix: '/api' });
  },
  { name: 'audit', dependencies: ['db', 'actor'] },
);
