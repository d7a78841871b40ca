import multipart from '@fastify/multipart';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  copyDatasetBodySchema,
  datasetLibraryEntrySchema,
  datasetSchema,
  errorBodySchema,
  routes,
  under,
  projectParamsSchema,
  datasetParamsSchema,
} from '@studio/api';
import { HttpUserError } from '../http-error';
import { visibleProjectIds } from '../projects/project-access';
import { DatasetService } from './dataset-service';

const datasetRoutes: FastifyPluginAsyncZod<{ maxUploadBytes: number }> = async (app, { maxUploadBytes }) => {
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 10 } });

  app.post(
    under('/api', routes.uploadDataset),
    {
      schema: {
        tags: ['datasets'],
        summary:
          'Upload a CSV (multipart field "file"); its schema is inferred and the file stored by sha256',
        consumes: ['multipart/form-data'],
        params: projectParamsSchema,
        response: { 201: datasetSchema, 400: errorBodySchema, 404: errorBodySchema, 413: errorBodySchema },
      },
    },
    async (request, reply) => {
      const file = await request.file();
      if (!file)
        throw new HttpUserError(
          400,
          'FILE_MISSING',
          'send the CSV as multipart/form-data in a field named "file"',
        );
      const dataset = await app.datasets.upload(
        request.params.projectId,
        { filename: file.filename, stream: file.file, truncated: () => file.file.truncated },
        request.actor,
      );
      return reply.code(201).send(dataset);
    },
  );

  app.get(
    under('/api', routes.listDatasets),
    {
      schema: {
        tags: ['datasets'],
        summary: "The project's datasets, newest first",
        params: projectParamsSchema,
        response: { 200: z.array(datasetSchema), 404: errorBodySchema },
      },
    },
    async (request) => {
      await app.projects.assertExists(request.params.projectId);
      return app.datasets.list(request.params.projectId);
    },
  );

  app.post(
    under('/api', routes.copyDataset),
    {
      schema: {
        tags: ['datasets'],
        summary: 'Copy a dataset of the library into the project (the stored file is shared, not duplicated)',
        params: projectParamsSchema,
        body: copyDatasetBodySchema,
        response: { 201: datasetSchema, 404: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await app.datasets.copy(request.body.datasetId, request.params.projectId, request.actor)),
  );

  app.get(
    under('/api', routes.datasetLibrary),
    {
      schema: {
        tags: ['datasets'],
        summary:
          'The dataset library: every uploaded file once (by sha256), with its names, uploaders, row count and projects',
        response: { 200: z.array(datasetLibraryEntrySchema) },
      },
    },
    async (request) => app.datasets.library(await visibleProjectIds(app.prisma, request.actor)),
  );

  app.get(
    under('/api', routes.getDataset),
    {
      schema: {
        tags: ['datasets'],
        summary: 'One dataset with its inferred column schema',
        params: datasetParamsSchema,
        response: { 200: datasetSchema, 404: errorBodySchema },
      },
    },
    async (request) => app.datasets.get(request.params.datasetId),
  );
};

/** Datasets: decorates `datasets` and serves upload, list and get. */
export const datasetsPlugin = fp<{ maxUploadBytes: number }>(
  async (app, { maxUploadBytes }) => {
    app.decorate('datasets', new DatasetService(app.prisma, app.audit, app.dataDir, maxUploadBytes));
    await app.register(datasetRoutes, { prefix: '/api', maxUploadBytes });
  },
  { name: 'datasets', dependencies: ['db', 'actor', 'audit', 'projects'] },
);
