import {
  projectAccessOf,
  projectRoleSchema,
  type Actor,
  type BundleSignatureStatus,
  type Project,
  type ProjectDetail,
} from '@studio/api';
import type { AuditLog } from '../audit/audit-log';
import type { StudioPrisma } from '../db/prisma-client';
import type { ProjectRow } from '../db/prisma-types';
import { toVersion, withAuthor } from '../graphs/version-dto';
import { HttpUserError, notFound } from '../http-error';
import { visibleTo } from './project-access';

type ProjectWithHead = ProjectRow & { headVersion: { number: number } | null };

export interface ProjectInput {
  name?: string | undefined;
  description?: string | undefined;
  approvalWaived?: boolean | undefined;
}

/** Project CRUD; every change is audited in its own transaction. */
export class ProjectService {
  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
    /** Single-user mode (no sign-in): approval may be waived, and new projects waive it. */
    private readonly singleUser: boolean = false,
  ) {}

  /**
   * The projects the actor may see, most recently changed first: every project for validators, approvers and
   * admins (and without an actor), else those they created, are members of, or that are open to all.
   */
  async list(actor?: Actor): Promise<Project[]> {
    const scoped = actor && projectAccessOf(actor.role, null) !== 'oversight';
    const rows = await this.prisma.project.findMany({
      ...(scoped ? { where: visibleTo(actor.id) } : {}),
      include: {
        headVersion: { select: { number: true } },
        createdBy: { select: { username: true } },
        members: { where: { userId: actor?.id ?? '' }, select: { role: true } },
        _count: { select: { members: true } },
      },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    });
    return rows.map((row) => {
      const membership =
        row.createdById === actor?.id
          ? 'owner'
          : (projectRoleSchema.safeParse(row.members[0]?.role).data ??
            (row.createdBy.username === null && row._count.members === 0 ? 'open' : null));
      return { ...toProject(row), ...(actor ? { access: projectAccessOf(actor.role, membership) } : {}) };
    });
  }

  /** One project with its head version (graph included); 404 when it does not exist. */
  async get(id: string): Promise<ProjectDetail> {
    const row = await this.prisma.project.findUnique({
      where: { id },
      include: { headVersion: { include: withAuthor } },
    });
    if (!row) throw notFound('project', id);
    return { ...toProject(row), head: row.headVersion ? toVersion(row.headVersion) : null };
  }

  /** 404 unless the project exists; routes under a project call it first. */
  async assertExists(id: string): Promise<void> {
    if (!(await this.prisma.project.findUnique({ where: { id }, select: { id: true } })))
      throw notFound('project', id);
  }

  /** Creates an empty project (no graph version yet). */
  async create(input: { name: string; description?: string | undefined }, actor: Actor): Promise<Project> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.project.create({
        data: {
          name: input.name,
          description: input.description ?? '',
          createdById: actor.id,
          approvalWaived: this.singleUser,
        },
        include: { headVersion: { select: { number: true } } },
      });
      await this.audit.record(tx, {
        actor,
        action: 'project.create',
        targetType: 'project',
        targetId: row.id,
        projectId: row.id,
        changes: [`created project "${row.name}"`],
      });
      return toProject(row);
    });
  }

  /** Renames or re-describes a project; a no-op change is not audited. */
  async update(id: string, input: ProjectInput, actor: Actor): Promise<Project> {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.project.findUnique({ where: { id } });
      if (!before) throw notFound('project', id);
      const changes: string[] = [];
      if (input.name !== undefined && input.name !== before.name)
        changes.push(`name "${before.name}" -> "${input.name}"`);
      if (input.description !== undefined && input.description !== before.description) {
        changes.push(`description "${before.description}" -> "${input.description}"`);
      }
      if (input.approvalWaived !== undefined && input.approvalWaived !== before.approvalWaived) {
        if (input.approvalWaived && !this.singleUser)
          throw new HttpUserError(
            409,
            'APPROVAL_WAIVER_NOT_ALLOWED',
            'Approval can only be waived in single-user mode (a Studio without sign-in). With several people, every deployment needs a second person to approve it.',
          );
        changes.push(
          input.approvalWaived
            ? 'deployment approval waived (single-user mode)'
            : 'deployment approval required again',
        );
      }
      const row = await tx.project.update({
        where: { id },
        data: changes.length
          ? { name: input.name, description: input.description, approvalWaived: input.approvalWaived }
          : {},
        include: { headVersion: { select: { number: true } } },
      });
      if (changes.length) {
        await this.audit.record(tx, {
          actor,
          action: 'project.update',
          targetType: 'project',
          targetId: id,
          projectId: id,
          changes,
        });
      }
      return toProject(row);
    });
  }

  /** Deletes a project with its versions, datasets and runs; the audit trail keeps the record. */
  async delete(id: string, actor: Actor): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.project.findUnique({
        where: { id },
        include: { headVersion: { select: { hash: true } } },
      });
      if (!before) throw notFound('project', id);
      // Drop the head pointer first so the cascade to versions never meets a row that still points at them.
      await tx.project.update({ where: { id }, data: { headVersionId: null } });
      await tx.project.delete({ where: { id } });
      await this.audit.record(tx, {
        actor,
        action: 'project.delete',
        targetType: 'project',
        targetId: id,
        projectId: id,
        beforeHash: before.headVersion?.hash ?? null,
        changes: [`deleted project "${before.name}"`],
      });
    });
  }
}

function toProject(row: ProjectWithHead): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    headVersionId: row.headVersionId,
    headVersionNumber: row.headVersion?.number ?? null,
    approvalWaived: row.approvalWaived,
    imported:
      row.importedBundleHash && row.importedSignature
        ? {
            bundleHash: row.importedBundleHash,
            signature: row.importedSignature as BundleSignatureStatus,
            signer: row.importedSigner,
          }
        : null,
  };
}
