import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createHash } from 'node:crypto';
import {
  errorBodySchema,
  exportBundleQuerySchema,
  importBundleQuerySchema,
  importedHistorySchema,
  projectDetailSchema,
  routes,
  under,
  projectParamsSchema,
} from '@studio/api';
import { notFound } from '../http-error';
import { instanceSigner } from './bundle-signing';
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
              'The project as one zip (application/zip): graph history, dataset schemas (rows only with includeData=true), runs with artifacts, ONNX and generated code, audit, README, bundle.json',
            params: projectParamsSchema,
            querystring: exportBundleQuerySchema,
            produces: ['application/zip'],
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
          const signer = await instanceSigner(app.prisma);
          const { includeData } = request.query;
          const zip = await exportBundle(app.prisma, app.datasets.blobs, request.params.projectId, signer, {
            includeData,
          });
          const project = await app.prisma.project.findUniqueOrThrow({
            where: { id: request.params.projectId },
            include: { _count: { select: { datasets: true, runs: true } } },
          });
          const hash = createHash('sha256').update(zip).digest('hex');
          // Every export is on the record, and says whether raw applicant data left the Studio with it.
          await app.audit.append({
            actor: request.actor,
            action: 'bundle.export',
            targetType: 'project',
            targetId: project.id,
            projectId: project.id,
            afterHash: hash,
            summary:
              `${request.actor.name} exported project "${project.name}" as a bundle signed by ${signer.name} ` +
              `(${project._count.datasets} datasets ${includeData ? 'WITH their raw data' : 'as schemas only, no raw data'}, ` +
              `${project._count.runs} runs; sha256 ${hash})`,
            changes: [
              includeData
                ? `raw data included: the rows of ${project._count.datasets} datasets left the Studio`
                : 'raw data not included (dataset schemas only)',
              `bundle sha256 ${hash}`,
              `${zip.length} bytes`,
              `signed by ${signer.name} (key ${signer.keyId.slice(0, 16)})`,
            ],
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
            querystring: importBundleQuerySchema,
            body: z.custom<Buffer>((b) => Buffer.isBuffer(b), 'a zip body (Content-Type: application/zip)'),
            response: {
              201: projectDetailSchema,
              400: errorBodySchema,
              409: errorBodySchema,
              413: errorBodySchema,
              422: errorBodySchema,
            },
          },
        },
        async (request, reply) => {
          const signer = await instanceSigner(app.prisma);
          const { projectId } = await importBundle(
            {
              prisma: app.prisma,
              audit: app.audit,
              artifacts,
              blobInUse,
              signer,
              singleUser: app.singleUser,
              ...(zipLimits ? { zipLimits } : {}),
            },
            request.body,
            request.actor,
            { confirmModified: request.query.confirmModified },
          );
          return reply.code(201).send(await app.projects.get(projectId));
        },
      );

      api.get(
        under('/api', routes.importedHistory),
        {
          schema: {
            tags: ['bundles'],
            summary:
              "The bundle's own audit history of a project imported from a bundle: imported history, unverified (never part of the chain)",
            params: projectParamsSchema,
            response: { 200: importedHistorySchema, 404: errorBodySchema },
          },
        },
        async (request) => {
          const project = await app.prisma.project.findUnique({
            where: { id: request.params.projectId },
            include: { importedHistory: { orderBy: { seq: 'asc' } } },
          });
          if (!project) throw notFound('project', request.params.projectId);
          return {
            label: 'imported history, unverified' as const,
            bundleHash: project.importedBundleHash,
            signature: project.importedSignature,
            signer: project.importedSigner,
            events: project.importedHistory.map((e) => ({
              seq: e.seq,
              at: e.at,
              actorName: e.actorName,
              action: e.action,
              summary: e.summary,
              changes: Array.isArray(e.changes) ? e.changes.map(String) : [],
            })),
          };
        },
      );
    };
    // The instance key exists from the first start on, before any export needs it.
    app.addHook('onReady', async () => {
      await instanceSigner(app.prisma);
    });
    await app.register(bundleRoutes, { prefix: '/api' });
  },
  { name: 'bundles', dependencies: ['db', 'actor', 'audit', 'projects', 'datasets', 'validation'] },
);
