import type { DeploymentPrecision, InputField, Prediction, PredictionWarning } from '@studio/api';
import type { Row } from '@studio/data';
import {
  compileScorer,
  explainsWithShapley,
  loadScoringArtifacts,
  shapleyReasons,
  type ScoredRow,
  type ScoringArtifacts,
} from '@studio/pipeline';
import { riskBand, type RiskBand } from '@studio/scoring';
import { referenceRow } from './input-schema';
import { riskBandsOf } from './risk-bands';

/** What a deployment version serves with, read once from its stored artifacts. */
export interface ModelFiles {
  transforms: Uint8Array;
  /** fp32 engine weights, or the Quantize node's INT8 file when `precision` is int8. */
  weights: Uint8Array;
  precision: DeploymentPrecision;
}

/** Facts of the version that every answer names. */
export interface ModelIdentity {
  deploymentId: string;
  slug: string;
  name: string;
  version: number;
  artifactHash: string;
  fields: InputField[];
  logSampleRate: number;
  /** Strict input checking (see `checkRecord`). */
  strict: boolean;
}

/** A prediction as a served model gives it (the route adds the request id). */
export type ServedPrediction = Omit<Prediction, 'requestId'>;

/** The used columns and the typical record that Shapley reason codes compare an applicant against. */
export interface ShapleyBaseline {
  columns: string[];
  row: Row;
}

/** The Shapley baseline of a schema, or null when the model explains itself or the schema has no references. */
export function shapleyBaseline(fields: readonly InputField[]): ShapleyBaseline | null {
  const row = referenceRow(fields);
  return row && { columns: fields.filter((f) => f.used !== false).map((f) => f.name), row };
}

/**
 * One deployment version in memory: the fitted transforms and the engine model, loaded once and kept for
 * every request (`predictOne` per record), until `dispose`.
 */
export class LoadedModel {
  private readonly scoring: ScoringArtifacts;
  private readonly bands: RiskBand[];
  private readonly baseline: ShapleyBaseline | null;
  /** `scoreRow` compiled for this model (the same answers, less work per request). */
  private readonly score: (row: Row) => ScoredRow;

  constructor(
    readonly identity: ModelIdentity,
    files: ModelFiles,
  ) {
    this.scoring = loadScoringArtifacts(files);
    this.bands = riskBandsOf(this.scoring.pipeline.scaling);
    this.baseline = explainsWithShapley(this.scoring.pipeline) ? shapleyBaseline(identity.fields) : null;
    this.score = compileScorer(this.scoring);
  }

  /**
   * Scores one checked record (`warnings`: what its check found). Synchronous for scorecards and trees; a
   * network's (or plain logistic model's) Shapley reason codes take one batched engine call, so it answers later.
   */
  predict(row: Row, warnings: PredictionWarning[] = []): ServedPrediction | Promise<ServedPrediction> {
    const s = this.score(row);
    const answer: ServedPrediction = {
      probability: s.probability,
      score: s.score,
      riskBand: riskBand(s.score, this.bands),
      reasons: s.reasons.slice(0, 4),
      model: this.model(),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
    if (!this.baseline) return answer;
    return shapleyReasons(this.scoring, row, this.baseline.row, this.baseline.columns).then((e) => ({
      ...answer,
      reasons: e.reasons,
    }));
  }

  /** The `model` block of every answer. */
  model(): Prediction['model'] {
    const { name, version, artifactHash } = this.identity;
    return { name, version, artifactHash };
  }

  /** Frees the engine model. */
  dispose(): void {
    this.scoring.model.dispose();
  }
}
