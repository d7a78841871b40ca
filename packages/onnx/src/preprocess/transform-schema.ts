/**
 * The fitted transforms of @studio/data as they are persisted (JSON, `kind` + `version` 1), re-declared with zod
 * so an exporter can check a transforms file it did not write without importing the data package.
 */
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const imputeSchema = z.object({
  kind: z.literal('impute'),
  version: z.literal(1),
  columns: z.array(
    z.discriminatedUnion('type', [
      z.object({ name: z.string(), type: z.literal('numeric'), fill: finite, indicator: z.boolean() }),
      z.object({
        name: z.string(),
        type: z.literal('categorical'),
        fill: z.string(),
        indicator: z.boolean(),
      }),
    ]),
  ),
});

export const oneHotSchema = z.object({
  kind: z.literal('one-hot'),
  version: z.literal(1),
  columns: z.array(z.object({ name: z.string(), categories: z.array(z.string()) })),
});

export const standardizeSchema = z.object({
  kind: z.literal('standardize'),
  version: z.literal(1),
  columns: z.array(
    z.object({ name: z.string(), mean: finite, scale: finite.refine((s) => s !== 0, 'must not be 0') }),
  ),
});

const bins = z.array(z.object({ woe: finite })).min(1);

export const woeSchema = z.object({
  kind: z.literal('woe'),
  version: z.literal(1),
  columns: z.array(
    z.discriminatedUnion('type', [
      z
        .object({
          name: z.string(),
          type: z.literal('numeric'),
          cuts: z.array(finite),
          special: z.array(finite),
          bins,
        })
        .refine(
          (c) => c.bins.length === c.cuts.length + 2 + c.special.length,
          'needs one bin per range, special value and missing',
        ),
      z
        .object({
          name: z.string(),
          type: z.literal('categorical'),
          groups: z.array(z.array(z.string())),
          bins,
        })
        .refine((c) => c.bins.length === c.groups.length + 1, 'needs one bin per group and one for missing'),
    ]),
  ),
});

export const transformSchema = z.discriminatedUnion('kind', [
  imputeSchema,
  oneHotSchema,
  standardizeSchema,
  woeSchema,
]);

/** One fitted transform as the exporter reads it. */
export type TransformJson = z.infer<typeof transformSchema>;
