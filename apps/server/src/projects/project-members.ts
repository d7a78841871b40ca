import { projectRoleSchema, type Actor, type ProjectMembers, type ProjectRole } from '@studio/api';
import type { AuditLog } from '../audit/audit-log';
import type { StudioPrisma } from '../db/prisma-client';
import { asRole } from '../auth/auth-service';
import { HttpUserError, notFound } from '../http-error';
import { accessOf } from './project-access';

const creatorFixed = (name: string) =>
  new HttpUserError(
    409,
    'PROJECT_CREATOR',
    `${name} created this project and stays its owner; add another owner instead`,
  );

/** A project's members (the creator first, as owner) and changes to them, each audited with names. */
export class ProjectMembersService {
  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
  ) {}

  async list(projectId: string, actor: Actor): Promise<ProjectMembers> {
    const project = await this.prisma.project.findUnique({
      where: { id: projectId },
      include: { createdBy: true, members: { include: { user: true }, orderBy: { createdAt: 'asc' } } },
    });
    if (!project) throw notFound('project', projectId);
    const creator = project.createdBy;
    const members = [
      {
        userId: creator.id,
        username: creator.username,
        name: creator.name,
        globalRole: asRole(creator.role),
        role: 'owner' as const,
        creator: true,
      },
      ...project.members
        .filter((m) => m.userId !== creator.id)
        .map((m) => ({
          userId: m.userId,
          username: m.user.username,
          name: m.user.name,
          globalRole: asRole(m.user.role),
          role: parseRole(m.role),
          creator: false,
        })),
    ];
    return { members, myAccess: await accessOf(this.prisma, projectId, actor) };
  }

  /** Adds `username` with `role`, or changes the role of a member already there. */
  async add(projectId: string, username: string, role: ProjectRole, actor: Actor): Promise<ProjectMembers> {
    const user = await this.prisma.user.findUnique({ where: { username: username.trim().toLowerCase() } });
    if (!user || user.disabled)
      throw new HttpUserError(
        404,
        'USER_NOT_FOUND',
        `no enabled user named "${username}"; an admin can create the account first`,
      );
    await this.prisma.$transaction(async (tx) => {
      const project = await tx.project.findUnique({ where: { id: projectId } });
      if (!project) throw notFound('project', projectId);
      if (project.createdById === user.id) throw creatorFixed(user.name);
      const before = await tx.projectMember.findUnique({
        where: { projectId_userId: { projectId, userId: user.id } },
      });
      if (before?.role === role) return;
      await tx.projectMember.upsert({
        where: { projectId_userId: { projectId, userId: user.id } },
        create: { projectId, userId: user.id, role, addedById: actor.id },
        update: { role },
      });
      await this.audit.record(tx, {
        actor,
        action: before ? 'project.member.update' : 'project.member.add',
        targetType: 'project',
        targetId: projectId,
        projectId,
        changes: [
          before
            ? `${user.name} (${user.username}) is now ${role} of project "${project.name}" (was ${before.role})`
            : `${user.name} (${user.username}) added to project "${project.name}" as ${role}`,
        ],
      });
    });
    return this.list(projectId, actor);
  }

  async update(projectId: string, userId: string, role: ProjectRole, actor: Actor): Promise<ProjectMembers> {
    const row = await this.memberOrThrow(projectId, userId);
    return this.add(projectId, row.user.username ?? row.userId, role, actor);
  }

  async remove(projectId: string, userId: string, actor: Actor): Promise<ProjectMembers> {
    const row = await this.memberOrThrow(projectId, userId);
    await this.prisma.$transaction(async (tx) => {
      await tx.projectMember.delete({ where: { projectId_userId: { projectId, userId } } });
      await this.audit.record(tx, {
        actor,
        action: 'project.member.remove',
        targetType: 'project',
        targetId: projectId,
        projectId,
        changes: [`${row.user.name} (${row.user.username}) removed from project "${row.project.name}"`],
      });
    });
    return this.list(projectId, actor);
  }

  private async memberOrThrow(projectId: string, userId: string) {
    const project = await this.prisma.project.findUnique({
      where: { id: projectId },
      include: { createdBy: true },
    });
    if (!project) throw notFound('project', projectId);
    if (project.createdById === userId) throw creatorFixed(project.createdBy.name);
    const row = await this.prisma.projectMember.findUnique({
      where: { projectId_userId: { projectId, userId } },
      include: { user: true, project: true },
    });
    if (!row) throw notFound('member', userId);
    return row;
  }
}

function parseRole(value: string): ProjectRole {
  const parsed = projectRoleSchema.safeParse(value);
  return parsed.success ? parsed.data : 'viewer';
}
