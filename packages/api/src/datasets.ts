import { z } from 'zod';

export const columnTypeSchema = z.enum(['numeric', 'categorical', 'boolean', 'date']);

export const datasetColumnSchema = z.object({
  name: z.string(),
  type: columnTypeSchema,
  missingCount: z.number().int(),
  distinctCount: z.number().int(),
});

export const datasetSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  rowCount: z.number().int(),
  columns: z.array(datasetColumnSchema),
  createdAt: z.string(),
});
export type Dataset = z.infer<typeof datasetSchema>;

/**
 * `GET /api/datasets/:datasetId/profile?target=`: per-column statistics, histograms and (with a target) bad
 * rates and warnings. `profile` is packages/data's `TableProfile` (JSON-safe: null for undefined statistics).
 */
export const datasetProfileSchema = z.object({
  datasetId: z.string(),
  target: z.string().nullable(),
  profile: z.record(z.string(), z.unknown()),
});
export type DatasetProfile = z.infer<typeof datasetProfileSchema>;
