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
