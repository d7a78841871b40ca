import type { InputField } from '@studio/api';
import type { Row } from '@studio/data';
import { splitAtFeatures } from '@studio/onnx';
import { featureOwners, type PipelineArtifact } from '@studio/pipeline';
import {
  scalingOf,
  shapReasonCodes,
  shapleyCoalitions,
  type Coalitions,
  type ReasonCode,
} from '@studio/scoring';
import * as ort from 'onnxruntime-node';
import { cellFeed, feedsOf, graphInputs, type GraphInput } from './onnx-feeds';
import type { ShapleyBaseline } from './loaded-model';

/** Shapley values of one applicant over the used columns, from an ONNX graph's logit, and their reason codes. */
export interface OnnxExplanation {
  contributions: Float64Array;
  reasons: ReasonCode[];
}

const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: 'all' };

/** The coalitions of a model's players: every one for few columns, sampled beyond; one per column if additive. */
function coalitionsOf(pipeline: PipelineArtifact, baseline: ShapleyBaseline): Coalitions {
  return shapleyCoalitions(baseline.columns.length, { additive: pipeline.modelKind === 'logistic' });
}

/**
 * Shapley values from the whole graph: each coalition row takes the applicant's raw cell for the columns in the
 * coalition and the baseline's elsewhere, and every row goes through the preprocessing and the network in one run.
 * The reference `OnnxShapley` must match, and its fallback for a graph it cannot cut at its features.
 */
export async function wholeGraphShapley(
  session: ort.InferenceSession,
  inputs: readonly GraphInput[],
  pipeline: PipelineArtifact,
  row: Row,
  baseline: ShapleyBaseline,
  c: Coalitions = coalitionsOf(pipeline, baseline),
): Promise<OnnxExplanation> {
  const player = new Map(baseline.columns.map((name, i) => [name, i]));
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
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
  const out = await session.run(feeds, ['logit']);
  const contributions = c.combine(Float64Array.from(out.logit!.data as Float32Array));
  const factor = scalingOf(pipeline.scaling).factor;
  return { contributions, reasons: shapReasonCodes(contributions, baseline.columns, row, factor) };
}

/**
 * Shapley reason codes of a network or plain logistic model on the onnx runtime, from the graph's own logit.
 * The graph is cut at its `features` tensor (`splitAtFeatures`): the applicant's raw record goes through the
 * preprocessing once (the baseline's once at load), and the coalition rows are mixed from the two feature rows
 * (the fitted transforms work column by column, so a feature takes the value its column's raw cell would give)
 * and run through the network alone, all rows in one run. The same nodes on the same values as the whole graph
 * on the mixed raw rows, without the string inputs and transforms of ~1,000 rows per applicant; a graph without
 * the cut falls back to the whole graph.
 */
export class OnnxShapley {
  private constructor(
    private readonly pipeline: PipelineArtifact,
    private readonly baseline: ShapleyBaseline,
    private readonly coalitions: Coalitions,
    private readonly cut: {
      front: ort.InferenceSession;
      frontInputs: GraphInput[];
      network: ort.InferenceSession;
      owner: Int32Array;
      base: Float32Array;
    } | null,
    private readonly whole: { session: ort.InferenceSession; inputs: GraphInput[] },
  ) {}

  /** The explainer of a loaded graph (`session`, `inputs`: the served session and its inputs; `onnx`: its bytes). */
  static async create(
    onnx: Uint8Array,
    session: ort.InferenceSession,
    inputs: GraphInput[],
    pipeline: PipelineArtifact,
    fields: readonly InputField[],
    baseline: ShapleyBaseline,
  ): Promise<OnnxShapley> {
    const c = coalitionsOf(pipeline, baseline);
    const whole = { session, inputs };
    const split = splitAtFeatures(onnx);
    const f = pipeline.features.length;
    if (!split || split.features.length !== f || split.features.some((n, j) => n !== pipeline.features[j]))
      return new OnnxShapley(pipeline, baseline, c, null, whole);
    const front = await ort.InferenceSession.create(split.front, SESSION_OPTIONS);
    let network: ort.InferenceSession | undefined;
    try {
      network = await ort.InferenceSession.create(split.network, SESSION_OPTIONS);
      const frontInputs = graphInputs(front, fields);
      const out = await front.run(feedsOf(frontInputs, [baseline.row]), ['features']);
      const base = Float32Array.from(out.features!.data as Float32Array);
      const owner = Int32Array.from(featureOwners(pipeline, baseline.columns));
      return new OnnxShapley(pipeline, baseline, c, { front, frontInputs, network, owner, base }, whole);
    } catch (e) {
      void front.release();
      void network?.release();
      throw e;
    }
  }

  /** True when the graph was cut at its features (false: every coalition runs through the whole graph). */
  get cutAtFeatures(): boolean {
    return this.cut !== null;
  }

  /** The Shapley values of `row` (a checked record) and its reason codes. */
  async explain(row: Row): Promise<OnnxExplanation> {
    const { pipeline, baseline, coalitions: c, cut } = this;
    if (!cut) return wholeGraphShapley(this.whole.session, this.whole.inputs, pipeline, row, baseline, c);
    const got = await cut.front.run(feedsOf(cut.frontInputs, [row]), ['features']);
    const x = got.features!.data as Float32Array;
    const { owner, base } = cut;
    const f = owner.length;
    const mixed = new Float32Array(c.rows * f);
    const k = c.players;
    for (let r = 0; r < c.rows; r++) {
      const m = r * k;
      const o = r * f;
      for (let j = 0; j < f; j++) {
        const i = owner[j]!;
        mixed[o + j] = i < 0 || c.members[m + i] === 1 ? x[j]! : base[j]!;
      }
    }
    const out = await cut.network.run({ features: new ort.Tensor('float32', mixed, [c.rows, f]) }, ['logit']);
    const contributions = c.combine(Float64Array.from(out.logit!.data as Float32Array));
    const factor = scalingOf(pipeline.scaling).factor;
    return { contributions, reasons: shapReasonCodes(contributions, baseline.columns, row, factor) };
  }

  /** Releases the sessions this explainer opened (not the served one). */
  dispose(): void {
    if (!this.cut) return;
    void this.cut.front.release();
    void this.cut.network.release();
  }
}
