import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addFindingBodySchema,
  errorBodySchema,
  findingParamsSchema,
  routes,
  runFindingSchema,
  runLineageSchema,
  runParamsSchema,
  under,
  updateFindingBodySchema,
} from '@studio/api';
import { ArtifactStore } from '../runs/artifact-store';
import { ValidationService } from './validation-service';

declare module 'fastify' {
  interface FastifyInstance {
    validation: ValidationService;
  }
}

const binary = z.custom<Buffer>((b) => Buffer.isBuffer(b));

const validationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['validation'];

  app.get(
    under('/api', routes.runLineage),
    {
      schema: {
        tags,
        summary: 'Lineage of a run: dataset → graph version → run → artifacts → deployments, with hashes',
        params: runParamsSchema,
        response: { 200: runLineageSchema, 404: errorBodySchema },
      },
    },
    async (request) => app.validation.lineage(request.params.runId),
  );

  app.get(
    under('/api', routes.runDocument),
    {
      schema: {
        tags,
        summary: "The run's model document (text/html), generated once and stored content-addressed",
        params: runParamsSchema,
        response: { 200: binary, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const doc = await app.validation.documentHtml(request.params.runId);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('x-document-sha256', doc.sha256)
        .header('etag', `"${doc.sha256}"`)
        .send(doc.bytes);
    },
  );

  app.get(
    under('/api', routes.runDocumentPdf),
    {
      schema: {
        tags,
        summary: 'The model document as PDF, printed from the same HTML by headless Chromium',
        params: runParamsSchema,
        response: { 200: binary, 404: errorBodySchema, 409: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request, reply) => {
      const doc = await app.validation.documentPdf(request.params.runId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="model-document-${request.params.runId}.pdf"`)
        .header('x-document-sha256', doc.sha256)
        .send(doc.bytes);
    },
  );

  app.get(
    under('/api', routes.listFindings),
    {
      schema: {
        tags,
        summary: "The validators' findings on a run, oldest first",
        params: runParamsSchema,
        response: { 200: z.array(runFindingSchema), 404: errorBodySchema },
      },
    },
    async (request) => app.validation.findings(request.params.runId),
  );

  app.post(
    under('/api', routes.addFinding),
    {
      schema: {
        tags,
        summary: 'Add a finding to a run; an open high-severity finding blocks deploying the run',
        params: runParamsSchema,
        body: addFindingBodySchema,
        response: { 201: runFindingSchema, 404: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await app.validation.addFinding(request.params.runId, request.body, request.actor)),
  );

  app.patch(
    under('/api', routes.updateFinding),
    {
      schema: {
        tags,
        summary: "Change a finding's severity, text or status (open, resolved, accepted)",
        params: findingParamsSchema,
        body: updateFindingBodySchema,
        response: { 200: runFindingSchema, 404: errorBodySchema },
      },
    },
    async (request) => app.validation.updateFinding(request.params.findingId, request.body, request.actor),
  );
};

/**
 * Validation (issue #14): decorates `validation`, writes the model document of every run that succeeds, and
 * serves lineage, the document (HTML and PDF) and findings.
 */
export const validationPlugin = fp(
  async (app) => {
    const artifacts = new ArtifactStore(app.datasets.blobs, app.dataDir);
    const service = new ValidationService(app.prisma, app.audit, app.datasets.blobs, artifacts, app.runs);
    app.decorate('validation', service);
    app.runs.onSucceeded = async (runId) => {
      try {
        await service.ensureDocument(runId);
      } catch (e) {
        app.log.error({ err: e, runId }, 'the model document of a succeeded run could not be written');
      }
    };
    await app.register(validationRoutes, { prefix: '/api' });
  },
  { name: 'validation', dependencies: ['db', 'actor', 'audit', 'datasets', 'runs'] },
);
