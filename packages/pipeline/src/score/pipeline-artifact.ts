import { parseFittedTransform, type FittedTransform } from '@studio/data';
import { UserError } from '@studio/ir';
import type { Scorecard, ScalingParams } from '@studio/scoring';

/** One fitted step as stored: the node it came from and, for one-hot, the unseen-category policy. */
export interface StoredStep {
  nodeId: string;
  fitted: FittedTransform;
  unseen?: 'ignore' | 'other' | 'error';
}

/**
 * The fitted transforms artifact of one model branch: everything between a raw record and the engine's input,
 * plus the scorecard (when the branch has one) that turns the model into points and reason codes.
 */
export interface PipelineArtifact {
  format: 'studio-pipeline';
  version: 1;
  modelNodeId: string;
  modelKind: 'logistic' | 'mlp' | 'gbm';
  target: string;
  steps: StoredStep[];
  /** Engine inputs, in order. */
  features: string[];
  /** Boosted trees: the raw column behind each feature (reason codes are given per raw column). */
  sources?: string[];
  scorecard: Scorecard | null;
  /** Scaling of the score when there is no scorecard: the usual 600 points at 50:1, 20 points to double the odds. */
  scaling: ScalingParams;
}

/** Serialises an artifact as UTF-8 JSON bytes. */
export function encodePipelineArtifact(a: PipelineArtifact): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(a));
}

/** Reads an artifact back, re-checking every fitted transform's kind and version. */
export function decodePipelineArtifact(bytes: Uint8Array | string): PipelineArtifact {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  const a = JSON.parse(text) as Partial<PipelineArtifact>;
  if (
    a.format !== 'studio-pipeline' ||
    a.version !== 1 ||
    !Array.isArray(a.steps) ||
    !Array.isArray(a.features)
  )
    throw new UserError(
      'PIPELINE_ARTIFACT_UNSUPPORTED',
      `This transforms file (format ${String(a.format)} v${String(a.version)}) cannot be read by this Studio. Retrain the model or upgrade the Studio.`,
    );
  return {
    ...(a as PipelineArtifact),
    steps: a.steps.map((s) => ({ ...s, fitted: parseFittedTransform(JSON.stringify(s.fitted)) })),
  };
}
