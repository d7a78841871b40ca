import type { InputField, Prediction } from '@studio/api';
import type { Row } from '@studio/data';
import { loadGbm } from '@studio/engine';
import { UnexpectedError } from '@studio/ir';
import { exportOnnx, exportTreesOnnx, type RawColumn, type TreesExportInput } from '@studio/onnx';
import {
  decodePipelineArtifact,
  loadScoringArtifacts,
  scoreGbmWithLogit,
  scoreWithProbability,
  type PipelineArtifact,
  type ScoringArtifacts,
} from '@studio/pipeline';
import { riskBand, type RiskBand } from '@studio/scoring';
import * as ort from 'onnxruntime-node';
import type { ModelIdentity } from './loaded-model';
import { riskBandsOf } from './risk-bands';

/** The raw ONNX inputs of a deployment's fields: categories as strings, everything else as float. */
function rawColumns(fields: readonly InputField[]): RawColumn[] {
  return fields.map((f) => ({ name: f.name, type: f.type === 'categorical' ? 'categorical' : 'numeric' }));
}

/**
 * The ONNX model (fitted preprocessing + network, or + TreeEnsembleClassifier for Gradient Boosting) of a trained
 * branch, for the `onnx` runtime; with `activationScales` (an INT8 model's) the network is exported as INT8 QDQ.
 */
export function exportDeploymentOnnx(
  fields: readonly InputField[],
  transforms: Uint8Array,
  weights: Uint8Array,
  activationScales?: readonly number[],
): Uint8Array {
  const pipeline = decodePipelineArtifact(transforms);
  if (pipeline.modelKind === 'gbm') {
    const gbm = loadGbm(weights);
    try {
      return exportTreesOnnx({
        columns: rawColumns(fields),
        transforms: pipeline.steps.map((s) => s.fitted),
        features: pipeline.features,
        trees: gbm.dump() as TreesExportInput['trees'],
      });
    } finally {
      gbm.dispose();
    }
  }
  return exportOnnx(
    {
      columns: rawColumns(fields),
      transforms: pipeline.steps.map((s) => s.fitted),
      features: pipeline.features,
      model: weights,
    },
    activationScales ? { precision: 'int8', activationScales } : {},
  );
}

/**
 * A deployment version served by onnxruntime-node: the probability from the exported ONNX graph, score
 * and reason codes from the same fitted transforms and scorecard the native runtime uses. A Gradient Boosting
 * deployment also holds the engine's trees (`gbm`): ONNX gives the probability and the log-odds the score
 * scales, the engine's TreeSHAP on the same trees gives the reason codes (ONNX has no operator for them).
 */
export class OnnxModel {
  private readonly bands: RiskBand[];

  private constructor(
    readonly identity: ModelIdentity,
    private readonly pipeline: PipelineArtifact,
    private readonly session: ort.InferenceSession,
    private readonly gbm: ScoringArtifacts | undefined,
  ) {
    this.bands = riskBandsOf(pipeline.scaling);
  }

  /**
   * Opens an ONNX session on the model bytes; `gbmWeights` (the engine model file of a Gradient Boosting branch)
   * is required for one, for its reason codes.
   */
  static async load(
    identity: ModelIdentity,
    transforms: Uint8Array,
    onnx: Uint8Array,
    gbmWeights?: Uint8Array,
  ): Promise<OnnxModel> {
    const pipeline = decodePipelineArtifact(transforms);
    if (pipeline.modelKind === 'gbm' && gbmWeights === undefined)
      throw new UnexpectedError(
        'GBM_REASONS_NEED_ENGINE',
        'A Gradient Boosting deployment on the onnx runtime needs its engine model for reason codes.',
      );
    const gbm =
      pipeline.modelKind === 'gbm' ? loadScoringArtifacts({ transforms, weights: gbmWeights! }) : undefined;
    try {
      const session = await ort.InferenceSession.create(onnx, { graphOptimizationLevel: 'all' });
      return new OnnxModel(identity, pipeline, session, gbm);
    } catch (e) {
      (gbm?.model as { dispose(): void } | undefined)?.dispose();
      throw e;
    }
  }

  /** Scores one checked record. */
  async predict(row: Row): Promise<Omit<Prediction, 'requestId'>> {
    const feeds: Record<string, ort.Tensor> = {};
    for (const f of this.identity.fields) {
      const v = row[f.name];
      feeds[f.name] =
        f.type === 'categorical'
          ? new ort.Tensor('string', [v === null || v === undefined ? '' : String(v)], [1, 1])
          : new ort.Tensor('float32', Float32Array.of(typeof v === 'number' ? v : NaN), [1, 1]);
    }
    const out = await this.session.run(feeds, this.gbm ? ['probability', 'logit'] : ['probability']);
    const probability = (out.probability!.data as Float32Array)[0]!;
    const { score, reasons } = this.gbm
      ? scoreGbmWithLogit(this.gbm, row, (out.logit!.data as Float32Array)[0]!)
      : scoreWithProbability(this.pipeline, row, probability);
    return {
      probability,
      score,
      riskBand: riskBand(score, this.bands),
      reasons: reasons.slice(0, 4),
      model: this.model(),
    };
  }

  /** The `model` block of every answer. */
  model(): Prediction['model'] {
    const { name, version, artifactHash } = this.identity;
    return { name, version, artifactHash };
  }

  /** Releases the ONNX session. */
  dispose(): void {
    (this.gbm?.model as { dispose(): void } | undefined)?.dispose();
    void this.session.release();
  }
}
