import type { InputField, Prediction } from '@studio/api';
import type { Row } from '@studio/data';
import { exportOnnx, type RawColumn } from '@studio/onnx';
import { decodePipelineArtifact, scoreWithProbability, type PipelineArtifact } from '@studio/pipeline';
import { riskBand, type RiskBand } from '@studio/scoring';
import * as ort from 'onnxruntime-node';
import type { ModelIdentity } from './loaded-model';
import { riskBandsOf } from './risk-bands';

/** The raw ONNX inputs of a deployment's fields: categories as strings, everything else as float. */
function rawColumns(fields: readonly InputField[]): RawColumn[] {
  return fields.map((f) => ({ name: f.name, type: f.type === 'categorical' ? 'categorical' : 'numeric' }));
}

/**
 * The ONNX model (fitted preprocessing + network) of a trained branch, for the `onnx` runtime; with
 * `activationScales` (an INT8 model's) the network is exported as INT8 QDQ.
 */
export function exportDeploymentOnnx(
  fields: readonly InputField[],
  transforms: Uint8Array,
  weights: Uint8Array,
  activationScales?: readonly number[],
): Uint8Array {
  const pipeline = decodePipelineArtifact(transforms);
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
 * and reason codes from the same fitted transforms and scorecard the native runtime uses.
 */
export class OnnxModel {
  private readonly bands: RiskBand[];

  private constructor(
    readonly identity: ModelIdentity,
    private readonly pipeline: PipelineArtifact,
    private readonly session: ort.InferenceSession,
  ) {
    this.bands = riskBandsOf(pipeline.scaling);
  }

  /** Opens an ONNX session on the model bytes. */
  static async load(identity: ModelIdentity, transforms: Uint8Array, onnx: Uint8Array): Promise<OnnxModel> {
    const session = await ort.InferenceSession.create(onnx, { graphOptimizationLevel: 'all' });
    return new OnnxModel(identity, decodePipelineArtifact(transforms), session);
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
    const out = await this.session.run(feeds, ['probability']);
    const probability = (out.probability!.data as Float32Array)[0]!;
    const { score, reasons } = scoreWithProbability(this.pipeline, row, probability);
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
    void this.session.release();
  }
}
