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
  /** The event as a sentence with names ("Ana Analyst approved deployment credit-risk v2"). */
  summary: z.string(),
  /** Position in the hash chain; null only for an event written before the chain, until the server seals it. */
  seq: z.number().int().nullable(),
  /** sha256(canonical(event) ‖ prevHash), hex. */
  hash: z.string().nullable(),
  prevHash: z.string().nullable(),
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

/** What `GET /api/audit/verify` (and `studio audit verify`) found walking the whole chain. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  /** Events checked. */
  count: z.number().int(),
  /** The last event's hash (the chain's head); null for an empty trail. */
  headHash: z.string().nullable(),
  headSeq: z.number().int().nullable(),
  /** The first event that does not verify, and why; null when the chain is intact. */
  firstBroken: z
    .object({
      /** The chain position expected at this point. */
      seq: z.number().int(),
      /** The event found there (null when the chain ends early: an event was removed from its end). */
      eventId: z.string().nullable(),
      reason: z.enum(['hash-mismatch', 'prev-hash-mismatch', 'missing-event', 'unchained']),
      message: z.string(),
    })
    .nullable(),
  checkedAt: z.string(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const auditExportQuerySchema = z.object({
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
  from: z.string().datetime().optional(),
  to: z.string().datetime().optional(),
});
export type AuditExportQuery = z.input<typeof auditExportQuerySchema>;

/** One event of a bundle's own history, kept with the imported project and never verified. */
export const importedAuditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  summary: z.string(),
  changes: z.array(z.string()),
});
export type ImportedAuditEvent = z.infer<typeof importedAuditEventSchema>;

export const importedHistorySchema = z.object({
  /** Always "imported history, unverified": shown as such, never part of the chain. */
  label: z.literal('imported history, unverified'),
  bundleHash: z.string().nullable(),
  signature: z.string().nullable(),
  signer: z.string().nullable(),
  events: z.array(importedAuditEventSchema),
});
export type ImportedHistory = z.infer<typeof importedHistorySchema>;
