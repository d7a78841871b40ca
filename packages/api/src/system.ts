import { z } from 'zod';

/** GET /api/engine: what the native engine can run on in this server process. */
export const engineInfoSchema = z.object({
  /** Always 'cpu'; 'cuda' too when CUDA was compiled in and a device is usable. */
  backends: z.array(z.string()),
  cuda: z.object({
    compiled: z.boolean(),
    devices: z.number().int(),
    /** Why no GPU is used, when none is. */
    error: z.string().optional(),
  }),
  /** Engine worker threads. */
  threads: z.number().int(),
  /** Vector instruction set of the fp32 CPU kernels in use. */
  simd: z.string(),
  /** Kernel of INT8 (quantized) predictions: 'avx512vnni', 'avxvnni' or 'avx2'. */
  int8: z.string(),
  /** Where neural networks train by default ('auto'): 'cuda' when a device is usable, else 'cpu'. */
  trainsOn: z.enum(['cpu', 'cuda']),
});
export type EngineInfo = z.infer<typeof engineInfoSchema>;

/** GET /api/health: liveness, the server process answers (the database is checked by GET /api/ready). */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgresql']),
  /** Single-user mode (no sign-in): the web app shows a banner on every page; approval may be waived. */
  singleUser: z.boolean().optional(),
});
export type Health = z.infer<typeof healthSchema>;
