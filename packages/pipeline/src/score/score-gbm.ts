import type { Row } from '@studio/data';
import type { GbmModel, Model, QuantizedModel } from '@studio/engine';
import { UserError } from '@studio/ir';
import { scalingOf, shapReasonCodes, type ReasonCode } from '@studio/scoring';
import type { PipelineArtifact } from './pipeline-artifact';

/** True for a boosted-tree model (the only engine model that explains itself with SHAP). */
export function isGbm(model: Model | QuantizedModel | GbmModel): model is GbmModel {
  return 'shapOne' in model;
}

/** The trees' input row: numbers as float32, a missing value as NaN (the trees learned where it goes). */
export function gbmInput(features: readonly string[], row: Row, into = new Float32Array(features.length)) {
  for (let j = 0; j < features.length; j++) {
    const name = features[j]!;
    const v = row[name];
    if (v === null || v === undefined) into[j] = NaN;
    else if (typeof v === 'number') into[j] = v;
    else
      throw new UserError(
        'SCORE_INPUT_INVALID',
        `"${name}" must be a number after the transforms; got ${String(v)}.`,
        { column: name },
      );
  }
  return into;
}

/**
 * Probability, score and reason codes of one record from its raw score (log-odds) and SHAP row: the score is the
 * PDO scaling of the log-odds, reasons are the raw columns that pushed the applicant toward default.
 */
export function gbmScore(
  pipeline: PipelineArtifact,
  record: Row,
  raw: number,
  shap: ArrayLike<number>,
): { probability: number; score: number; reasons: ReasonCode[] } {
  const scaling = scalingOf(pipeline.scaling);
  return {
    probability: 1 / (1 + Math.exp(-raw)),
    score: scaling.offset - scaling.factor * raw,
    reasons: shapReasonCodes(shap, pipeline.sources ?? pipeline.features, record, scaling.factor),
  };
}
