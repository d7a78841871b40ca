import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiKeySchema,
  createKeyBodySchema,
  createdApiKeySchema,
  approveRequestBodySchema,
  deployBodyWithNoteSchema,
  deploymentRequestSchema,
  deploymentSchema,
  rejectRequestBodySchema,
  requestParamsSchema,
  deploymentStatsSchema,
  errorBodySchema,
  loggedPredictionSchema,
  rollbackBodySchema,
  updateDeploymentBodySchema,
  routes,
  under,
  projectParamsSchema,
  runParamsSchema,
  deploymentParamsSchema,
  predictionsQuerySchema,
  apiKeyParamsSchema,
} from '@studio/api';
import { ArtifactStore } from '../runs/artifact-store';
import { DeploymentRequestService } from './deployment-requests';
import { DeploymentService } from './deployment-service';
import { DeploymentStatsReader, psiMinSampleFromEnv } from './deployment-stats';
import type { KeyStore } from '../serving/key-store';
import { deploymentOpenApi } from './openapi-document';

declare module 'fastify' {
  interface FastifyInstance {
    deployments: DeploymentService;
  }
}

const managementRoutes: FastifyPluginAsyncZod<{
  keys: KeyStore;
  stats: DeploymentStatsReader;
  requests: DeploymentRequestService;
}> = async (app, { keys, stats, requests }) => {
  const tags = ['deployments'];

  app.post(
    under('/api', routes.deploy),
    {
      schema: {
        tags,
        summary:
          "Request deployment of a succeeded run's model (202, a request an approver decides); in single-user mode with approval waived, deploy at once (201)",
        params: runParamsSchema,
        body: deployBodyWithNoteSchema,
        response: {
          201: deploymentSchema,
          202: deploymentRequestSchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const outcome = await requests.deployOrRequest(request.params.runId, request.body, request.actor);
      return outcome.kind === 'deployed'
        ? reply.code(201).send(outcome.deployment)
        : reply.code(202).send(outcome.request);
    },
  );

  app.get(
    under('/api', routes.listDeploymentRequests),
    {
      schema: {
        tags,
        summary: "The project's deployment requests, newest first",
        params: projectParamsSchema,
        response: { 200: z.array(deploymentRequestSchema), 404: errorBodySchema },
      },
    },
    async (request) => {
      await app.projects.assertExists(request.params.projectId);
      return requests.list(request.params.projectId, request.actor);
    },
  );

  app.get(
    under('/api', routes.getDeploymentRequest),
    {
      schema: {
        tags,
        summary:
          "One deployment request with the run's evaluation, the data used and the graph diff since the live version",
        params: requestParamsSchema,
        response: { 200: deploymentRequestSchema, 404: errorBodySchema },
      },
    },
    async (request) => requests.get(request.params.requestId, request.actor),
  );

  app.post(
    under('/api', routes.approveDeploymentRequest),
    {
      schema: {
        tags,
        summary:
          'Approve with a comment: the model goes live. Not by the requester nor the author of the graph version (403)',
        params: requestParamsSchema,
        body: approveRequestBodySchema,
        response: {
          200: deploymentRequestSchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request) => requests.approve(request.params.requestId, request.body.comment, request.actor),
  );

  app.post(
    under('/api', routes.rejectDeploymentRequest),
    {
      schema: {
        tags,
        summary: 'Reject with reasons. Not by the requester nor the author of the graph version (403)',
        params: requestParamsSchema,
        body: rejectRequestBodySchema,
        response: {
          200: deploymentRequestSchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request) => requests.reject(request.params.requestId, request.body.reason, request.actor),
  );

  app.get(
    under('/api', routes.listDeployments),
    {
      schema: {
        tags,
        summary: "The project's deployments, every version",
        params: projectParamsSchema,
        response: { 200: z.array(deploymentSchema), 404: errorBodySchema },
      },
    },
    async (request) => {
      await app.projects.assertExists(request.params.projectId);
      return app.deployments.list(request.params.projectId);
    },
  );

  app.get(
    under('/api', routes.getDeployment),
    {
      schema: {
        tags,
        summary: 'One deployment version',
        params: deploymentParamsSchema,
        response: { 200: deploymentSchema, 404: errorBodySchema },
      },
    },
    async (request) => app.deployments.get(request.params.deploymentId),
  );

  app.patch(
    under('/api', routes.updateDeployment),
    {
      schema: {
        tags,
        summary: 'Change the settings of one version while it serves: strict input checking on or off',
        params: deploymentParamsSchema,
        body: updateDeploymentBodySchema,
        response: { 200: deploymentSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => app.deployments.update(request.params.deploymentId, request.body, request.actor),
  );

  app.post(
    under('/api', routes.promoteDeployment),
    {
      schema: {
        tags,
        summary: 'Serve this version; the version served before is retired',
        params: deploymentParamsSchema,
        response: { 200: deploymentSchema, 404: errorBodySchema },
      },
    },
    async (request) => app.deployments.promote(request.params.deploymentId, request.actor),
  );

  app.post(
    under('/api', routes.rollbackDeployment),
    {
      schema: {
        tags,
        summary: "Serve an earlier version of this deployment's slug again (default: the one before)",
        params: deploymentParamsSchema,
        body: rollbackBodySchema.nullish(),
        response: { 200: deploymentSchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) =>
      app.deployments.rollback(request.params.deploymentId, request.body?.version, request.actor),
  );

  app.post(
    under('/api', routes.undeploy),
    {
      schema: {
        tags,
        summary: "Stop serving this deployment's slug (every version retired)",
        params: deploymentParamsSchema,
        response: { 200: deploymentSchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) => app.deployments.undeploy(request.params.deploymentId, request.actor),
  );

  app.post(
    under('/api', routes.createApiKey),
    {
      schema: {
        tags,
        summary: "Create an API key for this deployment's slug; the key is shown in this answer only",
        params: deploymentParamsSchema,
        body: createKeyBodySchema.nullish(),
        response: { 201: createdApiKeySchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const d = await app.deployments.row(request.params.deploymentId);
      return reply.code(201).send(await keys.create(d, request.body?.name ?? '', request.actor));
    },
  );

  app.get(
    under('/api', routes.listApiKeys),
    {
      schema: {
        tags,
        summary: "The slug's API keys (no secrets)",
        params: deploymentParamsSchema,
        response: { 200: z.array(apiKeySchema), 404: errorBodySchema },
      },
    },
    async (request) => keys.list((await app.deployments.row(request.params.deploymentId)).slug),
  );

  app.post(
    under('/api', routes.revokeApiKey),
    {
      schema: {
        tags,
        summary: 'Revoke an API key; requests with it answer 403',
        params: apiKeyParamsSchema,
        response: { 200: apiKeySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const d = await app.deployments.row(request.params.deploymentId);
      return keys.revoke(d.slug, request.params.keyId, request.actor);
    },
  );

  app.get(
    under('/api', routes.deploymentStats),
    {
      schema: {
        tags,
        summary: "Live traffic, latency percentiles and input PSI of this deployment's slug",
        params: deploymentParamsSchema,
        response: { 200: deploymentStatsSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const d = await app.deployments.row(request.params.deploymentId);
      await app.predictionLog.flush();
      return stats.read(d);
    },
  );

  app.get(
    under('/api', routes.deploymentPredictions),
    {
      schema: {
        tags,
        summary: "The slug's logged predictions, newest first",
        params: deploymentParamsSchema,
        querystring: predictionsQuerySchema,
        response: { 200: z.array(loggedPredictionSchema), 404: errorBodySchema },
      },
    },
    async (request) => {
      const d = await app.deployments.row(request.params.deploymentId);
      await app.predictionLog.flush();
      const rows = await app.prisma.predictionLog.findMany({
        where: { slug: d.slug },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: request.query.limit,
      });
      return rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        version: r.version,
        requestId: r.requestId,
        inputs: r.inputs as Record<string, unknown>,
        output: r.output as Record<string, unknown>,
        latencyMs: r.latencyMs,
      }));
    },
  );

  app.get(
    under('/api', routes.deploymentOpenApi),
    {
      schema: {
        tags,
        summary: 'OpenAPI 3.1 document of this deployment, with a ready curl example (x-curl-example)',
        params: deploymentParamsSchema,
        response: { 200: z.record(z.string(), z.unknown()), 404: errorBodySchema },
      },
    },
    async (request) => {
      const d = await app.deployments.get(request.params.deploymentId);
      return deploymentOpenApi(`${request.protocol}://${request.host}`, d);
    },
  );
};

/**
 * Deployments, the management API under /api: deploy, versions, promote and rollback, keys, stats, the
 * per-deployment OpenAPI. Scoring under /v1 is `serving/`; deploying puts a version into its registry.
 */
export const deploymentsPlugin = fp(
  async (app) => {
    const { registry, keys } = app.serving;
    const stats = new DeploymentStatsReader(
      app.prisma,
      app.datasets.blobs,
      app.serving.latency,
      psiMinSampleFromEnv(),
    );
    const artifacts = new ArtifactStore(app.datasets.blobs, app.dataDir);
    const deployments = new DeploymentService(
      app.prisma,
      app.audit,
      app.datasets.blobs,
      registry,
      artifacts,
      app.validation,
    );
    app.decorate('deployments', deployments);
    const requests = new DeploymentRequestService(
      app.prisma,
      app.audit,
      deployments,
      app.graphs,
      app.singleUser,
      app.validation,
    );
    await app.register(managementRoutes, { prefix: '/api', keys, stats, requests });
  },
  {
    name: 'deployments',
    dependencies: ['db', 'actor', 'audit', 'projects', 'graphs', 'datasets', 'serving', 'validation'],
  },
);
