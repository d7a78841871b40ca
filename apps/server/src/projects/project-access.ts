import type { FastifyRequest } from 'fastify';
import {
  canInProject,
  projectAccessOf,
  projectDeniedReason,
  projectRoleSchema,
  type Actor,
  type Permission,
  type ProjectAccess,
  type ProjectRole,
} from '@studio/api';
import type { StudioPrisma } from '../db/prisma-client';
import { HttpUserError, notFound } from '../http-error';

/** A project-scoped record named by a route parameter, and how to say it does not exist. */
interface Scoped {
  projectId: string;
  /** The 404 a non-member gets: the same as for a record that does not exist. */
  missing: () => HttpUserError;
}

const findingMissing = (id: string) =>
  new HttpUserError(404, 'FINDING_NOT_FOUND', `no finding with id "${id}"; it may have been deleted`);

/**
 * The project a request's parameters point into (`projectId`, or the project of the dataset, run, deployment,
 * deployment request or finding they name); null when they name none, or a record that does not exist (the
 * route answers its own 404 then).
 */
export async function scopedProject(
  prisma: StudioPrisma,
  params: Record<string, string | undefined>,
): Promise<Scoped | null> {
  const { projectId, datasetId, runId, deploymentId, requestId, findingId, jobId } = params;
  if (projectId) {
    const p = await prisma.project.findUnique({ where: { id: projectId }, select: { id: true } });
    return p ? { projectId: p.id, missing: () => notFound('project', projectId) } : null;
  }
  if (datasetId) {
    const d = await prisma.dataset.findUnique({ where: { id: datasetId }, select: { projectId: true } });
    return d ? { projectId: d.projectId, missing: () => notFound('dataset', datasetId) } : null;
  }
  if (runId) {
    const r = await prisma.run.findUnique({ where: { id: runId }, select: { projectId: true } });
    return r ? { projectId: r.projectId, missing: () => notFound('run', runId) } : null;
  }
  if (deploymentId) {
    const d = await prisma.deployment.findUnique({
      where: { id: deploymentId },
      select: { projectId: true },
    });
    return d ? { projectId: d.projectId, missing: () => notFound('deployment', deploymentId) } : null;
  }
  if (requestId) {
    const r = await prisma.deploymentRequest.findUnique({
      where: { id: requestId },
      select: { projectId: true },
    });
    return r ? { projectId: r.projectId, missing: () => notFound('request', requestId) } : null;
  }
  if (findingId) {
    const f = await prisma.runFinding.findUnique({
      where: { id: findingId },
      select: { run: { select: { projectId: true } } },
    });
    return f ? { projectId: f.run.projectId, missing: () => findingMissing(findingId) } : null;
  }
  if (jobId) {
    // A job names its project (an export's, or an import's once it made one); one without is its creator's.
    const j = await prisma.job.findUnique({ where: { id: jobId }, select: { projectId: true } });
    return j?.projectId ? { projectId: j.projectId, missing: () => notFound('job', jobId) } : null;
  }
  return null;
}

/**
 * Projects the user may see without oversight: made by them, shared with them, or open (made by nobody who
 * signs in, such as the seeded demo, and without members yet).
 */
export function visibleTo(userId: string) {
  return {
    OR: [
      { createdById: userId },
      { members: { some: { userId } } },
      { createdBy: { username: null }, members: { none: {} } },
    ],
  };
}

/**
 * The ids of the projects an actor sees without oversight, or undefined when they see every project (validators,
 * approvers and admins, and requests with no signed-in actor): for lists that span projects (audit, library).
 */
export async function visibleProjectIds(
  prisma: StudioPrisma,
  actor: Actor | undefined,
): Promise<string[] | undefined> {
  if (!actor || projectAccessOf(actor.role, null) === 'oversight') return undefined;
  const rows = await prisma.project.findMany({ where: visibleTo(actor.id), select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * The user's membership role in a project: owner when they created it, else their row's role; `open` when
 * nobody who signs in made it and it has no members; else null.
 */
export async function membershipOf(
  prisma: StudioPrisma,
  projectId: string,
  userId: string,
): Promise<ProjectRole | 'open' | null> {
  const project = await prisma.project.findUnique({
    where: { id: projectId },
    select: {
      createdById: true,
      createdBy: { select: { username: true } },
      members: { where: { userId }, select: { role: true } },
      _count: { select: { members: true } },
    },
  });
  if (!project) return null;
  if (project.createdById === userId) return 'owner';
  const row = project.members[0];
  if (!row) return project.createdBy.username === null && project._count.members === 0 ? 'open' : null;
  const parsed = projectRoleSchema.safeParse(row.role);
  return parsed.success ? parsed.data : 'viewer';
}

/** The actor's access to a project: `oversight` for validators, approvers and admins, else their membership. */
export async function accessOf(
  prisma: StudioPrisma,
  projectId: string,
  actor: Actor,
): Promise<ProjectAccess> {
  const membership = await membershipOf(prisma, projectId, actor.id);
  return projectAccessOf(actor.role, membership);
}

/**
 * Enforces project membership on a request whose route needs `permission`: a viewer or analyst who is not a
 * member gets the same 404 as for a record that does not exist; a member whose project role does not allow the
 * permission gets 403 with the reason. Requests that name no project pass (the global role was checked).
 */
export async function assertProjectAccess(
  prisma: StudioPrisma,
  request: FastifyRequest,
  permission: Permission,
): Promise<void> {
  const actor = request.actor;
  if (!actor) return;
  if (projectAccessOf(actor.role, null) === 'oversight') return;
  const scoped = await scopedProject(prisma, (request.params ?? {}) as Record<string, string | undefined>);
  if (!scoped) return;
  const access = await accessOf(prisma, scoped.projectId, actor);
  if (access === null) throw scoped.missing();
  if (!canInProject(actor.role, access, permission))
    throw new HttpUserError(
      403,
      'FORBIDDEN',
      projectDeniedReason(actor.role, access, permission)!,
      {},
      { permission, projectRole: access },
    );
}
