import { inputFieldSchema, type InputField } from '@studio/api';
import { z } from 'zod';
import { bundleAuditSchema, bundleManifestSchema, bundleProjectSchema } from './bundle-format';

/** A categorical column lists its categories in the schema file up to this many (beyond, they are data). */
export const SCHEMA_CATEGORY_CAP = 1000;

/** One column of a dataset schema file: its request field (type, nullability, categories, range) and counts. */
const datasetColumnSchema = inputFieldSchema.extend({
  missingCount: z.number().int().nonnegative(),
  distinctCount: z.number().int().nonnegative(),
  /** True when the column had more than SCHEMA_CATEGORY_CAP categories, so none are listed (any text is taken). */
  categoriesOmitted: z.boolean().optional(),
});

/** `datasets/<sha256>.schema.json`: what a dataset's columns are, without its rows. */
export const datasetSchemaFileSchema = z.object({
  format: z.literal('studio-dataset-schema'),
  version: z.literal(1),
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  rowCount: z.number().int().nonnegative(),
  columns: z.array(datasetColumnSchema),
});
export type DatasetSchemaFile = z.infer<typeof datasetSchemaFileSchema>;

/** The request fields of a model trained on this dataset: every column but the target. */
export function fieldsOfSchemaFile(schema: DatasetSchemaFile, target: string): InputField[] {
  return schema.columns
    .filter((c) => c.name !== target)
    .map(({ missingCount: _m, distinctCount: _d, categoriesOmitted: _o, ...field }) => field);
}

const finite = z.number();
const woeBinSchema = z.object({
  label: z.string(),
  count: finite,
  goods: finite,
  bads: finite,
  badRate: finite,
  woe: finite,
});

/** The fitted transforms a pipeline applies, in order (`kind` + `version` name the format of each). */
export const fittedTransformSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('impute'),
    version: z.literal(1),
    columns: z.array(
      z.union([
        z.object({ name: z.string(), type: z.literal('numeric'), fill: finite, indicator: z.boolean() }),
        z.object({
          name: z.string(),
          type: z.literal('categorical'),
          fill: z.string(),
          indicator: z.boolean(),
        }),
      ]),
    ),
  }),
  z.object({
    kind: z.literal('one-hot'),
    version: z.literal(1),
    columns: z.array(z.object({ name: z.string(), categories: z.array(z.string()) })),
  }),
  z.object({
    kind: z.literal('standardize'),
    version: z.literal(1),
    columns: z.array(z.object({ name: z.string(), mean: finite, scale: finite })),
  }),
  z.object({
    kind: z.literal('woe'),
    version: z.literal(1),
    columns: z.array(
      z.union([
        z.object({
          name: z.string(),
          type: z.literal('numeric'),
          cuts: z.array(finite),
          special: z.array(finite),
          bins: z.array(woeBinSchema),
          iv: finite,
        }),
        z.object({
          name: z.string(),
          type: z.literal('categorical'),
          groups: z.array(z.array(z.string())),
          bins: z.array(woeBinSchema),
          iv: finite,
        }),
      ]),
    ),
  }),
]);

const scalingSchema = z.object({ pdo: finite, baseScore: finite, baseOdds: finite });

/** `runs/rNNN/transforms-….json`: everything between a raw record and the model's input, plus the scorecard. */
export const fittedTransformsFileSchema = z.object({
  format: z.literal('studio-pipeline'),
  version: z.literal(1),
  modelNodeId: z.string(),
  modelKind: z.enum(['logistic', 'mlp', 'gbm']),
  target: z.string(),
  steps: z.array(
    z.object({
      nodeId: z.string(),
      fitted: fittedTransformSchema,
      unseen: z.enum(['ignore', 'other', 'error']).optional(),
    }),
  ),
  features: z.array(z.string()),
  sources: z.array(z.string()).optional(),
  scorecard: z
    .object({
      version: z.literal(1),
      scaling: scalingSchema.extend({ factor: finite, offset: finite }),
      characteristics: z.array(
        z.object({
          name: z.string(),
          bins: z.array(z.object({ label: z.string(), woe: finite, points: finite })),
        }),
      ),
    })
    .nullable(),
  scaling: scalingSchema,
});

/**
 * Every JSON file of a bundle with a schema, by the name of its committed JSON Schema
 * (`docs/schemas/<name>.schema.json`, generated from these and checked for drift by bundle-schemas.test.ts).
 * The importer validates each file with the same schemas.
 */
export const BUNDLE_SCHEMAS = {
  'bundle-manifest': bundleManifestSchema,
  project: bundleProjectSchema,
  audit: bundleAuditSchema,
  'dataset-schema': datasetSchemaFileSchema,
  'fitted-transforms': fittedTransformsFileSchema,
} as const;

/** The JSON Schema (draft 2020-12) of one bundle file, as committed under docs/schemas. */
export function bundleJsonSchema(name: keyof typeof BUNDLE_SCHEMAS): unknown {
  return {
    $id: `${name}.schema.json`,
    ...z.toJSONSchema(BUNDLE_SCHEMAS[name], { io: 'input', unrepresentable: 'any' }),
  };
}
