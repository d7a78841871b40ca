import { z } from 'zod';
import { graphSchema } from '@studio/ir';
import { projectAccessSchema } from './auth';
import { errorBodySchema } from './errors';

import { personSchema } from './auth';

/**
 * What an imported bundle's signature said: `intact` (signed by this instance, unchanged), `unknown-signer`
 * (a valid signature by a key this Studio does not know), `modified` (the manifest no longer matches its
 * signature), `unsigned`. Only `intact` bundles' runs are trusted.
 */
export const bundleSignatureStatusSchema = z.enum(['intact', 'unknown-signer', 'modified', 'unsigned']);
export type BundleSignatureStatus = z.infer<typeof bundleSignatureStatusSchema>;
export { actorSchema, type Actor } from './auth';

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  headVersionId: z.string().nullable(),
  headVersionNumber: z.number().int().nullable(),
  /** Deployments go live without a second person's approval (only honoured in single-user mode). */
  approvalWaived: z.boolean(),
  /** Where a project imported from a bundle came from, and what the bundle's signature said; null otherwise. */
  imported: z
    .object({
      bundleHash: z.string(),
      signature: bundleSignatureStatusSchema,
      signer: z.string().nullable(),
    })
    .nullable(),
  /** In the list: the caller's access to the project (their project role, `oversight` or `open`). */
  access: projectAccessSchema.optional(),
});
export type Project = z.infer<typeof projectSchema>;

export const createProjectBodySchema = z.object({
  name: z.string().trim().min(1, 'give the project a name').max(200),
  description: z.string().max(2000).optional(),
});
export const updateProjectBodySchema = createProjectBodySchema.partial().extend({
  /** Single-user mode only (409 APPROVAL_WAIVER_NOT_ALLOWED otherwise). */
  approvalWaived: z.boolean().optional(),
});

export const graphVersionSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  number: z.number().int(),
  hash: z.string(),
  parentId: z.string().nullable(),
  message: z.string(),
  author: personSchema,
  createdAt: z.string(),
});
export type GraphVersionSummary = z.infer<typeof graphVersionSummarySchema>;

export const graphVersionSchema = graphVersionSummarySchema.extend({ graph: graphSchema });
export type GraphVersion = z.infer<typeof graphVersionSchema>;

/** The save answer: the head version after the save, and whether this save created it (200 when equal to the head). */
export const saveGraphResponseSchema = graphVersionSchema.extend({ created: z.boolean() });
export type SaveGraphResponse = z.infer<typeof saveGraphResponseSchema>;

export const projectDetailSchema = projectSchema.extend({ head: graphVersionSchema.nullable() });
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

/**
 * Save a graph. `baseVersionId` is the version the editor started from (null for the first save);
 * if another save landed since, the server answers 409 with the latest version and keeps both.
 * The graph is `unknown` on the wire: the server validates it with @studio/ir and answers 422 with diagnostics.
 */
export const saveGraphBodySchema = z.object({
  graph: z.unknown(),
  baseVersionId: z.string().nullable(),
  message: z.string().max(500).optional(),
});
export type SaveGraphBody = z.infer<typeof saveGraphBodySchema>;

export const staleVersionBodySchema = errorBodySchema.extend({
  code: z.literal('STALE_VERSION'),
  latest: graphVersionSchema,
});

export const graphDiffSchema = z.object({
  from: z.string(),
  to: z.string(),
  changes: z.array(z.object({ type: z.string(), description: z.string() })),
});
export type GraphDiff = z.infer<typeof graphDiffSchema>;

/** `POST /api/projects/import?confirmModified=true`: import a bundle modified since export anyway (its runs untrusted). */
/** `GET /api/projects/:projectId/bundle`: the raw data travels only when asked (it leaves the building). */
export const exportBundleQuerySchema = z.object({
  includeData: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const importBundleQuerySchema = z.object({
  confirmModified: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
