import type { InputField, Prediction, PredictionWarning } from '@studio/api';
import type { Row } from '@studio/data';
import { loadGbm } from '@studio/engine';
import { UnexpectedError } from '@studio/ir';
import { exportOnnx, exportTreesOnnx, type RawColumn, type TreesExportInput } from '@studio/onnx';
import {
  decodePipelineArtifact,
  explainsWithShapley,
  loadScoringArtifacts,
  scoreGbmWithLogit,
  scoreWithProbability,
  type PipelineArtifact,
  type ScoringArtifacts,
} from '@studio/pipeline';
import { riskBand, type RiskBand } from '@studio/scoring';
import * as ort from 'onnxruntime-node';
import { shapleyBaseline, type ModelIdentity, type ServedPrediction } from './loaded-model';
import { feedsOf, graphInputs, type GraphInput } from './onnx-feeds';
import { OnnxShapley } from './onnx-shapley';
import { riskBandsOf } from './risk-bands';

/**
 * The raw ONNX inputs of a deployment's fields, typed as the dataset schema types them: categories and
 * booleans as strings (the CSV's own words), numbers and dates as float. The export keeps only those the
 * model reads.
 */
export function rawColumns(fields: readonly InputField[]): RawColumn[] {
  return fields.map((f) => ({
    name: f.name,
    type: f.type === 'categorical' ? 'categorical' : f.type === 'boolean' ? 'boolean' : 'numeric',
  }));
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
 * and reason codes from the same fitted transforms and scorecard the native runtime uses, or Shapley values
 * over the graph's own logit (networks, plain logistic models). A Gradient Boosting deployment also holds the
 * engine's trees (`gbm`): ONNX gives the probability and the log-odds the score scales, the engine's TreeSHAP on
 * the same trees gives the reason codes (ONNX has no operator for them).
 */
export class OnnxModel {
  private readonly bands: RiskBand[];
  /**
   * The graph inputs (the columns the model reads), in input order, typed as the graph declares them: a graph
   * exported before booleans took the CSV's words reads them as float.
   */
  private readonly inputs: GraphInput[];

  private constructor(
    readonly identity: ModelIdentity,
    private readonly pipeline: PipelineArtifact,
    private readonly session: ort.InferenceSession,
    private readonly gbm: ScoringArtifacts | undefined,
    private readonly shapley: OnnxShapley | null,
  ) {
    this.bands = riskBandsOf(pipeline.scaling);
    this.inputs = graphInputs(session, identity.fields);
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
      const baseline = explainsWithShapley(pipeline) ? shapleyBaseline(identity.fields) : null;
      try {
        const shapley = baseline
          ? await OnnxShapley.create(
              onnx,
              session,
              graphInputs(session, identity.fields),
              pipeline,
              identity.fields,
              baseline,
            )
          : null;
        return new OnnxModel(identity, pipeline, session, gbm, shapley);
      } catch (e) {
        void session.release();
        throw e;
      }
    } catch (e) {
      (gbm?.model as { dispose(): void } | undefined)?.dispose();
      throw e;
    }
  }

  /** Scores one checked record (`warnings`: what its check found). */
  async predict(row: Row, warnings: PredictionWarning[] = []): Promise<ServedPrediction> {
    // A network's Shapley values run beside the probability (their own sessions, or this one: runs may overlap).
    const [out, explained] = await Promise.all([
      this.session.run(feedsOf(this.inputs, [row]), this.gbm ? ['probability', 'logit'] : ['probability']),
      this.shapley?.explain(row),
    ]);
    const probability = (out.probability!.data as Float32Array)[0]!;
    const scored = this.gbm
      ? scoreGbmWithLogit(this.gbm, row, (out.logit!.data as Float32Array)[0]!)
      : scoreWithProbability(this.pipeline, row, probability);
    const reasons = explained ? explained.reasons : scored.reasons;
    return {
      probability,
      score: scored.score,
      riskBand: riskBand(scored.score, this.bands),
      reasons: reasons.slice(0, 4),
      model: this.model(),
      ...(warnings.length > 0 ? { warnings } : {}),
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
    this.shapley?.dispose();
    void this.session.release();
  }
}
