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
import { riskBand, scalingOf, shapReasonCodes, shapleyCoalitions, type RiskBand } from '@studio/scoring';
import * as ort from 'onnxruntime-node';
import {
  shapleyBaseline,
  type ModelIdentity,
  type ServedPrediction,
  type ShapleyBaseline,
} from './loaded-model';
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

/** A graph input: its field, and whether the graph reads it as text (else float). */
interface GraphInput {
  field: InputField;
  text: boolean;
}

/** One cell of a checked row as the graph input of its field: text ("" = missing) or float (NaN = missing). */
function cellFeed({ field, text }: GraphInput, v: Row[string]): string | number {
  if (!text) return typeof v === 'number' ? v : NaN;
  if (v === null || v === undefined) return '';
  // Checked booleans are 0/1; the graph reads the CSV's words (any of them).
  if (field.type === 'boolean') return v === 1 || v === true ? 'true' : 'false';
  return String(v);
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
  private readonly baseline: ShapleyBaseline | null;

  private constructor(
    readonly identity: ModelIdentity,
    private readonly pipeline: PipelineArtifact,
    private readonly session: ort.InferenceSession,
    private readonly gbm: ScoringArtifacts | undefined,
  ) {
    this.bands = riskBandsOf(pipeline.scaling);
    const byName = new Map(identity.fields.map((f) => [f.name, f]));
    this.inputs = session.inputNames.map((n, k) => {
      const meta = session.inputMetadata[k];
      return { field: byName.get(n)!, text: meta?.isTensor === true && meta.type === 'string' };
    });
    this.baseline = explainsWithShapley(pipeline) ? shapleyBaseline(identity.fields) : null;
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

  /** Scores one checked record (`warnings`: what its check found). */
  async predict(row: Row, warnings: PredictionWarning[] = []): Promise<ServedPrediction> {
    const out = await this.session.run(
      this.feeds([row]),
      this.gbm ? ['probability', 'logit'] : ['probability'],
    );
    const probability = (out.probability!.data as Float32Array)[0]!;
    const scored = this.gbm
      ? scoreGbmWithLogit(this.gbm, row, (out.logit!.data as Float32Array)[0]!)
      : scoreWithProbability(this.pipeline, row, probability);
    const reasons = this.baseline ? await this.shapleyReasons(row, this.baseline) : scored.reasons;
    return {
      probability,
      score: scored.score,
      riskBand: riskBand(scored.score, this.bands),
      reasons: reasons.slice(0, 4),
      model: this.model(),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }

  /** The graph's inputs for `rows`. */
  private feeds(rows: readonly Row[]): Record<string, ort.Tensor> {
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of this.inputs) {
      const cells = rows.map((r) => cellFeed(input, r[input.field.name]));
      feeds[input.field.name] = input.text
        ? new ort.Tensor('string', cells as string[], [rows.length, 1])
        : new ort.Tensor('float32', Float32Array.from(cells as number[]), [rows.length, 1]);
    }
    return feeds;
  }

  /**
   * Shapley reason codes with the graph's own logit: each coalition row takes the applicant's cell for the
   * columns in the coalition and the baseline's elsewhere, all rows in one run.
   */
  private async shapleyReasons(row: Row, baseline: ShapleyBaseline) {
    const c = shapleyCoalitions(baseline.columns.length, {
      additive: this.pipeline.modelKind === 'logistic',
    });
    const player = new Map(baseline.columns.map((name, i) => [name, i]));
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of this.inputs) {
      const name = input.field.name;
      const i = player.get(name) ?? -1;
      const mine = cellFeed(input, row[name]);
      const theirs = i < 0 ? mine : cellFeed(input, baseline.row[name]);
      const pick = (r: number) => (i < 0 || c.members[r * c.players + i] === 1 ? mine : theirs);
      feeds[name] =
        typeof mine === 'string'
          ? new ort.Tensor(
              'string',
              Array.from({ length: c.rows }, (_, r) => pick(r) as string),
              [c.rows, 1],
            )
          : new ort.Tensor(
              'float32',
              Float32Array.from({ length: c.rows }, (_, r) => pick(r) as number),
              [c.rows, 1],
            );
    }
    const out = await this.session.run(feeds, ['logit']);
    const logits = Float64Array.from(out.logit!.data as Float32Array);
    const factor = scalingOf(this.pipeline.scaling).factor;
    return shapReasonCodes(c.combine(logits), baseline.columns, row, factor);
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
