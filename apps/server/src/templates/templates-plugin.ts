import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  fromTemplateBodySchema,
  projectDetailSchema,
  templateSchema,
  routes,
  under,
  notRunnableBodySchema,
  staleVersionBodySchema,
} from '@studio/api';
import { graphTemplates } from '@studio/pipeline';
import { projectFromTemplate } from './template-project';

const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    under('/api', routes.listTemplates),
    {
      schema: {
        tags: ['templates'],
        summary: 'Ready graphs a new project can start from',
        response: { 200: z.array(templateSchema) },
      },
    },
    async () => graphTemplates.map(({ id, name, description }) => ({ id, name, description })),
  );

  app.post(
    under('/api', routes.createFromTemplate),
    {
      schema: {
        tags: ['templates'],
        summary: "Create a project whose first version is a template's graph, on the demo or a given dataset",
        body: fromTemplateBodySchema,
        response: {
          201: projectDetailSchema,
          404: errorBodySchema,
          409: staleVersionBodySchema,
          422: notRunnableBodySchema,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await projectFromTemplate(app, request.body, request.actor)),
  );
};

/** Templates: lists the ready graphs and creates projects from them. */
export const templatesPlugin = fp(
  async (app) => {
    await app.register(templateRoutes, { prefix: '/api' });
  },
  { name: 'templates', dependencies: ['projects', 'graphs', 'datasets', 'audit'] },
);
