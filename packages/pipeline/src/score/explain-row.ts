import type { Row } from '@studio/data';
import type { GbmModel, Model, QuantizedModel } from '@studio/engine';
import {
  logitOf,
  scalingOf,
  shapReasonCodes,
  shapleyCoalitions,
  type Coalitions,
  type ReasonCode,
  type ShapleyOptions,
} from '@studio/scoring';
import { featureSources } from './feature-sources';
import type { PipelineArtifact } from './pipeline-artifact';
import { transformRecord, writeFeatures, type ScoringArtifacts } from './score-row';

/**
 * The raw columns the model reads: the sources of its features (a one-hot indicator or missing flag counts as
 * its column) and a scorecard's characteristics. Every other column of the training data is ignored in scoring.
 */
export function usedColumns(
  pipeline: Pick<PipelineArtifact, 'steps' | 'features' | 'sources' | 'scorecard'>,
): string[] {
  const used = new Set(pipeline.sources ?? featureSources(pipeline.steps, pipeline.features));
  for (const c of pipeline.scorecard?.characteristics ?? []) used.add(c.name);
  return [...used];
}

/** True when a model's reason codes come from Shapley values (no scorecard, no trees to take SHAP from). */
export function explainsWithShapley(pipeline: PipelineArtifact): boolean {
  return pipeline.modelKind !== 'gbm' && pipeline.scorecard === null;
}

/** Shapley values of one applicant over the used columns, and the reason codes they give. */
export interface ShapleyExplanation {
  /** The columns, in the order of `contributions`. */
  columns: string[];
  /** Log-odds of default each column adds against the baseline; they sum to the applicant's log-odds − `baseLogit`. */
  contributions: Float64Array;
  baseLogit: number;
  exact: boolean;
  reasons: ReasonCode[];
}

/**
 * Reason codes of a neural network or logistic model from Shapley values over its input columns: each
 * coalition row takes the applicant's transformed features for the columns in the coalition and the baseline
 * record's elsewhere (the fitted transforms work column by column, so this equals transforming the mixed raw
 * record), and every coalition goes through the engine's one-row serving kernel. `columns` are the players
 * (the used columns, in schema order); `baseline` a typical training record holding each of them.
 */
export async function shapleyReasons(
  artifacts: ScoringArtifacts,
  record: Row,
  baseline: Row,
  columns: readonly string[],
  options: ShapleyOptions = {},
): Promise<ShapleyExplanation> {
  const { pipeline, model } = artifacts;
  const x = featureRow(pipeline, transformRecord(pipeline, record).row);
  const b = featureRow(pipeline, transformRecord(pipeline, baseline).row);
  const owner = featureOwners(pipeline, columns);
  const c = shapleyCoalitions(columns.length, { additive: pipeline.modelKind === 'logistic', ...options });
  const logits = coalitionLogits(model as Model | QuantizedModel, c, x, b, owner);
  const contributions = c.combine(logits);
  const baseLogit = logits[0]!;
  const factor = scalingOf(pipeline.scaling).factor;
  return {
    columns: [...columns],
    contributions,
    baseLogit,
    exact: c.exact,
    reasons: shapReasonCodes(contributions, columns, record, factor),
  };
}

/**
 * For each of the model's features (in `pipeline.features` order), the index in `columns` of the raw column it
 * comes from (a one-hot indicator or missing flag belongs to its column), or -1 when that column is not a player.
 */
export function featureOwners(
  pipeline: Pick<PipelineArtifact, 'steps' | 'features' | 'sources'>,
  columns: readonly string[],
): number[] {
  const player = new Map(columns.map((c, i) => [c, i]));
  return (pipeline.sources ?? featureSources(pipeline.steps, pipeline.features)).map(
    (s) => player.get(s) ?? -1,
  );
}

function coalitionLogits(
  model: Model | QuantizedModel | GbmModel,
  c: Coalitions,
  x: Float32Array,
  b: Float32Array,
  owner: readonly number[],
): Float64Array {
  const f = x.length;
  const row = new Float32Array(f);
  const logits = new Float64Array(c.rows);
  // Row by row on the calling thread with the serving kernel: the engine's batch path holds the model while it
  // runs on its threads, and concurrent requests scoring the same model would then be refused as busy. A
  // coalition row costs about a microsecond, so a thousand of them stay a millisecond or two.
  const one = model as Model | QuantizedModel;
  for (let r = 0; r < c.rows; r++) {
    const m = r * c.players;
    for (let j = 0; j < f; j++) {
      const i = owner[j]!;
      row[j] = i < 0 || c.members[m + i] === 1 ? x[j]! : b[j]!;
    }
    logits[r] = logitOf(one.predictOne(row));
  }
  return logits;
}

/** The engine's input of a transformed record, refusing a feature that is not a number. */
export function featureRow(pipeline: PipelineArtifact, row: Row): Float32Array {
  const x = new Float32Array(pipeline.features.length);
  writeFeatures(pipeline.features, row, x);
  return x;
}
