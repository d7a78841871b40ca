import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorBodySchema,
  previewBodySchema,
  previewSchema,
  routes,
  under,
  projectParamsSchema,
} from '@studio/api';
import { userError } from '../http-error';
import { previewNode } from '@studio/pipeline';

const previewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    under('/api', routes.preview),
    {
      schema: {
        tags: ['preview'],
        summary: "A table node's output on the dataset's first rows (transforms fitted on that sample)",
        params: projectParamsSchema,
        body: previewBodySchema,
        response: { 200: previewSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const { projectId } = request.params;
      await app.projects.assertExists(projectId);
      return previewNode(request.body.graph, request.body.nodeId, {
        rows: request.body.rows,
        loadDataset: async (datasetId) => {
          const ds = await app.prisma.dataset.findFirst({ where: { id: datasetId, projectId } });
          if (!ds)
            throw userError(
              'DATASET_NOT_FOUND',
              `dataset "${datasetId}" is not one of this project's datasets; pick an uploaded dataset`,
              { datasetId },
            );
          return { path: app.datasets.blobs.pathOf(ds.sha256), sha256: ds.sha256 };
        },
      });
    },
  );
};

/** Node preview: runs the graph up to one table node on a sample of the dataset. */
export const previewPlugin = fp(
  async (app) => {
    await app.register(previewRoutes, { prefix: '/api' });
  },
  { name: 'preview', dependencies: ['db', 'projects', 'datasets'] },
);
