import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  datasetProfileSchema,
  errorBodySchema,
  type DatasetProfile,
  routes,
  under,
  datasetParamsSchema,
  profileQuerySchema,
} from '@studio/api';
import { profileTable, readCsv } from '@studio/data';
import type { JsonInput } from '../db/prisma-types';
import { notFound } from '../http-error';

/**
 * The Dataset row's `profile` column: one profile per target asked for ('' = no target). Version 2 added the
 * ID-like, near-constant, mostly-missing, near-perfect-leakage and tiny-class warnings and `distinctCapped`; a
 * version 1 cache is recomputed.
 */
interface ProfileCache {
  version: 2;
  byTarget: Record<string, Record<string, unknown>>;
}

function cacheOf(value: unknown): ProfileCache {
  const c = value as Partial<ProfileCache> | null;
  return c?.version === 2 && c.byTarget ? (c as ProfileCache) : { version: 2, byTarget: {} };
}

const profileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    under('/api', routes.datasetProfile),
    {
      schema: {
        tags: ['datasets'],
        summary: 'Column statistics and histograms; with a target, bad rates and leakage warnings (cached)',
        params: datasetParamsSchema,
        querystring: profileQuerySchema,
        response: { 200: datasetProfileSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request): Promise<DatasetProfile> => {
      const { datasetId } = request.params;
      const target = request.query.target ?? null;
      const row = await app.prisma.dataset.findUnique({ where: { id: datasetId } });
      if (!row) throw notFound('dataset', datasetId);
      const cache = cacheOf(row.profile);
      const cached = cache.byTarget[target ?? ''];
      if (cached) return { datasetId, target, profile: cached };
      const table = await readCsv(app.datasets.blobs.pathOf(row.sha256));
      const profile = profileTable(table, target ?? undefined) as unknown as Record<string, unknown>;
      // Re-read before writing so a profile computed meanwhile for another target is kept.
      const latest = await app.prisma.dataset.findUnique({
        where: { id: datasetId },
        select: { profile: true },
      });
      const next = cacheOf(latest?.profile);
      next.byTarget[target ?? ''] = profile;
      await app.prisma.dataset.update({
        where: { id: datasetId },
        data: { profile: next as unknown as JsonInput },
      });
      return { datasetId, target, profile };
    },
  );
};

/** Dataset profiles: `GET /api/datasets/:datasetId/profile?target=`, computed once per target and cached on the row. */
export const datasetProfilePlugin = fp(
  async (app) => {
    await app.register(profileRoutes, { prefix: '/api' });
  },
  { name: 'dataset-profile', dependencies: ['db', 'datasets'] },
);
