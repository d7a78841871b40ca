import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema, projectDetailSchema, routes, under, projectParamsSchema } from '@studio/api';
import { ArtifactStore } from '../runs/artifact-store';
import { exportBundle } from './bundle-export';
import { importBundle } from './bundle-import';
import type { ZipLimits } from './zip';

/** Project bundles: one zip out (`GET /api/projects/:id/bundle`), the same zip back in as a new project. */
export const bundlesPlugin = fp<{ maxBundleBytes: number; zipLimits?: Partial<ZipLimits> }>(
  async (app, { maxBundleBytes, zipLimits }) => {
    const artifacts = new ArtifactStore(app.datasets.blobs, app.dataDir);
    const blobInUse = async (sha256: string) =>
      (await app.prisma.modelArtifact.count({ where: { sha256 } })) +
        (await app.prisma.dataset.count({ where: { sha256 } })) >
      0;
    const bundleRoutes: FastifyPluginAsyncZod = async (api) => {
      api.addContentTypeParser(
        ['application/zip', 'application/octet-stream'],
        { parseAs: 'buffer', bodyLimit: maxBundleBytes },
        (_req, body, done) => done(null, body),
      );

      api.get(
        under('/api', routes.exportBundle),
        {
          schema: {
            tags: ['bundles'],
            summary:
              'The project as one zip (application/zip): graph history, datasets, runs with artifacts, audit, README, bundle.json',
            params: projectParamsSchema,
            response: { 200: z.custom<Buffer>((b) => Buffer.isBuffer(b)), 404: errorBodySchema },
          },
        },
        async (request, reply) => {
          // Every succeeded run leaves with its model document (written now for runs that have none yet).
          const succeeded = await app.prisma.run.findMany({
            where: { projectId: request.params.projectId, status: 'succeeded' },
            select: { id: true },
          });
          for (const r of succeeded) await app.validation.ensureDocument(r.id);
          const zip = await exportBundle(app.prisma, app.datasets.blobs, request.params.projectId);
          const project = await app.prisma.project.findUniqueOrThrow({
            where: { id: request.params.projectId },
          });
          const name = project.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'project';
          return reply
            .type('application/zip')
            .header('content-disposition', `attachment; filename="${name}.zip"`)
            .send(zip);
        },
      );

      api.post(
        under('/api', routes.importBundle),
        {
          schema: {
            tags: ['bundles'],
            summary:
              'Reopen a bundle (application/zip body) as a new project; nothing is imported if any check fails',
            body: z.custom<Buffer>((b) => Buffer.isBuffer(b), 'a zip body (Content-Type: application/zip)'),
            response: {
              201: projectDetailSchema,
              400: errorBodySchema,
              413: errorBodySchema,
              422: errorBodySchema,
            },
          },
        },
        async (request, reply) => {
          const id = await importBundle(
            {
              prisma: app.prisma,
              audit: app.audit,
              artifacts,
              blobInUse,
              ...(zipLimits ? { zipLimits } : {}),
            },
            request.body,
            request.actor,
          );
          return reply.code(201).send(await app.projects.get(id));
        },
      );
    };
    await app.register(bundleRoutes, { prefix: '/api' });
  },
  { name: 'bundles', dependencies: ['db', 'actor', 'audit', 'projects', 'datasets', 'validation'] },
);
