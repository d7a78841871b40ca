import type { LayerSpec } from '@studio/engine';
import type { LogisticSolver, SearchDimension } from '@studio/ir';

/** Where the rows come from: one dataset node and its target column. */
export interface DatasetStep {
  nodeId: string;
  datasetId: string;
  target: string;
  /** Columns left out before anything else sees the data (IDs, leaking columns). */
  exclude?: string[];
}

/** How the rows are divided into the training and the held-out side. */
export interface SplitStep {
  nodeId: string;
  method: 'random' | 'stratified' | 'time' | 'out-of-time';
  testFraction: number;
  seed: number;
  /** Column to stratify by; empty means the target. */
  stratify: string;
  timeColumn: string;
  /** The out-of-time cut-off as written on the node ('' for other methods). */
  cutoff: string;
}

/** The table transforms a plan can fit, in the op names of the catalogue. */
export type TransformOp = 'impute' | 'one-hot' | 'standardize' | 'woe-binning' | 'feature-selection';

/** One table transform, fitted on the training side and applied to every side. */
export interface TransformStep {
  nodeId: string;
  op: TransformOp;
  params: Record<string, unknown>;
}

/**
 * A logistic-regression node, trained by the engine's Newton solver or its L-BFGS (OWL-QN) solver as
 * `resolveLogisticSolver` (@studio/ir) says: 'auto' is Newton unless l1 > 0.
 */
export interface LogisticStep {
  kind: 'logistic';
  nodeId: string;
  l2: number;
  /** 0 without an L1 penalty; not with solver 'newton'. */
  l1: number;
  maxIter: number;
  solver: LogisticSolver;
  classWeight: 'none' | 'balanced';
  signConstraints: 'none' | 'non-negative' | 'non-positive';
}

/** A gradient-boosting node, trained by the engine's histogram boosted trees. */
export interface GbmStep {
  kind: 'gbm';
  nodeId: string;
  trees: number;
  learningRate: number;
  maxLeaves: number;
  /** 0: no limit. */
  maxDepth: number;
  minSamplesLeaf: number;
  minHessianLeaf: number;
  l1: number;
  l2: number;
  rowSubsample: number;
  colSubsample: number;
  maxBins: number;
  classWeight: 'none' | 'balanced';
  /** Source columns (before one-hot) the risk may only rise, or only fall, with. */
  monotoneIncreasing: string[];
  monotoneDecreasing: string[];
  earlyStopping: 'auc' | 'logloss' | 'none';
  patience: number;
  validationFraction: number;
  seed: number;
}

/** A network chain (encode → layers → loss → optimizer → train), lowered to one engine MLP spec. */
export interface NetworkStep {
  kind: 'mlp';
  /** The Train node: the node that outputs the trained model. */
  nodeId: string;
  encode: { nodeId: string; columns: string[] };
  /** Hidden layers; the final Dense(1) is the engine's implicit output layer. */
  layers: LayerSpec[];
  /** Node ids of the layer chain, input to output (for progress and errors). */
  layerNodeIds: string[];
  loss: { nodeId: string; positiveWeight: number; l1: number; l2: number };
  optimizer: {
    nodeId: string;
    algorithm: 'sgd' | 'adam' | 'adamw';
    lr: number;
    momentum: number;
    weightDecay: number;
  };
  train: { epochs: number; batchSize: number; patience: number; seed: number };
}

/** One Evaluate node: held-out (or training) rows scored by the branch's model. */
export interface EvaluateStep {
  nodeId: string;
  side: 'test' | 'train';
  cutoff: number;
  label: string;
  /** The validation pack's options; null when the node turns it off. */
  validation: ValidationOptions | null;
}

/** What an Evaluate node asks of the validation pack. */
export interface ValidationOptions {
  resamples: number;
  protected: string[];
  /** Column whose age bands become a protected attribute ('' for none). */
  ageColumn: string;
  lgd: number;
  ead: number;
}

/** One Scorecard node: points from a WOE logistic model. */
export interface ScorecardStep {
  nodeId: string;
  pdo: number;
  baseScore: number;
  baseOdds: number;
  rounding: 'integer' | 'none';
}

/** One Quantize node: INT8 copy of the branch's model, calibrated on training rows and checked on held-out rows. */
export interface QuantizeStep {
  nodeId: string;
  method: 'minmax' | 'percentile';
  percentile: number;
  maxAucDrop: number;
}

/**
 * One Tune node: random search with successive halving over `space`, scored on the training rows only, before
 * the model trains with the winner.
 */
export interface TuneStep {
  nodeId: string;
  /** The effective space: the node's own, or the model family's default. */
  space: SearchDimension[];
  /** trials: `trials` configurations, one halving bracket; seconds: brackets of `trials` until the time is up. */
  budget: { kind: 'trials'; trials: number } | { kind: 'seconds'; seconds: number; trials: number };
  eta: number;
  evaluation: { kind: 'k-fold'; folds: number } | { kind: 'validation'; fraction: number };
  metric: 'auc' | 'ks' | 'logloss';
  seed: number;
}

/** Everything between the split and one model, plus what reads that model. */
export interface ModelBranch {
  modelNodeId: string;
  label: string;
  transforms: TransformStep[];
  model: LogisticStep | NetworkStep | GbmStep;
  evaluations: EvaluateStep[];
  scorecard: ScorecardStep | null;
  quantize: QuantizeStep | null;
  /** The Tune node attached to the model, if any. */
  tune: TuneStep | null;
}

/** A node the plan leaves out of a training run, with the reason shown in the run log. */
export interface SkippedNode {
  nodeId: string;
  op: string;
  reason: string;
}

/** A validated GraphIR lowered to the steps a run executes, in order. */
export interface ExecutionPlan {
  version: 1;
  graphName: string;
  /** The run seed: graph meta.seed, else 42. */
  seed: number;
  dataset: DatasetStep;
  split: SplitStep;
  branches: ModelBranch[];
  skipped: SkippedNode[];
}
