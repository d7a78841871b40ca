import type { DeploymentPrecision, InputField, Prediction } from '@studio/api';
import type { Row } from '@studio/data';
import { loadScoringArtifacts, scoreRow, type ScoringArtifacts } from '@studio/pipeline';
import { riskBand, type RiskBand } from '@studio/scoring';
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
}

/**
 * One deployment version in memory: the fitted transforms and the engine model, loaded once and kept for
 * every request (`predictOne` per record), until `dispose`.
 */
export class LoadedModel {
  private readonly scoring: ScoringArtifacts;
  private readonly bands: RiskBand[];

  constructor(
    readonly identity: ModelIdentity,
    files: ModelFiles,
  ) {
    this.scoring = loadScoringArtifacts(files);
    this.bands = riskBandsOf(this.scoring.pipeline.scaling);
  }

  /** Scores one checked record. */
  predict(row: Row): Omit<Prediction, 'requestId'> {
    const s = scoreRow(this.scoring, row);
    return {
      probability: s.probability,
      score: s.score,
      riskBand: riskBand(s.score, this.bands),
      reasons: s.reasons.slice(0, 4),
      model: this.model(),
    };
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
