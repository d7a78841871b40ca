import { z } from 'zod';

/**
 * The bundle layout this Studio writes. Bump it (and keep a reader for the old one) when it changes.
 * 1: `files` only; entry names `runs/rNNN/<kind>-<node>.<ext>` (two ONNX precisions of one model collided).
 * 2: adds `entries` (path, kind, precision, sha256 of every file); artifact names carry kind, precision and
 *    the content hash, so no two different files can share a name. Every dataset has its schema
 *    (`datasets/<sha256>.schema.json`); its rows (`datasets/<sha256>.csv`) travel only when the export asked
 *    for them (`includesData`).
 */
export const BUNDLE_VERSION = 2;
/** The oldest layout this Studio still reads (migrated on read). */
export const OLDEST_BUNDLE_VERSION = 1;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** One file of the archive as bundle.json lists it. */
export const bundleEntrySchema = z.object({
  path: z.string().min(1),
  /** project, audit, readme, graph, dataset, or an artifact kind (weights, weights-int8, onnx, transforms, …). */
  kind: z.string().min(1),
  precision: z.enum(['fp32', 'int8']).nullable(),
  sha256: sha256Schema,
});
export type BundleEntry = z.infer<typeof bundleEntrySchema>;

/** `bundle.json`: the version, the sha256 of every other file of the archive and (version 2) what each file is. */
export const bundleManifestSchema = z.object({
  format: z.literal('studio-bundle'),
  bundleVersion: z.number().int(),
  exportedAt: z.string(),
  project: z.string(),
  files: z.record(z.string(), sha256Schema),
  entries: z.array(bundleEntrySchema).optional(),
  /** Whether the datasets' rows travel (absent in bundles written before it was optional: they always did). */
  includesData: z.boolean().optional(),
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
      /** The CSV's path; null when the export left the rows out. */
      file: z.string().nullable(),
      /** `datasets/<sha256>.schema.json` (bundles written before schema files existed have none). */
      schemaFile: z.string().optional(),
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
