import { createHash } from 'node:crypto';
import { canonicalJson } from '@studio/ir';

/** The `prevHash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event the chain covers; everything a reader sees of it except its own id. */
export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  projectId: string | null;
  beforeHash: string | null;
  afterHash: string | null;
  changes: unknown;
  summary: string;
}

/** The canonical JSON of one event (packages/ir's RFC 8785-style canonical form), version-tagged. */
export function canonicalEvent(e: ChainedFields): string {
  return canonicalJson({
    v: 1,
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { id: e.actorId, name: e.actorName },
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    projectId: e.projectId,
    beforeHash: e.beforeHash,
    afterHash: e.afterHash,
    changes: Array.isArray(e.changes) ? e.changes.map(String) : [],
    summary: e.summary,
  });
}

/** `sha256(canonical(event) ‖ prevHash)`, hex. */
export function chainHash(e: ChainedFields, prevHash: string): string {
  return createHash('sha256').update(canonicalEvent(e)).update(prevHash).digest('hex');
}
