import { readFile } from 'node:fs/promises';
import type { InputField } from '@studio/api';
import { decodePipelineArtifact } from '@studio/pipeline';
import type { BlobStore } from '../datasets/blob-store';
import { LOOKUP_TIMEOUT_MS, withDeadline } from '../db/deadline';
import type { StudioPrisma } from '../db/prisma-client';
import { HttpUserError } from '../http-error';
import { precisionOf } from './served-precision';
import { LoadedModel, type ModelIdentity } from './loaded-model';
import { OnnxModel } from './onnx-model';
import type { ServedModel } from './served-model';

/** How long a slug's active version is trusted before the database is asked again (other replicas may promote). */
const ACTIVE_TTL_MS = 1000;

/**
 * The models this process serves: each deployment version is loaded once (on first request) and kept;
 * which version a slug serves is cached briefly and dropped at once when this process changes it.
 */
export class ServingRegistry {
  private readonly models = new Map<string, Promise<ServedModel>>();
  /** The same models once loaded, for `cached` (a request that finds everything cached awaits nothing). */
  private readonly loaded = new Map<string, ServedModel>();
  private readonly active = new Map<string, { deploymentId: string; strict: boolean; at: number }>();

  constructor(
    private readonly prisma: StudioPrisma,
    private readonly blobs: BlobStore,
  ) {}

  /**
   * The model a slug serves now; 404 when the slug has no active version. Its strict setting is read with the
   * active version (it may change while the version serves), so every replica follows within the cache's TTL.
   */
  async resolve(slug: string): Promise<ServedModel> {
    let cached = this.active.get(slug);
    if (!cached || Date.now() - cached.at >= ACTIVE_TTL_MS) {
      const row = await withDeadline(
        this.prisma.deployment.findFirst({
          where: { slug, status: 'active' },
          select: { id: true, strict: true },
        }),
        LOOKUP_TIMEOUT_MS,
        'the database',
      );
      if (!row)
        throw new HttpUserError(
          404,
          'DEPLOYMENT_NOT_FOUND',
          `Nothing is deployed at "${slug}". Deploy a trained run or promote a version of this slug.`,
          {},
          { slug },
        );
      cached = { deploymentId: row.id, strict: row.strict, at: Date.now() };
      this.active.set(slug, cached);
    }
    const model = await this.load(cached.deploymentId);
    model.identity.strict = cached.strict;
    return model;
  }

  /**
   * What `resolve` would answer, without awaiting, when the slug's active version is cached and fresh and its
   * model is loaded; otherwise undefined (then `resolve` asks the database or loads the model).
   */
  cached(slug: string): ServedModel | undefined {
    const cached = this.active.get(slug);
    if (!cached || Date.now() - cached.at >= ACTIVE_TTL_MS) return undefined;
    const model = this.loaded.get(cached.deploymentId);
    if (model) model.identity.strict = cached.strict;
    return model;
  }

  /** Forgets which version a slug serves and how strictly (after deploy, promote, rollback, undeploy, update). */
  invalidate(slug: string): void {
    this.active.delete(slug);
  }

  /** Frees every loaded model. */
  async close(): Promise<void> {
    const loaded = await Promise.allSettled(this.models.values());
    for (const m of loaded) if (m.status === 'fulfilled') m.value.dispose();
    this.models.clear();
    this.loaded.clear();
  }

  private load(deploymentId: string): Promise<ServedModel> {
    let model = this.models.get(deploymentId);
    if (!model) {
      model = this.read(deploymentId);
      this.models.set(deploymentId, model);
      // A failed load is not cached: the next request tries again.
      model.then(
        (m) => {
          if (this.models.has(deploymentId)) this.loaded.set(deploymentId, m);
        },
        () => this.models.delete(deploymentId),
      );
    }
    return model;
  }

  private async read(deploymentId: string): Promise<ServedModel> {
    const row = await this.prisma.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      include: { artifact: true },
    });
    const transforms = await this.prisma.modelArtifact.findUniqueOrThrow({
      where: { id: row.transformsArtifactId ?? '' },
    });
    const [t, w] = await Promise.all([
      readFile(this.blobs.pathOf(transforms.sha256)),
      readFile(this.blobs.pathOf(row.artifact.sha256)),
    ]);
    const identity: ModelIdentity = {
      deploymentId: row.id,
      slug: row.slug,
      name: row.name,
      version: row.version,
      artifactHash: row.artifactHash,
      fields: (row.inputSchema ?? []) as InputField[],
      logSampleRate: row.logSampleRate,
      strict: row.strict,
    };
    // `artifact` is the engine weights (fp32 or INT8) for the native runtime and the exported ONNX graph for onnx.
    return row.runtime === 'onnx'
      ? OnnxModel.load(identity, t, w, await this.gbmWeights(row.artifact, t))
      : new LoadedModel(identity, { transforms: t, weights: w, precision: precisionOf(row) });
  }

  /**
   * The engine model file of a Gradient Boosting branch served on the onnx runtime (its reason codes come from the
   * engine's TreeSHAP): the run's weights at the exported graph's model node; undefined for other models.
   */
  private async gbmWeights(
    onnx: { runId: string; metadata: unknown },
    transforms: Uint8Array,
  ): Promise<Uint8Array | undefined> {
    const pipeline = decodePipelineArtifact(transforms);
    if (pipeline.modelKind !== 'gbm') return undefined;
    const node = (onnx.metadata as { modelNodeId?: string } | null)?.modelNodeId ?? pipeline.modelNodeId;
    const weights = (
      await this.prisma.modelArtifact.findMany({ where: { runId: onnx.runId, kind: 'weights' } })
    ).find((a) => (a.metadata as { modelNodeId?: string } | null)?.modelNodeId === node);
    if (!weights)
      throw new HttpUserError(
        409,
        'MODEL_NOT_FOUND',
        'This Gradient Boosting deployment lost its engine model (needed for reason codes). Deploy the run again.',
      );
    return readFile(this.blobs.pathOf(weights.sha256));
  }
}
