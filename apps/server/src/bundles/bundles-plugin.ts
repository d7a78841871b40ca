import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  exportBundleQuerySchema,
  importBundleQuerySchema,
  importedHistorySchema,
  jobSchema,
  projectDetailSchema,
  routes,
  under,
  projectParamsSchema,
} from '@studio/api';
import { readFile } from 'node:fs/promises';
import { notFound } from '../http-error';
import { toJob } from '../jobs/job-service';
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
        (await app.prisma.dataset.count({ where: { sha256 } })) +
        (await app.prisma.job.count({ where: { OR: [{ inputSha256: sha256 }, { resultSha256: sha256 }] } })) >
      0;
    /** An export job for an existing project; `claimed`: taken by this process to run here at once. */
    const createExportJob = async (
      projectId: string,
      actor: Parameters<typeof app.jobs.create>[1],
      includeData: boolean | undefined,
      claimed: boolean,
    ) => {
      await app.projects.assertExists(projectId);
      return app.jobs.create('export', actor, { projectId, params: { includeData } }, claimed);
    };
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
          // A job claimed by this process and run here: the answer is as before, and a crash mid-way leaves
          // a job another worker finishes (or marks interrupted), never a half-written bundle.
          const { projectId } = request.params;
          const job = await createExportJob(projectId, request.actor, request.query.includeData, true);
          const done = await app.jobs.runHere(job.id);
          const project = await app.prisma.project.findUniqueOrThrow({ where: { id: projectId } });
          const name = project.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'project';
          return reply
            .type('application/zip')
            .header('content-disposition', `attachment; filename="${name}.zip"`)
            .send(await readFile(app.datasets.blobs.pathOf(done.resultSha256!)));
        },
      );

      api.post(
        under('/api', routes.startExportJob),
        {
          schema: {
            tags: ['bundles', 'jobs'],
            summary: 'Export the project as a job: answers 202 with the job; its result is the bundle zip',
            params: projectParamsSchema,
            querystring: exportBundleQuerySchema,
            response: { 202: jobSchema, 404: errorBodySchema },
          },
        },
        async (request, reply) => {
          const job = await createExportJob(
            request.params.projectId,
            request.actor,
            request.query.includeData,
            false,
          );
          return reply.code(202).send(toJob(job));
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
          const input = await artifacts.write(request.body);
          const job = await app.jobs.create(
            'import',
            request.actor,
            { params: { confirmModified: request.query.confirmModified }, inputSha256: input.sha256 },
            true,
          );
          const done = await app.jobs.runHere(job.id);
          return reply.code(201).send(await app.projects.get(done.projectId!));
        },
      );

      api.post(
        under('/api', routes.startImportJob),
        {
          schema: {
            tags: ['bundles', 'jobs'],
            summary:
              'Import a bundle (application/zip body) as a job: answers 202 with the job; its projectId once it succeeded',
            querystring: importBundleQuerySchema,
            body: z.custom<Buffer>((b) => Buffer.isBuffer(b), 'a zip body (Content-Type: application/zip)'),
            response: { 202: jobSchema, 413: errorBodySchema },
          },
        },
        async (request, reply) => {
          const input = await artifacts.write(request.body);
          const job = await app.jobs.create(
            'import',
            request.actor,
            { params: { confirmModified: request.query.confirmModified }, inputSha256: input.sha256 },
            false,
          );
          return reply.code(202).send(toJob(job));
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
    app.jobs.register('export', async (ctx) => {
      const projectId = ctx.job.projectId!;
      const includeData = (ctx.job.params as { includeData?: boolean } | null)?.includeData ?? false;
      const exists = await app.prisma.project.findUnique({ where: { id: projectId }, select: { id: true } });
      if (!exists) throw projectGone(projectId);
      // Every succeeded run leaves with its model document (written now for runs that have none yet).
      const succeeded = await app.prisma.run.findMany({
        where: { projectId, status: 'succeeded' },
        select: { id: true },
      });
      for (const [i, r] of succeeded.entries()) {
        await ctx.progress({ phase: 'documents', done: i, total: succeeded.length });
        await app.validation.ensureDocument(r.id);
      }
      await ctx.progress({ phase: 'packing', done: 0, total: 1 });
      const signer = await instanceSigner(app.prisma);
      const zip = await exportBundle(app.prisma, app.datasets.blobs, projectId, signer, { includeData });
      await ctx.progress({ phase: 'storing', done: 0, total: 1 });
      const stored = await ctx.store(zip);
      const hash = stored.sha256;
      const actor = ctx.actor;
      await app.prisma.$transaction(async (tx) => {
        const project = await tx.project.findUnique({
          where: { id: projectId },
          include: { _count: { select: { datasets: true, runs: true } } },
        });
        if (!project) throw projectGone(projectId);
        await ctx.succeed(tx, { result: stored });
        // Every export is on the record, and says whether raw applicant data left the Studio with it.
        await app.audit.record(tx, {
          actor,
          action: 'bundle.export',
          targetType: 'project',
          targetId: project.id,
          projectId: project.id,
          afterHash: hash,
          summary:
            `${actor.name} exported project "${project.name}" as a bundle signed by ${signer.name} ` +
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
      });
    });
    app.jobs.register('import', async (ctx) => {
      const confirmModified =
        (ctx.job.params as { confirmModified?: boolean } | null)?.confirmModified ?? false;
      await ctx.progress({ phase: 'importing', done: 0, total: 1 });
      const signer = await instanceSigner(app.prisma);
      // The new project and the job's success commit together: a retried import never makes two projects.
      await importBundle(
        {
          prisma: app.prisma,
          audit: app.audit,
          artifacts,
          blobInUse,
          signer,
          singleUser: app.singleUser,
          ...(zipLimits ? { zipLimits } : {}),
          onCommit: (tx, projectId) => ctx.succeed(tx as never, { projectId }),
        },
        await ctx.input(),
        ctx.actor,
        { confirmModified },
      );
    });
    // The instance key exists from the first start on, before any export needs it.
    app.addHook('onReady', async () => {
      await instanceSigner(app.prisma);
    });
    await app.register(bundleRoutes, { prefix: '/api' });
  },
  { name: 'bundles', dependencies: ['db', 'actor', 'audit', 'projects', 'datasets', 'validation', 'jobs'] },
);

/** A job whose project was deleted before or while it ran ends with this (a clean failure, nothing stored). */
function projectGone(projectId: string) {
  return notFound('project', projectId);
}
