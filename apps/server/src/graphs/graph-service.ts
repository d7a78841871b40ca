import type { Actor, GraphDiff, GraphVersion, GraphVersionSummary, SaveGraphBody } from '@studio/api';
import {
  contentHash,
  currentGraph,
  describeChange,
  diffGraphs,
  documentVersion,
  IR_VERSION,
  isStudioError,
  migrateGraph,
  nodeNames,
  validateGraph,
  type Diagnostic,
  type GraphIR,
} from '@studio/ir';
import type { AuditLog } from '../audit/audit-log';
import type { StudioPrisma } from '../db/prisma-client';
import type { JsonInput } from '../db/prisma-types';
import { HttpUserError, notFound } from '../http-error';
import { toVersion, toVersionSummary, withAuthor, type VersionWithAuthor } from './version-dto';

/** The outcome of a save: the head version afterwards, and whether this save created it. */
export interface SaveResult {
  version: GraphVersion;
  created: boolean;
}

// A concurrent save won between our read of the head and our compare-and-set; answered as a stale save.
const LOST_RACE = Symbol('lost race');

/** Versioned graph history: validated, content-hashed, optimistic saves, with readable diffs and audit lines. */
export class GraphService {
  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Saves a graph as the project's next version. Invalid graphs answer 422 with diagnostics; a save based on
   * anything but the current head answers 409 with the latest version, so nothing is overwritten; content equal
   * to the head's creates nothing and says so (`created: false`).
   */
  async save(projectId: string, body: SaveGraphBody, actor: Actor): Promise<SaveResult> {
    if (!(await this.prisma.project.findUnique({ where: { id: projectId }, select: { id: true } }))) {
      throw notFound('project', projectId);
    }
    const graph = await this.validated(projectId, body.graph);
    const hash = contentHash(graph);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const project = await tx.project.findUnique({
          where: { id: projectId },
          include: { headVersion: { include: withAuthor } },
        });
        if (!project) throw notFound('project', projectId);
        const head = project.headVersion;
        if (body.baseVersionId !== (head?.id ?? null)) throw staleOrUnknownBase(body.baseVersionId, head);
        if (head && head.hash === hash) return { version: toVersion(head), created: false };

        const row = await tx.graphVersion.create({
          data: {
            projectId,
            number: (head?.number ?? 0) + 1,
            hash,
            parentId: head?.id ?? null,
            message: body.message ?? '',
            authorId: actor.id,
            irVersion: graph.irVersion,
            graph: graph as unknown as JsonInput,
          },
          include: withAuthor,
        });
        const moved = await tx.project.updateMany({
          where: { id: projectId, headVersionId: head?.id ?? null },
          data: { headVersionId: row.id, updatedAt: new Date() },
        });
        if (moved.count !== 1) throw LOST_RACE;
        await this.audit.record(tx, {
          actor,
          action: 'graph.save',
          targetType: 'graph-version',
          targetId: row.id,
          projectId,
          beforeHash: head?.hash ?? null,
          afterHash: hash,
          changes: head
            ? (() => {
                const before = currentGraph(head.graph);
                const names = nodeNames(before, graph);
                return diffGraphs(before, graph).map((c) => describeChange(c, names));
              })()
            : [`version 1: ${graph.nodes.length} nodes, ${graph.edges.length} edges`],
        });
        return { version: toVersion(row), created: true };
      });
    } catch (e) {
      // Two saves on one head: the loser hits the compare-and-set or the (project, number) unique key.
      if (e === LOST_RACE || (e as { code?: unknown }).code === 'P2002') {
        const latest = await this.headOf(projectId);
        throw staleOrUnknownBase(body.baseVersionId, latest);
      }
      throw e;
    }
  }

  /** The project's versions, newest first. */
  async list(projectId: string): Promise<GraphVersionSummary[]> {
    const rows = await this.prisma.graphVersion.findMany({
      where: { projectId },
      include: withAuthor,
      orderBy: { number: 'desc' },
    });
    return rows.map(toVersionSummary);
  }

  /** One version of the project, graph included; 404 when it is not this project's. */
  async get(projectId: string, versionId: string): Promise<GraphVersion> {
    return toVersion(await this.row(projectId, versionId));
  }

  /** The readable changes that turn version `from` into version `to`. */
  async diff(projectId: string, from: string, to: string): Promise<GraphDiff> {
    const [a, b] = await Promise.all([this.row(projectId, from), this.row(projectId, to)]);
    const [before, after] = [currentGraph(a.graph), currentGraph(b.graph)];
    const names = nodeNames(before, after);
    const changes = diffGraphs(before, after);
    return {
      from,
      to,
      changes: changes.map((c) => ({ type: c.type, description: describeChange(c, names) })),
    };
  }

  private async row(projectId: string, versionId: string): Promise<VersionWithAuthor> {
    const row = await this.prisma.graphVersion.findFirst({
      where: { id: versionId, projectId },
      include: withAuthor,
    });
    if (!row) throw notFound('version', versionId);
    return row;
  }

  private async headOf(projectId: string): Promise<VersionWithAuthor | null> {
    const project = await this.prisma.project.findUnique({
      where: { id: projectId },
      include: { headVersion: { include: withAuthor } },
    });
    return project?.headVersion ?? null;
  }

  /** Upgrades old documents, then validates with the project's dataset columns so target checks can run. */
  private async validated(projectId: string, raw: unknown): Promise<GraphIR> {
    const datasets = await this.prisma.dataset.findMany({
      where: { projectId },
      select: { id: true, columns: true },
    });
    const columns = new Map(datasets.map((d) => [d.id, columnNames(d.columns)]));
    let upgraded = raw;
    try {
      // Current documents go straight to validation, whose diagnostics are finer than the migration's one error.
      if (documentVersion(raw) !== IR_VERSION) upgraded = migrateGraph(raw);
    } catch (e) {
      if (!isStudioError(e) || e.kind !== 'user') throw e;
      throw graphInvalid([{ code: e.code, severity: 'error', message: e.message }]);
    }
    const result = validateGraph(upgraded, { context: { datasetColumns: (id) => columns.get(id) } });
    if (!result.ok || !result.graph) throw graphInvalid(result.diagnostics);
    return result.graph;
  }
}

function columnNames(columns: unknown): string[] {
  return Array.isArray(columns) ? columns.map((c) => String((c as { name?: unknown }).name)) : [];
}

function graphInvalid(diagnostics: Diagnostic[]): HttpUserError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0]?.message ?? 'the graph is invalid';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
  return new HttpUserError(
    422,
    'GRAPH_INVALID',
    `The graph was not saved: ${first}${more}. Fix the marked nodes and save again.`,
    {
      diagnostics,
    },
  );
}

function staleOrUnknownBase(baseVersionId: string | null, latest: VersionWithAuthor | null): HttpUserError {
  if (!latest) {
    return new HttpUserError(
      400,
      'BASE_VERSION_UNKNOWN',
      `the project has no saved version, so base version "${baseVersionId}" cannot be its head; save with baseVersionId null`,
    );
  }
  return new HttpUserError(
    409,
    'STALE_VERSION',
    `version ${latest.number} was saved since you started editing; review it, then save again on top of it`,
    { latest: toVersion(latest) },
  );
}
