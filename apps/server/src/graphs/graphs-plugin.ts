import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  graphDiffSchema,
  graphInvalidBodySchema,
  graphVersionSchema,
  graphVersionSummarySchema,
  saveGraphBodySchema,
  staleVersionBodySchema,
  routes,
  under,
  projectParamsSchema,
  diffQuerySchema,
  versionParamsSchema,
  saveGraphResponseSchema,
} from '@studio/api';
import { GraphService } from './graph-service';

const graphRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    under('/api', routes.saveGraph),
    {
      schema: {
        tags: ['graphs'],
        summary:
          'Save the graph as a new version (201); unchanged content creates none (200, created: false)',
        params: projectParamsSchema,
        body: saveGraphBodySchema,
        response: {
          200: saveGraphResponseSchema,
          201: saveGraphResponseSchema,
          400: errorBodySchema,
          404: errorBodySchema,
          409: staleVersionBodySchema,
          422: graphInvalidBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { version, created } = await app.graphs.save(
        request.params.projectId,
        request.body,
        request.actor,
      );
      return reply.code(created ? 201 : 200).send({ ...version, created });
    },
  );

  app.get(
    under('/api', routes.listVersions),
    {
      schema: {
        tags: ['graphs'],
        summary: "The project's graph versions, newest first",
        params: projectParamsSchema,
        response: { 200: z.array(graphVersionSummarySchema), 404: errorBodySchema },
      },
    },
    async (request) => {
      await app.projects.assertExists(request.params.projectId);
      return app.graphs.list(request.params.projectId);
    },
  );

  app.get(
    under('/api', routes.getVersion),
    {
      schema: {
        tags: ['graphs'],
        summary: 'One version with its graph',
        params: versionParamsSchema,
        response: { 200: graphVersionSchema, 404: errorBodySchema },
      },
    },
    async (request) => app.graphs.get(request.params.projectId, request.params.versionId),
  );

  app.get(
    under('/api', routes.diffVersions),
    {
      schema: {
        tags: ['graphs'],
        summary: 'Readable changes from one version to another',
        params: projectParamsSchema,
        querystring: diffQuerySchema,
        response: { 200: graphDiffSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => app.graphs.diff(request.params.projectId, request.query.from, request.query.to),
  );
};

/** Graph versions: decorates `graphs` and serves save, history, version and diff routes. */
export const graphsPlugin = fp(
  async (app) => {
    app.decorate('graphs', new GraphService(app.prisma, app.audit));
    await app.register(graphRoutes, { prefix: '/api' });
  },
  { name: 'graphs', dependencies: ['db', 'actor', 'audit', 'projects'] },
);
