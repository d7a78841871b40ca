import { z } from 'zod';

/**
 * Jobs besides training (issue #11): a bundle export or import, or a CSV scored by a deployment, run by any
 * worker like a run is. The API answers 202 with the job; `GET /api/jobs/:jobId` reads its progress and, once
 * it succeeded, its result (`GET /api/jobs/:jobId/result` for a bundle or a scored CSV, `projectId` for an
 * import).
 */
export const jobKindSchema = z.enum(['export', 'import', 'score']);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobStatusSchema = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
  /** Succeeded, and its result was released after STUDIO_JOB_RESULT_RETENTION_MS: run the job again. */
  'expired',
]);
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** Statuses of a job that has ended (a succeeded job only moves on to `expired`, when its result is released). */
export const TERMINAL_JOB_STATUSES = [
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
  'expired',
] as const satisfies readonly JobStatus[];
export const isTerminalJobStatus = (s: JobStatus): boolean =>
  (TERMINAL_JOB_STATUSES as readonly JobStatus[]).includes(s);

export const jobProgressSchema = z.object({
  /** What the job is doing: `documents`, `packing`, `storing`, `importing`, `scoring`. */
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobSchema = z.object({
  id: z.string(),
  kind: jobKindSchema,
  status: jobStatusSchema,
  /** export: the project exported; import: the project created, once the job succeeded. */
  projectId: z.string().nullable(),
  progress: jobProgressSchema.nullable(),
  /** Why it failed, was cancelled or interrupted (the code a synchronous request would have answered). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The stored result (a bundle zip, a scored CSV), once succeeded; fetched from `GET /api/jobs/:jobId/result`. */
  result: z.object({ sha256: z.string(), sizeBytes: z.number().int() }).nullable(),
  attempt: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobDto = z.infer<typeof jobSchema>;
