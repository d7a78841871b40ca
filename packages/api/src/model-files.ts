import { z } from 'zod';

/** `GET /api/runs/:runId/onnx`: which model of the run, in which precision (int8 needs a passing Quantize node). */
export const runOnnxQuerySchema = z.object({
  precision: z.enum(['fp32', 'int8']).default('fp32'),
  modelNodeId: z.string().min(1).optional(),
});
export type RunOnnxQuery = z.input<typeof runOnnxQuerySchema>;

/**
 * `GET /api/runs/:runId/code`: the generated scorer as TypeScript (`ts`), as plain JavaScript for Node 20 with
 * no build step (`js`; `types=true` gives its `.d.mts`), or the PyTorch script (`python`).
 */
export const runCodeQuerySchema = z.object({
  lang: z.enum(['ts', 'js', 'python']),
  types: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  modelNodeId: z.string().min(1).optional(),
});
export type RunCodeQuery = z.input<typeof runCodeQuerySchema>;
