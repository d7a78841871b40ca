import fp from 'fastify-plugin';
import { deleteProjectCascade } from './project-deletion';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createProjectBodySchema,
  errorBodySchema,
  projectDetailSchema,
  projectSchema,
  updateProjectBodySchema,
  routes,
  under,
  projectParamsSchema,
} from '@studio/api';
import { ProjectService } from './project-service';

const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    under('/api', routes.listProjects),
    {
      schema: {
        tags: ['projects'],
        summary: 'List projects, most recently changed first',
        response: { 200: z.array(projectSchema) },
      },
    },
    async () => app.projects.list(),
  );

  app.post(
    under('/api', routes.createProject),
    {
      schema: {
        tags: ['projects'],
        summary: 'Create an empty project',
        body: createProjectBodySchema,
        response: { 201: projectSchema, 400: errorBodySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await app.projects.create(request.body, request.actor)),
  );

  app.get(
    under('/api', routes.getProject),
    {
      schema: {
        tags: ['projects'],
        summary: 'One project with its head graph version',
        params: projectParamsSchema,
        response: { 200: projectDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => app.projects.get(request.params.projectId),
  );

  app.patch(
    under('/api', routes.updateProject),
    {
      schema: {
        tags: ['projects'],
        summary: 'Rename or re-describe a project',
        params: projectParamsSchema,
        body: updateProjectBodySchema,
        response: { 200: projectSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => app.projects.update(request.params.projectId, request.body, request.actor),
  );

  app.delete(
    under('/api', routes.deleteProject),
    {
      schema: {
        tags: ['projects'],
        summary:
          'Delete a project in one audited step: its runs are cancelled, its deployments undeployed, its keys revoked and its stored files no other project uses removed (the audit trail keeps the record)',
        params: projectParamsSchema,
        response: { 204: z.null(), 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      await deleteProjectCascade(app, request.params.projectId, request.actor);
      return reply.code(204).send(null);
    },
  );
};

/** Projects: decorates `projects` and serves the CRUD routes under /api/projects. */
export const projectsPlugin = fp(
  async (app) => {
    app.decorate('projects', new ProjectService(app.prisma, app.audit, app.singleUser));
    await app.register(projectRoutes, { prefix: '/api' });
  },
  { name: 'projects', dependencies: ['db', 'actor', 'audit'] },
);
