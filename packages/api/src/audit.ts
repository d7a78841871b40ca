import { z } from 'zod';
import { personSchema } from './auth';

/** One append-only audit record: who did what to which target, when, with the readable change lines. */
export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: personSchema,
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  projectId: z.string().nullable(),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  changes: z.array(z.string()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.object({
  projectId: z.string().optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
  from: z.string().datetime().optional(),
  to: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
