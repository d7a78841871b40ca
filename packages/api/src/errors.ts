import { z } from 'zod';
import { diagnosticSchema } from '@studio/ir';

/** Body of every non-2xx response: a stable code, a message that says what to do next, optional details. */
export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** 422 on a graph save: the server-side validation's diagnostics, pinned to nodes. */
export const graphInvalidBodySchema = errorBodySchema.extend({
  code: z.literal('GRAPH_INVALID'),
  diagnostics: z.array(diagnosticSchema),
});
