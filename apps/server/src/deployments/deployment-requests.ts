import {
  can,
  deployBodySchema,
  type Actor,
  type DeployBody,
  type Deployment,
  type DeploymentRequest,
  type Person,
} from '@studio/api';
import type { AuditLog } from '../audit/audit-log';
import type { StudioPrisma } from '../db/prisma-client';
import type { JsonInput } from '../db/prisma-types';
import type { GraphService } from '../graphs/graph-service';
import { HttpUserError, notFound } from '../http-error';
import { factsOf } from '../runs/run-json';
import type { ValidationService } from '../validation/validation-service';
import { slugOf } from './deployment-record';
import { assertTrusted, type DeploymentService } from './deployment-service';

type RequestRow = NonNullable<Awaited<ReturnType<StudioPrisma['deploymentRequest']['findUnique']>>>;

/** What `POST /api/runs/:runId/deploy` did: deployed at once (approval waived) or asked for approval. */
export type DeployOutcome =
  { kind: 'deployed'; deployment: Deployment } | { kind: 'requested'; request: DeploymentRequest };

/**
 * Four-eyes deployment: a deploy becomes a request that goes live only when an approver other than the
 * requester and other than the author of the graph version approves it, with a comment. A project may waive
 * approval only while the Studio runs in single-user mode (no sign-in).
 */
export class DeploymentRequestService {
  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
    private readonly deployments: DeploymentService,
    private readonly graphs: GraphService,
    private readonly singleUser: boolean,
    /** Findings gate and model document (issue #14); absent in tests that build the service alone. */
    private readonly validation?: Pick<ValidationService, 'assertDeployable' | 'ensureDocument'>,
  ) {}

  async deployOrRequest(
    runId: string,
    body: DeployBody & { note?: string | undefined },
    actor: Actor,
  ): Promise<DeployOutcome> {
    const run = await this.prisma.run.findUnique({
      where: { id: runId },
      include: { project: true, graphVersion: { include: { author: true } } },
    });
    if (!run) throw notFound('run', runId);
    if (run.project.approvalWaived && this.singleUser) {
      const { note: _note, ...deployBody } = body;
      return { kind: 'deployed', deployment: await this.deployments.deploy(runId, deployBody, actor) };
    }
    if (run.status !== 'succeeded')
      throw new HttpUserError(
        409,
        'RUN_NOT_TRAINED',
        `This run has status "${run.status}", so there is no trained model to deploy. Deploy a run that succeeded.`,
      );
    assertTrusted(run);
    // An open high-severity finding blocks the request; the document the approver reads is fixed here.
    await this.validation?.assertDeployable(runId);
    const document = (await this.validation?.ensureDocument(runId)) ?? null;
    const slug = body.slug ?? slugOf(run.project.name);
    const other = await this.prisma.deployment.findFirst({
      where: { slug, projectId: { not: run.projectId } },
      select: { id: true },
    });
    if (other)
      throw new HttpUserError(
        409,
        'SLUG_TAKEN',
        `The slug "${slug}" is used by another project's deployment. Choose another slug.`,
      );
    const { note, ...rest } = body;
    const options = deployBodySchema.parse({ ...rest, slug });
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.deploymentRequest.create({
        data: {
          projectId: run.projectId,
          runId,
          slug,
          options: options as unknown as JsonInput,
          graphVersionId: run.graphVersionId,
          graphAuthorId: run.graphVersion.authorId,
          documentHash: document?.sha256 ?? null,
          note: note ?? '',
          requestedById: actor.id,
          requestedByName: actor.name,
        },
      });
      await this.audit.record(tx, {
        actor,
        action: 'deployment.request',
        targetType: 'deploymentRequest',
        targetId: created.id,
        projectId: run.projectId,
        summary:
          `${actor.name} requested deployment of "${run.project.name}" (graph v${run.graphVersion.number} by ` +
          `${run.graphVersion.author.name}) as ${slug}; it goes live once another person approves it`,
        changes: [
          `run ${runId} as ${slug}, ${options.runtime} runtime, ${options.precision}`,
          ...(document ? [`model document sha256 ${document.sha256}`] : []),
          ...(note ? [note] : []),
        ],
      });
      return created;
    });
    return { kind: 'requested', request: await this.toDto(row, actor) };
  }

  async list(projectId: string, actor: Actor): Promise<DeploymentRequest[]> {
    const rows = await this.prisma.deploymentRequest.findMany({
      where: { projectId },
      orderBy: { createdAt: 'desc' },
    });
    return Promise.all(rows.map((r) => this.toDto(r, actor)));
  }

  async get(id: string, actor: Actor): Promise<DeploymentRequest> {
    return this.toDto(await this.row(id), actor);
  }

  /** Approves with a comment: the version is created and served (or kept pending if the request said so). */
  async approve(id: string, comment: string, actor: Actor): Promise<DeploymentRequest> {
    const row = await this.row(id);
    this.assertMayDecide(row, actor);
    // A high-severity finding opened after the request blocks approving it too (deploy checks again).
    await this.validation?.assertDeployable(row.runId);
    // Claim the request first, so two approvers cannot both deploy it.
    const claimed = await this.prisma.deploymentRequest.updateMany({
      where: { id, status: 'pending' },
      data: {
        status: 'approved',
        decidedById: actor.id,
        decidedByName: actor.name,
        decisionComment: comment,
        decidedAt: new Date(),
      },
    });
    if (claimed.count === 0) throw notPending(row.status);
    let deployment: Deployment;
    try {
      deployment = await this.deployments.deploy(row.runId, deployBodySchema.parse(row.options), actor);
    } catch (e) {
      await this.prisma.deploymentRequest.update({
        where: { id },
        data: {
          status: 'pending',
          decidedById: null,
          decidedByName: null,
          decisionComment: null,
          decidedAt: null,
        },
      });
      throw e;
    }
    const updated = await this.prisma.$transaction(async (tx) => {
      const u = await tx.deploymentRequest.update({ where: { id }, data: { deploymentId: deployment.id } });
      await this.audit.record(tx, {
        actor,
        action: 'deployment.approve',
        targetType: 'deploymentRequest',
        targetId: id,
        projectId: row.projectId,
        afterHash: deployment.artifactHash,
        summary:
          `${actor.name} approved ${row.requestedByName}'s request to deploy ${row.slug}: ` +
          `v${deployment.version} is ${deployment.status === 'active' ? 'live' : 'pending promotion'}`,
        changes: [
          `comment: ${comment}`,
          `deployed ${row.slug} v${deployment.version}`,
          ...(row.documentHash ? [`model document sha256 ${row.documentHash}`] : []),
        ],
      });
      return u;
    });
    return this.toDto(updated, actor);
  }

  async reject(id: string, reason: string, actor: Actor): Promise<DeploymentRequest> {
    const row = await this.row(id);
    this.assertMayDecide(row, actor);
    const updated = await this.prisma.$transaction(async (tx) => {
      const moved = await tx.deploymentRequest.updateMany({
        where: { id, status: 'pending' },
        data: {
          status: 'rejected',
          decidedById: actor.id,
          decidedByName: actor.name,
          decisionComment: reason,
          decidedAt: new Date(),
        },
      });
      if (moved.count === 0) throw notPending(row.status);
      await this.audit.record(tx, {
        actor,
        action: 'deployment.reject',
        targetType: 'deploymentRequest',
        targetId: id,
        projectId: row.projectId,
        summary: `${actor.name} rejected ${row.requestedByName}'s request to deploy ${row.slug}: ${reason}`,
        changes: [`reasons: ${reason}`],
      });
      return tx.deploymentRequest.findUniqueOrThrow({ where: { id } });
    });
    return this.toDto(updated, actor);
  }

  /** Why `actor` may not approve or reject this request; null when they may. */
  private refusal(
    row: RequestRow,
    actor: Actor,
  ): {
    status: number;
    code: 'FORBIDDEN' | 'APPROVAL_BY_REQUESTER' | 'APPROVAL_BY_AUTHOR' | 'REQUEST_NOT_PENDING';
    message: string;
  } | null {
    if (row.status !== 'pending')
      return { status: 409, code: 'REQUEST_NOT_PENDING', message: `This request was already ${row.status}.` };
    if (!can(actor.role, 'approveDeployment'))
      return {
        status: 403,
        code: 'FORBIDDEN',
        message: `Your role (${actor.role}) may not approve deployments; ask an approver.`,
      };
    if (actor.id === row.requestedById)
      return {
        status: 403,
        code: 'APPROVAL_BY_REQUESTER',
        message:
          'You requested this deployment, so you cannot approve or reject it: a second person must (four eyes).',
      };
    if (actor.id === row.graphAuthorId)
      return {
        status: 403,
        code: 'APPROVAL_BY_AUTHOR',
        message:
          'You wrote the graph version this request deploys, so you cannot approve or reject it: a second person must (four eyes).',
      };
    return null;
  }

  private assertMayDecide(row: RequestRow, actor: Actor): void {
    const r = this.refusal(row, actor);
    if (r) throw new HttpUserError(r.status, r.code, r.message);
  }

  private async row(id: string): Promise<RequestRow> {
    const row = await this.prisma.deploymentRequest.findUnique({ where: { id } });
    if (!row) throw notFound('request', id);
    return row;
  }

  private async toDto(row: RequestRow, actor: Actor): Promise<DeploymentRequest> {
    const [project, run, version, author] = await Promise.all([
      this.prisma.project.findUnique({ where: { id: row.projectId }, select: { name: true } }),
      this.prisma.run.findUnique({ where: { id: row.runId }, include: { dataset: true } }),
      this.prisma.graphVersion.findUnique({ where: { id: row.graphVersionId }, select: { number: true } }),
      this.prisma.user.findUnique({ where: { id: row.graphAuthorId }, select: { id: true, name: true } }),
    ]);
    const options = deployBodySchema.parse(row.options);
    const evaluation = run ? factsOf(run).evaluation : null;
    const live = await this.prisma.deployment.findFirst({ where: { slug: row.slug, status: 'active' } });
    const liveRun = live?.runId
      ? await this.prisma.run.findUnique({
          where: { id: live.runId },
          select: { graphVersionId: true, projectId: true, graphVersion: { select: { number: true } } },
        })
      : null;
    let graphChanges: DeploymentRequest['graphChanges'] = [];
    if (!liveRun)
      graphChanges = [
        { type: 'first', description: `first deployment of ${row.slug}: the whole graph is new` },
      ];
    else if (liveRun.projectId === row.projectId && liveRun.graphVersionId !== row.graphVersionId)
      graphChanges = (await this.graphs.diff(row.projectId, liveRun.graphVersionId, row.graphVersionId))
        .changes;
    const refusal = this.refusal(row, actor);
    const requestedBy: Person = { id: row.requestedById, name: row.requestedByName };
    return {
      id: row.id,
      projectId: row.projectId,
      projectName: project?.name ?? '',
      runId: row.runId,
      slug: row.slug,
      runtime: options.runtime,
      precision: options.precision,
      status: row.status === 'approved' || row.status === 'rejected' ? row.status : 'pending',
      note: row.note,
      requestedBy,
      graphVersionId: row.graphVersionId,
      graphVersionNumber: version?.number ?? null,
      graphAuthor: author ?? { id: row.graphAuthorId, name: row.graphAuthorId },
      documentHash: row.documentHash,
      createdAt: row.createdAt.toISOString(),
      decidedBy: row.decidedById ? { id: row.decidedById, name: row.decidedByName ?? '' } : null,
      decisionComment: row.decisionComment,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      deploymentId: row.deploymentId,
      evaluation: evaluation
        ? {
            auc: evaluation.auc,
            gini: evaluation.gini,
            ks: evaluation.ks,
            brier: evaluation.brier,
            rows: evaluation.rows,
          }
        : null,
      dataset: run?.dataset
        ? { name: run.dataset.name, sha256: run.dataset.sha256, rowCount: run.dataset.rowCount }
        : null,
      live: live ? { version: live.version, graphVersionNumber: liveRun?.graphVersion.number ?? null } : null,
      graphChanges,
      canDecide: { allowed: refusal === null, reason: refusal?.message ?? null },
    };
  }
}

function notPending(status: string): HttpUserError {
  return new HttpUserError(
    409,
    'REQUEST_NOT_PENDING',
    `This request was already ${status}; it cannot be decided again.`,
  );
}
