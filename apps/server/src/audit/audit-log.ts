import type { AuditEvent, AuditQuery, AuditVerification, Person } from '@studio/api';
import type { DatabaseTarget, Provider } from '../db/database-target';
import { createPrismaClient, type StudioPrisma } from '../db/prisma-client';
import type { AuditEventRow, Tx } from '../db/prisma-types';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit-chain';

// Appends take turns on PostgreSQL through this transaction-scoped advisory lock (the migrator uses another key).
const AUDIT_LOCK_KEY = 7_340_112_234;

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
  /** The event as a sentence with names; default: the actor's name, what they did and the first change line. */
  summary?: string;
}

/** The append-only audit trail: a hash chain, written inside the change's own transaction, read with filters. */
export class AuditLog {
  constructor(
    private readonly prisma: StudioPrisma,
    private readonly provider: Provider = 'sqlite',
  ) {}

  /**
   * Appends one event through `tx`, so it commits or rolls back together with the change it describes. The
   * event takes the next chain position and `hash = sha256(canonical(event) ‖ previous hash)`. Appends are
   * serialised: on PostgreSQL by a transaction-scoped advisory lock, on SQLite by the write transaction (one
   * writer at a time); the unique `seq` refuses a fork either way.
   */
  async record(tx: Tx, entry: AuditEntry): Promise<void> {
    if (this.provider === 'postgresql')
      await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})) l`);
    const head = await tx.auditEvent.findFirst({
      where: { seq: { not: null } },
      orderBy: { seq: 'desc' },
      select: { seq: true, hash: true },
    });
    const changes = entry.changes ?? [];
    const fields: ChainedFields = {
      seq: (head?.seq ?? 0) + 1,
      at: new Date(),
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      projectId: entry.projectId,
      beforeHash: entry.beforeHash ?? null,
      afterHash: entry.afterHash ?? null,
      changes,
      summary: entry.summary ?? defaultSummary(entry.actor.name, entry.action, changes),
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    await tx.auditEvent.create({
      data: { ...fields, changes, prevHash, hash: chainHash(fields, prevHash) },
    });
  }

  /** Appends one event in its own transaction: for events that change nothing else (sign-in, export). */
  async append(entry: AuditEntry): Promise<void> {
    await this.prisma.$transaction((tx) => this.record(tx, entry));
  }

  /**
   * Chains the events written before the chain existed (seq NULL), oldest first, after the current head.
   * The database lets a row be updated only while it has no chain position, so this runs once per row.
   */
  async sealLegacy(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const batch = await this.prisma.auditEvent.findMany({
        where: { seq: null },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        take: 500,
      });
      if (batch.length === 0) return sealed;
      await this.prisma.$transaction(async (tx) => {
        if (this.provider === 'postgresql')
          await tx.$queryRawUnsafe(
            `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})) l`,
          );
        const head = await tx.auditEvent.findFirst({
          where: { seq: { not: null } },
          orderBy: { seq: 'desc' },
          select: { seq: true, hash: true },
        });
        let seq = head?.seq ?? 0;
        let prev = head?.hash ?? GENESIS_HASH;
        for (const row of batch) {
          seq += 1;
          const summary = row.summary || defaultSummary(row.actorName, row.action, stringList(row.changes));
          const hash = chainHash({ ...row, seq, summary }, prev);
          await tx.auditEvent.update({ where: { id: row.id }, data: { seq, summary, prevHash: prev, hash } });
          prev = hash;
        }
      });
      sealed += batch.length;
    }
  }

  /**
   * Recomputes the whole chain in order and names the first event that does not verify: a changed field
   * (hash mismatch), a removed or reordered event (a gap in `seq` or a `prevHash` that is not the previous
   * hash), or a row without a chain position.
   */
  async verify(): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prev = GENESIS_HASH;
    let count = 0;
    let cursor: number | null = null;
    const result = (firstBroken: AuditVerification['firstBroken']): AuditVerification => ({
      ok: firstBroken === null,
      count,
      headHash: count > 0 ? prev : null,
      headSeq: count > 0 ? expectedSeq - 1 : null,
      firstBroken,
      checkedAt: new Date().toISOString(),
    });
    const unchained = await this.prisma.auditEvent.findFirst({ where: { seq: null }, select: { id: true } });
    for (;;) {
      const rows: AuditEventRow[] = await this.prisma.auditEvent.findMany({
        where: cursor === null ? { seq: { not: null } } : { seq: { gt: cursor } },
        orderBy: { seq: 'asc' },
        take: 1000,
      });
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = row.seq!;
        if (seq !== expectedSeq)
          return result({
            seq: expectedSeq,
            eventId: row.id,
            reason: 'missing-event',
            message: `event #${expectedSeq} is missing: the chain jumps from #${expectedSeq - 1} to #${seq} (${row.id}, ${describe(row)})`,
          });
        if (row.prevHash !== prev)
          return result({
            seq,
            eventId: row.id,
            reason: 'prev-hash-mismatch',
            message: `event #${seq} (${row.id}, ${describe(row)}) does not follow event #${seq - 1}: an event before it was changed, removed or inserted`,
          });
        const hash = chainHash({ ...row, seq }, prev);
        if (row.hash !== hash)
          return result({
            seq,
            eventId: row.id,
            reason: 'hash-mismatch',
            message: `event #${seq} (${row.id}, ${describe(row)}) was changed after it was written: its contents no longer match its hash`,
          });
        prev = hash;
        expectedSeq += 1;
        count += 1;
      }
      cursor = rows[rows.length - 1]!.seq;
    }
    if (unchained)
      return result({
        seq: expectedSeq,
        eventId: unchained.id,
        reason: 'unchained',
        message: `event ${unchained.id} has no place in the chain: it was written around the chain (or not yet sealed)`,
      });
    return result(null);
  }

  /** Events with `at` in [from, to], oldest first, in chain order: for export; `scope` narrows them to one reader. */
  async *range(from?: string, to?: string, scope?: AuditScope): AsyncGenerator<AuditEvent> {
    let cursor: number | null = null;
    for (;;) {
      const rows: AuditEventRow[] = await this.prisma.auditEvent.findMany({
        where: {
          seq: cursor === null ? { not: null } : { gt: cursor },
          ...scopeWhere(scope),
          ...(from === undefined && to === undefined
            ? {}
            : { at: { ...(from ? { gte: new Date(from) } : {}), ...(to ? { lte: new Date(to) } : {}) } }),
        },
        orderBy: { seq: 'asc' },
        take: 1000,
      });
      if (rows.length === 0) return;
      for (const row of rows) yield toAuditEvent(row);
      cursor = rows[rows.length - 1]!.seq;
    }
  }

  /**
   * Events matching every given filter, newest first; `from` and `to` bound `at` inclusively; `scope` narrows
   * them to what one reader may see.
   */
  async query(q: AuditQuery, scope?: AuditScope): Promise<AuditEvent[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        ...scopeWhere(scope),
        ...(q.projectId === undefined ? {} : { projectId: q.projectId }),
        ...(q.actor === undefined ? {} : { actorId: q.actor }),
        ...(q.action === undefined ? {} : { action: q.action }),
        ...(q.from === undefined && q.to === undefined
          ? {}
          : {
              at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) },
            }),
      },
      orderBy: [{ at: 'desc' }, { seq: 'desc' }, { id: 'desc' }],
      take: q.limit,
    });
    return rows.map(toAuditEvent);
  }
}

/**
 * What a reader without oversight (a viewer or analyst) may read of the trail: the events of the projects they
 * see, and the events without a project that they caused themselves (their own sign-ins, tokens, password).
 */
export interface AuditScope {
  projectIds: string[];
  actorId: string;
}

function scopeWhere(scope: AuditScope | undefined) {
  if (!scope) return {};
  return {
    OR: [{ projectId: { in: scope.projectIds } }, { projectId: null, actorId: scope.actorId }],
  };
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
    changes: stringList(row.changes),
    summary: row.summary || defaultSummary(row.actorName, row.action, stringList(row.changes)),
    seq: row.seq,
    hash: row.hash,
    prevHash: row.prevHash,
  };
}

/** "project.update by Ana Analyst at 2026-…" — how verify names an event besides its id. */
function describe(row: AuditEventRow): string {
  return `${row.action} by ${row.actorName} at ${row.at.toISOString()}`;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

const actionPhrases: Record<string, string> = {
  'auth.sign-in': 'signed in',
  'auth.sign-in-failed': 'failed to sign in',
  'auth.password-change': 'changed a password',
  'user.create': 'created a user',
  'user.update': 'changed a user',
  'user.reset-password': "reset a user's password",
  'project.create': 'created a project',
  'project.update': 'changed a project',
  'project.delete': 'deleted a project',
  'project.member.add': 'added a project member',
  'project.member.update': "changed a project member's role",
  'project.member.remove': 'removed a project member',
  'graph.save': 'saved a graph version',
  'dataset.upload': 'uploaded a dataset',
  'dataset.copy': 'copied a template dataset',
  'run.start': 'started a run',
  'run.cancel': 'cancelled a run',
  'job.cancel': 'cancelled a job',
  'run.finish': 'finished a run',
  'run.interrupt': 'recorded an interrupted run',
  'deployment.deploy': 'deployed a model',
  'deployment.promote': 'promoted a deployment',
  'deployment.rollback': 'rolled back a deployment',
  'deployment.undeploy': 'undeployed a model',
  'deployment.update': 'changed a deployment',
  'deployment.request': 'requested a deployment',
  'deployment.approve': 'approved a deployment',
  'deployment.reject': 'rejected a deployment',
  'deployment.key.create': 'created an API key',
  'deployment.key.revoke': 'revoked an API key',
  'bundle.export': 'exported a bundle',
  'project.import': 'imported a project from a bundle',
};

/** "Ana Analyst deployed a model: deployed run … as credit-risk v2" from what an event carries. */
export function defaultSummary(actorName: string, action: string, changes: string[]): string {
  const phrase = actionPhrases[action] ?? action;
  return changes[0] ? `${actorName} ${phrase}: ${changes[0]}` : `${actorName} ${phrase}`;
}

/** Verifies the audit chain of a database directly (`studio audit verify`), without starting a server. */
export async function verifyAuditChain(target: DatabaseTarget): Promise<AuditVerification> {
  const prisma = createPrismaClient(target);
  try {
    return await new AuditLog(prisma, target.provider).verify();
  } finally {
    await prisma.$disconnect();
  }
}
