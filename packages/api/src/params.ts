import { z } from 'zod';

/** Path parameters of the routes in `routes` (each one a non-empty string). */
const id = () => z.string().min(1);
export const projectParamsSchema = z.object({ projectId: id() });
export const versionParamsSchema = z.object({ projectId: id(), versionId: id() });
export const datasetParamsSchema = z.object({ datasetId: id() });
export const runParamsSchema = z.object({ runId: id() });
export const deploymentParamsSchema = z.object({ deploymentId: id() });
export const apiKeyParamsSchema = z.object({ deploymentId: id(), keyId: id() });
export const requestParamsSchema = z.object({ requestId: id() });
export const findingParamsSchema = z.object({ findingId: id() });
export const jobParamsSchema = z.object({ jobId: id() });
export const slugParamsSchema = z.object({ slug: id() });

/** `GET /api/projects/:projectId/diff?from=&to=` (version ids). */
export const diffQuerySchema = z.object({ from: id(), to: id() });
/** `GET /api/datasets/:datasetId/profile?target=`. */
export const profileQuerySchema = z.object({ target: id().optional() });
/** `GET /api/deployments/:deploymentId/predictions?limit=`. */
export const predictionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(100),
});
