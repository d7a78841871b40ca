import { z } from 'zod';
import { personSchema } from './auth';

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

/**
 * `GET /api/datasets`: one entry per file content (sha256), however many times and under whatever names it was
 * uploaded or copied. `datasetId` is its newest upload, the one to pick (a template copies it into the project).
 */
export const datasetLibraryEntrySchema = z.object({
  sha256: z.string(),
  datasetId: z.string(),
  /** The newest upload's file name, and every other name the same bytes were uploaded under. */
  name: z.string(),
  otherNames: z.array(z.string()),
  sizeBytes: z.number().int(),
  rowCount: z.number().int(),
  columnCount: z.number().int(),
  /** Dataset rows sharing this content (uploads and copies). */
  copies: z.number().int(),
  /** Who uploaded or copied it, most recent first. */
  uploaders: z.array(personSchema),
  /** The projects holding a copy, most recently used first. */
  projects: z.array(z.object({ id: z.string(), name: z.string() })),
  firstUploadedAt: z.string(),
  lastUploadedAt: z.string(),
});
export type DatasetLibraryEntry = z.infer<typeof datasetLibraryEntrySchema>;

/** `POST /api/projects/:projectId/datasets/copy`: which dataset (of any project) to copy in. */
export const copyDatasetBodySchema = z.object({ datasetId: z.string().min(1) });
export type CopyDatasetBody = z.infer<typeof copyDatasetBodySchema>;
