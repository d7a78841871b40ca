import type { FastifyInstance } from 'fastify';
import { ACTIVE_STATUSES, type Person } from '@studio/api';
import { notFound } from '../http-error';

/** What deleting a project did, as the audit event lists it. */
export interface DeletionReport {
  runsCancelled: number;
  jobsCancelled: number;
  slugsUndeployed: string[];
  keysRevoked: number;
  blobsRemoved: number;
}

/**
 * Deletes a project in one audited step: its active runs and jobs are stopped, its deployments stop serving,
 * its deployment keys are revoked (kept, revoked, so a later project on the same slug inherits nothing), every
 * row of it goes, and one `project.delete` event lists all of that. Stored files (content-addressed) are
 * removed after the commit, only those no other project's dataset or artifact still names.
 */
export async function deleteProjectCascade(
  app: FastifyInstance,
  projectId: string,
  actor: Person,
): Promise<DeletionReport> {
  const project = await app.prisma.project.findUnique({
    where: { id: projectId },
    include: {
      headVersion: { select: { hash: true } },
      datasets: { select: { sha256: true } },
      artifacts: { select: { sha256: true } },
    },
  });
  if (!project) throw notFound('project', projectId);

  // Stop training first: the worker aborts and records the run as cancelled before its rows go.
  const active = await app.prisma.run.findMany({
    where: { projectId, status: { in: [...ACTIVE_STATUSES] } },
    select: { id: true },
  });
  for (const run of active) await app.runs.stopForDeletion(run.id);
  // Its queued and running jobs (exports, scoring) too: their holders stop and record them as cancelled.
  const jobsCancelled = await app.jobs.stopForDeletion(projectId);

  const blobs = new Set([...project.datasets, ...project.artifacts].map((b) => b.sha256));
  const { slugs, keysRevoked } = await app.prisma.$transaction(async (tx) => {
    const served = await tx.deployment.findMany({
      where: { projectId, status: { in: ['active', 'pending'] } },
      select: { slug: true, version: true, status: true },
      orderBy: [{ slug: 'asc' }, { version: 'asc' }],
    });
    await tx.deployment.updateMany({
      where: { projectId, status: { in: ['active', 'pending'] } },
      data: { status: 'retired' },
    });
    const keys = await tx.deploymentKey.updateMany({
      where: { projectId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    // Drop the head pointer first so the cascade to versions never meets a row that still points at them.
    await tx.project.update({ where: { id: projectId }, data: { headVersionId: null } });
    await tx.project.delete({ where: { id: projectId } });
    const slugList = [...new Set(served.map((d) => d.slug))];
    const changes = [
      `deleted project "${project.name}"`,
      `${active.length} active run${active.length === 1 ? '' : 's'} cancelled`,
      ...(jobsCancelled ? [`${jobsCancelled} active job${jobsCancelled === 1 ? '' : 's'} cancelled`] : []),
      slugList.length ? `undeployed ${slugList.join(', ')}` : 'nothing was deployed',
      `${keys.count} deployment key${keys.count === 1 ? '' : 's'} revoked`,
    ];
    await app.audit.record(tx, {
      actor,
      action: 'project.delete',
      targetType: 'project',
      targetId: projectId,
      projectId,
      beforeHash: project.headVersion?.hash ?? null,
      summary:
        `${actor.name} deleted project "${project.name}": ${changes.slice(1).join(', ')}, ` +
        `and its stored files no other project uses were removed`,
      changes,
    });
    return { slugs: slugList, keysRevoked: keys.count };
  });
  for (const slug of slugs) app.serving.registry.invalidate(slug);

  let blobsRemoved = 0;
  for (const sha256 of blobs) {
    const used =
      (await app.prisma.dataset.count({ where: { sha256 } })) +
      (await app.prisma.modelArtifact.count({ where: { sha256 } }));
    if (used > 0) continue;
    await app.datasets.blobs.remove(sha256);
    blobsRemoved += 1;
  }
  return { runsCancelled: active.length, jobsCancelled, slugsUndeployed: slugs, keysRevoked, blobsRemoved };
}
