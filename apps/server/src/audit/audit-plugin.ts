import { Readable } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditEventSchema,
  auditExportQuerySchema,
  auditQuerySchema,
  auditVerificationSchema,
  errorBodySchema,
  routes,
  under,
  type AuditEvent,
} from '@studio/api';
import type { FastifyRequest } from 'fastify';
import { visibleProjectIds } from '../projects/project-access';
import { AuditLog, type AuditScope } from './audit-log';

const CSV_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'projectId',
  'summary',
  'changes',
  'beforeHash',
  'afterHash',
  'prevHash',
  'hash',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(e: AuditEvent): string {
  const flat: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    seq: e.seq,
    at: e.at,
    actorId: e.actor.id,
    actorName: e.actor.name,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    projectId: e.projectId,
    summary: e.summary,
    changes: e.changes.join('\n'),
    beforeHash: e.beforeHash,
    afterHash: e.afterHash,
    prevHash: e.prevHash,
    hash: e.hash,
  };
  return `${CSV_COLUMNS.map((c) => csvField(flat[c])).join(',')}\r\n`;
}

async function* exportLines(
  log: AuditLog,
  format: 'jsonl' | 'csv',
  from: string | undefined,
  to: string | undefined,
  scope: AuditScope | undefined,
) {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const e of log.range(from, to, scope))
    yield format === 'csv' ? csvRow(e) : `${JSON.stringify(e)}\n`;
}

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  /**
   * What the caller may read: everything for validators, approvers and admins (and the single-user mode, which
   * has no signed-in reader); else the events of the projects they see and their own project-less events.
   */
  const scopeOf = async (request: FastifyRequest): Promise<AuditScope | undefined> => {
    const projectIds = await visibleProjectIds(app.prisma, request.actor);
    return projectIds && request.actor ? { projectIds, actorId: request.actor.id } : undefined;
  };

  app.get(
    under('/api', routes.queryAudit),
    {
      schema: {
        tags: ['audit'],
        summary: 'Query the audit trail by project, actor (user id), action and time range; newest first',
        querystring: auditQuerySchema,
        response: { 200: z.array(auditEventSchema), 400: errorBodySchema },
      },
    },
    async (request) => app.audit.query(request.query, await scopeOf(request)),
  );

  app.get(
    under('/api', routes.verifyAudit),
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain of the whole trail; names the first event that does not verify',
        response: { 200: auditVerificationSchema },
      },
    },
    async () => app.audit.verify(),
  );

  app.get(
    under('/api', routes.exportAudit),
    {
      schema: {
        tags: ['audit'],
        summary: 'Export the chained events of a time range (inclusive) as JSON Lines or CSV, in chain order',
        querystring: auditExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, from, to } = request.query;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      void reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
        .header('content-disposition', `attachment; filename="studio-audit-${stamp}.${format}"`);
      const scope = await scopeOf(request);
      return reply.send(Readable.from(exportLines(app.audit, format, from, to, scope)));
    },
  );
};

/** The audit trail: decorates `audit` for the other domains and serves GET /api/audit, verify and export. */
export const auditPlugin = fp(
  async (app) => {
    const log = new AuditLog(app.prisma, app.database.provider);
    app.decorate('audit', log);
    // Events written before the chain existed take their place in it once, oldest first.
    app.addHook('onReady', async () => {
      await log.sealLegacy();
    });
    await app.register(auditRoutes, { prefix: '/api' });
  },
  { name: 'audit', dependencies: ['db', 'actor'] },
);
