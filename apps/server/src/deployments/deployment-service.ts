import { createHash } from 'node:crypto';
import type { Actor, DeployBody, Deployment, UpdateDeploymentBody } from '@studio/api';
import { loadQuantizedModel } from '@studio/engine';
import { decodePipelineArtifact } from '@studio/pipeline';
import { readFile } from 'node:fs/promises';
import type { AuditLog } from '../audit/audit-log';
import type { BlobStore } from '../datasets/blob-store';
import type { StudioPrisma } from '../db/prisma-client';
import type { JsonInput, Tx } from '../db/prisma-types';
import type { Deployment as DeploymentRow } from '../generated/sqlite/client.js';
import { HttpUserError, notFound } from '../http-error';
import type { ArtifactStore, StoredArtifact } from '../runs/artifact-store';
import { slugOf, toDeployment } from './deployment-record';
import { inputSchemaOf } from '../serving/input-schema';
import { passingInt8Model } from './int8-guard';
import { exportDeploymentOnnx } from '../serving/onnx-model';
import type { ServingRegistry } from '../serving/serving-registry';
import type { ValidationService } from '../validation/validation-service';

type DeployAction = 'deployment.promote' | 'deployment.rollback';

/** Deployments: versions of a slug created from trained runs, promoted, rolled back and undeployed. */
export class DeploymentService {
  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
    private readonly blobs: BlobStore,
    private readonly registry: ServingRegistry,
    private readonly artifacts: ArtifactStore,
    /** Findings gate and model document (issue #14); absent in tests that build the service alone. */
    private readonly validation?: Pick<ValidationService, 'assertDeployable' | 'ensureDocument'>,
  ) {}

  /**
   * Deploys a succeeded run as the next version of a slug (default the project's name); 409 when the run
   * has not trained a model. The input schema comes from the run's dataset: every column but the target.
   * The onnx runtime exports the model with its preprocessing to ONNX here, stored as the run's `onnx` artifact.
   * `precision: 'int8'` serves the Quantize node's INT8 file (native) or an INT8 QDQ export with the same
   * activation scales (onnx); 409 when the run has none or its AUC drop failed the node's guard.
   */
  async deploy(runId: string, body: DeployBody, actor: Actor): Promise<Deployment> {
    const run = await this.prisma.run.findUnique({
      where: { id: runId },
      include: { artifacts: true, project: { select: { name: true } }, dataset: true },
    });
    if (!run) throw notFound('run', runId);
    if (run.status !== 'succeeded')
      throw new HttpUserError(
        409,
        'RUN_NOT_TRAINED',
        `This run has status "${run.status}", so there is no trained model to deploy. Deploy a run that succeeded.`,
      );
    assertTrusted(run);
    // An open high-severity validation finding blocks the request; the document the approver reads is fixed here.
    await this.validation?.assertDeployable(runId);
    const document = (await this.validation?.ensureDocument(runId)) ?? null;
    const nodeOf = (a: { metadata: unknown }) => (a.metadata as { modelNodeId?: string } | null)?.modelNodeId;
    const transforms = run.artifacts.find(
      (a) => a.kind === 'transforms' && (body.modelNodeId === undefined || nodeOf(a) === body.modelNodeId),
    );
    const weights =
      transforms && run.artifacts.find((a) => a.kind === 'weights' && nodeOf(a) === nodeOf(transforms));
    if (!transforms || !weights)
      throw new HttpUserError(
        409,
        'MODEL_NOT_FOUND',
        body.modelNodeId
          ? `Run ${runId} has no trained model at node "${body.modelNodeId}". Pick a model node the run trained.`
          : `Run ${runId} stored no model files. Retrain the graph, then deploy.`,
      );
    if (!run.dataset)
      throw new HttpUserError(
        409,
        'DATASET_DELETED',
        "The run's dataset was deleted, so the input schema cannot be derived. Retrain on a current dataset.",
      );
    const precision = body.precision ?? 'fp32';
    const int8 = precision === 'int8' ? passingInt8Model(run, nodeOf(transforms) ?? '') : null;
    const transformBytes = await readFile(this.blobs.pathOf(transforms.sha256));
    const pipeline = decodePipelineArtifact(transformBytes);
    const inputSchema = await inputSchemaOf(this.blobs.pathOf(run.dataset.sha256), pipeline);
    const runtime = body.runtime ?? 'native';
    // A Gradient Boosting deployment on the onnx runtime: ONNX Runtime scores the exported TreeEnsembleClassifier;
    // the reason codes come from the engine's TreeSHAP on the run's weights at the same node (serving-registry).
    const onnx =
      runtime === 'onnx'
        ? await this.artifacts.write(
            exportDeploymentOnnx(
              inputSchema,
              transformBytes,
              await readFile(this.blobs.pathOf(weights.sha256)),
              int8 ? await this.activationScales(int8.artifact.sha256) : undefined,
            ),
          )
        : null;
    const engineWeights = int8?.artifact ?? weights;
    const slug = body.slug ?? slugOf(run.project.name);
    const promote = body.promote ?? true;
    const artifactHash = createHash('sha256')
      .update(`${transforms.sha256}:${onnx?.sha256 ?? engineWeights.sha256}`)
      .digest('hex');
    const row = await this.createVersion(async (tx) => {
      const served = onnx
        ? ((await tx.modelArtifact.findFirst({
            where: { runId: run.id, kind: 'onnx', sha256: onnx.sha256 },
          })) ??
          (await tx.modelArtifact.create({
            data: {
              projectId: run.projectId,
              runId: run.id,
              kind: 'onnx',
              sha256: onnx.sha256,
              sizeBytes: onnx.sizeBytes,
              metadata: { modelNodeId: pipeline.modelNodeId, precision },
            },
          })))
        : engineWeights;
      const other = await tx.deployment.findFirst({
        where: { slug, projectId: { not: run.projectId } },
        select: { id: true },
      });
      if (other)
        throw new HttpUserError(
          409,
          'SLUG_TAKEN',
          `The slug "${slug}" is used by another project's deployment. Choose another slug.`,
        );
      // A slug is never reused across projects, even after its project is deleted: its API keys and its
      // prediction log must not carry over to a newcomer that takes the name.
      const ownIds = (
        await tx.deployment.findMany({ where: { slug, projectId: run.projectId }, select: { id: true } })
      ).map((d) => d.id);
      const keyElsewhere = await tx.deploymentKey.findFirst({
        where: { slug, projectId: { not: run.projectId } },
        select: { id: true },
      });
      const logElsewhere = keyElsewhere
        ? null
        : await tx.predictionLog.findFirst({
            where: { slug, deploymentId: { notIn: ownIds } },
            select: { id: true },
          });
      if (keyElsewhere || logElsewhere)
        throw new HttpUserError(
          409,
          'SLUG_TAKEN',
          `The slug "${slug}" was used by another (possibly deleted) project; slugs are never reused, so its API keys and statistics cannot carry over. Choose another slug.`,
        );
      const last = await tx.deployment.findFirst({ where: { slug }, orderBy: { version: 'desc' } });
      const version = (last?.version ?? 0) + 1;
      if (promote)
        await tx.deployment.updateMany({ where: { slug, status: 'active' }, data: { status: 'retired' } });
      const created = await tx.deployment.create({
        data: {
          projectId: run.projectId,
          slug,
          version,
          artifactId: served.id,
          transformsArtifactId: transforms.id,
          artifactHash,
          runtime,
          status: promote ? 'active' : 'pending',
          runId: run.id,
          name: `${run.project.name} (${pipeline.modelKind} ${pipeline.modelNodeId})`,
          inputSchema: inputSchema as unknown as JsonInput,
          logSampleRate: body.logSampleRate ?? 1,
          strict: body.strict ?? false,
          metrics: {
            precision,
            quantization: int8?.report ?? null,
            documentSha256: document?.sha256 ?? null,
          } as unknown as JsonInput,
          promotedAt: promote ? new Date() : null,
          createdById: actor.id,
        },
      });
      await this.audit.record(tx, {
        actor,
        action: 'deployment.deploy',
        targetType: 'deployment',
        targetId: created.id,
        projectId: run.projectId,
        afterHash: artifactHash,
        changes: [
          `deployed run ${run.id} as ${slug} v${version} (${promote ? 'serving' : 'pending'}), ${runtime} runtime, ${precision}${body.strict ? ', strict input checking' : ''}`,
          ...(int8
            ? [`INT8 AUC drop ${int8.report.aucDrop.toFixed(4)} within maxAucDrop ${int8.report.maxAucDrop}`]
            : []),
          ...(document ? [`model document sha256 ${document.sha256}`] : []),
        ],
      });
      return created;
    }, onnx);
    this.registry.invalidate(slug);
    return toDeployment(row);
  }

  /** The activation scales stored in an INT8 model file, for the INT8 ONNX export. */
  private async activationScales(sha256: string): Promise<number[]> {
    const model = loadQuantizedModel(await readFile(this.blobs.pathOf(sha256)));
    try {
      return model.activationScales();
    } finally {
      model.dispose();
    }
  }

  /** Runs the version's transaction; an ONNX file this deploy stored and nothing refers to is removed on failure. */
  private async createVersion<T>(work: (tx: Tx) => Promise<T>, onnx: StoredArtifact | null): Promise<T> {
    try {
      return await this.prisma.$transaction(work);
    } catch (e) {
      if (onnx?.created && (await this.prisma.modelArtifact.count({ where: { sha256: onnx.sha256 } })) === 0)
        await this.artifacts.remove(onnx.sha256);
      throw e;
    }
  }

  /** The project's deployments (every version), newest first. */
  async list(projectId: string): Promise<Deployment[]> {
    const rows = await this.prisma.deployment.findMany({
      where: { projectId },
      orderBy: [{ slug: 'asc' }, { version: 'desc' }],
    });
    return rows.map(toDeployment);
  }

  /** One deployment version; 404 when absent. */
  async get(id: string): Promise<Deployment> {
    return toDeployment(await this.row(id));
  }

  /** The row of one version; 404 when absent. */
  async row(id: string): Promise<DeploymentRow> {
    const row = await this.prisma.deployment.findUnique({ where: { id } });
    if (!row) throw notFound('deployment', id);
    return row;
  }

  /** Serves this version from now on; the version served before is retired. */
  async promote(id: string, actor: Actor): Promise<Deployment> {
    return this.activate(await this.row(id), actor, 'deployment.promote');
  }

  /**
   * Serves an earlier version of the slug again: `version`, or the newest version older than the one served
   * now. 409 when there is none.
   */
  async rollback(id: string, version: number | undefined, actor: Actor): Promise<Deployment> {
    const row = await this.row(id);
    const active = await this.prisma.deployment.findFirst({ where: { slug: row.slug, status: 'active' } });
    const target = await this.prisma.deployment.findFirst({
      where:
        version === undefined
          ? { slug: row.slug, version: { lt: active?.version ?? Number.MAX_SAFE_INTEGER } }
          : { slug: row.slug, version },
      orderBy: { version: 'desc' },
    });
    if (!target || (active && target.version >= active.version))
      throw new HttpUserError(
        409,
        'NO_EARLIER_VERSION',
        version === undefined
          ? `"${row.slug}" has no version older than the one it serves; there is nothing to roll back to.`
          : `"${row.slug}" has no version ${version} older than the one it serves (v${active?.version}).`,
      );
    return this.activate(target, actor, 'deployment.rollback');
  }

  /** Changes the settings of one version that may change while it serves (today: strict input checking). */
  async update(id: string, body: UpdateDeploymentBody, actor: Actor): Promise<Deployment> {
    const row = await this.row(id);
    if (body.strict === undefined || body.strict === row.strict) return toDeployment(row);
    const strict = body.strict;
    const updated = await this.prisma.$transaction(async (tx) => {
      const u = await tx.deployment.update({ where: { id }, data: { strict } });
      await this.audit.record(tx, {
        actor,
        action: 'deployment.update',
        targetType: 'deployment',
        targetId: id,
        projectId: row.projectId,
        changes: [`${row.slug} v${row.version}: strict input checking ${strict ? 'on' : 'off'}`],
      });
      return u;
    });
    this.registry.invalidate(row.slug);
    return toDeployment(updated);
  }

  /** Stops serving the slug: every version is retired; predictions answer 404 until a version is promoted. */
  async undeploy(id: string, actor: Actor): Promise<Deployment> {
    const row = await this.row(id);
    const updated = await this.prisma.$transaction(async (tx) => {
      const moved = await tx.deployment.updateMany({
        where: { slug: row.slug, status: { in: ['active', 'pending'] } },
        data: { status: 'retired' },
      });
      if (moved.count === 0)
        throw new HttpUserError(409, 'NOT_DEPLOYED', `"${row.slug}" is not deployed; nothing to undeploy.`);
      await this.audit.record(tx, {
        actor,
        action: 'deployment.undeploy',
        targetType: 'deployment',
        targetId: row.id,
        projectId: row.projectId,
        changes: [`undeployed ${row.slug}`],
      });
      return tx.deployment.findUniqueOrThrow({ where: { id } });
    });
    this.registry.invalidate(row.slug);
    return toDeployment(updated);
  }

  private async activate(row: DeploymentRow, actor: Actor, action: DeployAction): Promise<Deployment> {
    const updated = await this.prisma.$transaction(async (tx) => {
      const before = await tx.deployment.findFirst({ where: { slug: row.slug, status: 'active' } });
      await tx.deployment.updateMany({
        where: { slug: row.slug, status: 'active' },
        data: { status: 'retired' },
      });
      const u = await tx.deployment.update({
        where: { id: row.id },
        data: { status: 'active', promotedAt: new Date() },
      });
      await this.audit.record(tx, {
        actor,
        action,
        targetType: 'deployment',
        targetId: row.id,
        projectId: row.projectId,
        beforeHash: before?.artifactHash ?? null,
        afterHash: row.artifactHash,
        changes: [`${row.slug}: serving v${row.version}${before ? ` (was v${before.version})` : ''}`],
      });
      return u;
    });
    this.registry.invalidate(row.slug);
    return toDeployment(updated);
  }
}

/** 409 RUN_UNTRUSTED for a run whose metrics came from a bundle this Studio cannot vouch for. */
export function assertTrusted(run: { id: string; untrusted: string | null }): void {
  if (run.untrusted)
    throw new HttpUserError(
      409,
      'RUN_UNTRUSTED',
      `Run ${run.id} cannot be deployed: ${run.untrusted}. Its metrics are not verified; retrain the graph here ` +
        'and deploy the new run.',
      { reason: run.untrusted },
    );
}
