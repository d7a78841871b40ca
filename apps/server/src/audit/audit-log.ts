import type { AuditEvent, AuditQuery, Person } from '@studio/api';
import type { StudioPrisma } from '../db/prisma-client';
import type { AuditEventRow, Tx } from '../db/prisma-types';

/** One change to record: what was done to which target, with hashes and readable lines where they apply. */
export interface AuditEntry {
  actor: Person;
  action: string;
  targetType: string;
  targetId: string;
  projectId: string | null;
  beforeHash?: string | null;
  afterHash?: string | null;
  changes?: string[];
}

/** The append-only audit trail: written inside the change's own transaction, read with filters. */
export class AuditLog {
  constructor(private readonly prisma: StudioPrisma) {}

  /** Appends one event through `tx`, so it commits or rolls back together with the change it describes. */
  async record(tx: Tx, entry: AuditEntry): Promise<void> {
    await tx.auditEvent.create({
      data: {
        actorId: entry.actor.id,
        actorName: entry.actor.name,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        projectId: entry.projectId,
        beforeHash: entry.beforeHash ?? null,
        afterHash: entry.afterHash ?? null,
        changes: entry.changes ?? [],
      },
    });
  }

  /** Events matching every given filter, newest first; `from` and `to` bound `at` inclusively. */
  async query(q: AuditQuery): Promise<AuditEvent[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        ...(q.projectId === undefined ? {} : { projectId: q.projectId }),
        ...(q.actor === undefined ? {} : { actorId: q.actor }),
        ...(q.action === undefined ? {} : { action: q.action }),
        ...(q.from === undefined && q.to === undefined
          ? {}
          : {
              at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) },
            }),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: q.limit,
    });
    return rows.map(toAuditEvent);
  }
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actorId, name: row.actorName },
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    projectId: row.projectId,
    beforeHash: row.beforeHash,
    afterHash: row.afterHash,
    changes: Array.isArray(row.changes) ? row.changes.map(String) : [],
  };
}
