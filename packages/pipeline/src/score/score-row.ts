import { applyTransformRow, woeBinsOfRow, type DataWarning, type FittedWoe, type Row } from '@studio/data';
import { loadModel, loadQuantizedModel, type Model, type QuantizedModel } from '@studio/engine';
import { UserError } from '@studio/ir';
import { reasonCodes, scoreFromProbability, type ReasonCode } from '@studio/scoring';
import { decodePipelineArtifact, type PipelineArtifact } from './pipeline-artifact';

/** A loaded model ready to score records: its transforms artifact and the engine model (fp32 or INT8). */
export interface ScoringArtifacts {
  pipeline: PipelineArtifact;
  model: Model | QuantizedModel;
}

/** The answer for one record. */
export interface ScoredRow {
  /** Probability of default. */
  probability: number;
  score: number;
  reasons: ReasonCode[];
  /** Data problems met on the way, e.g. a category not seen in training (scored in the Missing bin). */
  flags: DataWarning[];
}

/**
 * Loads the two artifacts of a branch (transforms JSON, engine weights) for `scoreRow`; `precision: 'int8'`
 * reads `weights` as the Quantize node's `weights-int8` file. Dispose `model` when done.
 */
export function loadScoringArtifacts(artifacts: {
  transforms: Uint8Array | string;
  weights: Uint8Array;
  precision?: 'fp32' | 'int8';
}): ScoringArtifacts {
  const pipeline = decodePipelineArtifact(artifacts.transforms);
  const model =
    artifacts.precision === 'int8' ? loadQuantizedModel(artifacts.weights) : loadModel(artifacts.weights);
  return { pipeline, model };
}

/**
 * Scores one record with the same transform code that trained the model (packages/data's per-row twins):
 * probability from the engine, the score from the scorecard's points when there is one (else from the
 * probability), and reason codes for scorecards.
 */
export function scoreRow(artifacts: ScoringArtifacts, record: Row): ScoredRow {
  const { pipeline, model } = artifacts;
  const flags: DataWarning[] = [];
  let row: Row = { ...record };
  let woe: { fitted: FittedWoe; input: Row } | undefined;
  for (const step of pipeline.steps) {
    const before = flags.length;
    if (step.fitted.kind === 'woe') woe = { fitted: step.fitted, input: row };
    row = applyTransformRow(step.fitted, row, flags);
    const unseen = flags.slice(before).find((f) => f.code === 'UNSEEN_CATEGORY');
    if (unseen && step.unseen === 'error')
      throw new UserError(
        'UNSEEN_CATEGORY',
        `"${unseen.column}" has a value not seen in training, and node ${step.nodeId} is set to refuse those. Send a known category or retrain with it.`,
        { column: unseen.column, nodeId: step.nodeId },
      );
  }
  const x = new Float32Array(pipeline.features.length);
  pipeline.features.forEach((name, j) => {
    const v = row[name];
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new UserError(
        'SCORE_INPUT_INVALID',
        `"${name}" must be a number after the transforms; got ${String(v)}.`,
        {
          column: name,
        },
      );
    x[j] = v;
  });
  const probability = model.predictOne(x);
  const card = pipeline.scorecard;
  if (!card || !woe)
    return { probability, score: scoreFromProbability(probability, pipeline.scaling), reasons: [], flags };
  // Bins are looked up on the record as it reached the WOE step; the warnings were already collected above.
  const bins = woeBinsOfRow(woe.fitted, woe.input);
  const score = card.characteristics.reduce((s, c) => s + c.bins[bins[c.name]!]!.points, 0);
  return { probability, score, reasons: reasonCodes(card, { bins, values: record }), flags };
}
