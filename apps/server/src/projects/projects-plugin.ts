import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
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
  projectMembersSchema,
  addMemberBodySchema,
  updateMemberBodySchema,
  memberParamsSchema,
} from '@studio/api';
import { ProjectService } from './project-service';
import { ProjectMembersService } from './project-members';
import { assertProjectAccess } from './project-access';
import { isApiRequest, isPermission, policyOf } from '../auth/authorize';
import { HttpUserError } from '../http-error';

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
    async (request) => app.projects.list(request.actor),
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

  const members = new ProjectMembersService(app.prisma, app.audit);
  app.get(
    under('/api', routes.listMembers),
    {
      schema: {
        tags: ['projects'],
        summary: "The project's members (its creator first, as owner) and the caller's own access",
        params: projectParamsSchema,
        response: { 200: projectMembersSchema, 404: errorBodySchema },
      },
    },
    async (request) => members.list(request.params.projectId, request.actor),
  );

  app.post(
    under('/api', routes.addMember),
    {
      schema: {
        tags: ['projects'],
        summary: "Add a member by username, or change a member's role (the project's owners and admins)",
        params: projectParamsSchema,
        body: addMemberBodySchema,
        response: { 200: projectMembersSchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) =>
      members.add(request.params.projectId, request.body.username, request.body.role, request.actor),
  );

  app.patch(
    under('/api', routes.updateMember),
    {
      schema: {
        tags: ['projects'],
        summary: "Change a member's role in the project",
        params: memberParamsSchema,
        body: updateMemberBodySchema,
        response: { 200: projectMembersSchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) =>
      members.update(request.params.projectId, request.params.userId, request.body.role, request.actor),
  );

  app.delete(
    under('/api', routes.removeMember),
    {
      schema: {
        tags: ['projects'],
        summary: 'Remove a member from the project (its creator stays owner)',
        params: memberParamsSchema,
        response: { 200: projectMembersSchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) => members.remove(request.params.projectId, request.params.userId, request.actor),
  );
};

/**
 * Project membership on every project-scoped `/api` route (the routes of every plugin registered after this
 * one): runs after the global role was checked, before the body is validated, so a non-member gets the same
 * 404 whatever they send. Deleting a project is for its owners (and admins).
 */
function enforceMembership(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (!isApiRequest(request) || !request.actor) return;
    const policy = policyOf(request);
    if (!isPermission(policy)) return;
    await assertProjectAccess(app.prisma, request, policy);
    if (request.method === 'DELETE' && request.routeOptions.url === routes.deleteProject.path)
      await assertProjectAccess(app.prisma, request, 'manageMembers').catch((err: unknown) => {
        throw err instanceof HttpUserError && err.status === 403
          ? new HttpUserError(403, 'FORBIDDEN', "Only the project's owners (or an admin) may delete it.")
          : err;
      });
  });
}

/** Projects: decorates `projects` and serves the CRUD routes under /api/projects. */
export const projectsPlugin = fp(
  async (app) => {
    app.decorate('projects', new ProjectService(app.prisma, app.audit, app.singleUser));
    enforceMembership(app);
    await app.register(projectRoutes, { prefix: '/api' });
  },
  { name: 'projects', dependencies: ['db', 'actor', 'audit'] },
);
