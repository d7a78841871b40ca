import { z } from 'zod';

/** The bundle layout this Studio writes and reads. Bump it (and keep a reader for the old one) when it changes. */
export const BUNDLE_VERSION = 1;

/** `bundle.json`: the version and the sha256 of every other file of the archive. */
export const bundleManifestSchema = z.object({
  format: z.literal('studio-bundle'),
  bundleVersion: z.number().int(),
  exportedAt: z.string(),
  project: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

const artifactSchema = z.object({
  kind: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  metadata: z.unknown(),
  file: z.string(),
});

/** `project.json`: every record of the project, pointing at the files that hold graphs, data and artifacts. */
export const bundleProjectSchema = z.object({
  project: z.object({ id: z.string(), name: z.string(), description: z.string(), createdAt: z.string() }),
  headVersion: z.number().int().nullable(),
  versions: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      hash: z.string(),
      parentNumber: z.number().int().nullable(),
      message: z.string(),
      irVersion: z.number().int(),
      authorName: z.string(),
      createdAt: z.string(),
      file: z.string(),
    }),
  ),
  datasets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sha256: z.string(),
      sizeBytes: z.number().int(),
      rowCount: z.number().int(),
      columns: z.unknown(),
      profile: z.unknown(),
      createdAt: z.string(),
      file: z.string(),
    }),
  ),
  runs: z.array(
    z.object({
      id: z.string(),
      versionNumber: z.number().int(),
      datasetId: z.string().nullable(),
      status: z.string(),
      backend: z.string().nullable(),
      progress: z.unknown(),
      metrics: z.unknown(),
      error: z.unknown(),
      createdAt: z.string(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      artifacts: z.array(artifactSchema),
    }),
  ),
});
export type BundleProject = z.infer<typeof bundleProjectSchema>;

/** `audit.json`: the project's audit trail, oldest first. */
export const bundleAuditSchema = z.array(
  z.object({
    at: z.string(),
    actorId: z.string(),
    actorName: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    beforeHash: z.string().nullable(),
    afterHash: z.string().nullable(),
    changes: z.unknown(),
    summary: z.string().optional(),
  }),
);
