export { planGraph, assertRunnable, type PlanResult } from './plan/plan-graph';
export type * from './plan/plan-types';
export { PlanProblem, GraphNotRunnableError } from './plan/plan-problem';
export {
  executePlan,
  type DatasetSource,
  type ExecuteOptions,
  type ExecuteResult,
  type RunArtifact,
} from './execute/execute-plan';
export { buildEvaluation } from './execute/evaluation';
export { nodeOf } from './execute/at-node';
export { preflightPlan, preflightTable } from './execute/preflight';
export type { HistoryPoint, RunWarning } from './run-types';
export {
  decodePipelineArtifact,
  encodePipelineArtifact,
  type PipelineArtifact,
  type StoredStep,
} from './score/pipeline-artifact';
export {
  loadScoringArtifacts,
  scoreRow,
  compileScorer,
  scoreRows,
  scoreWithProbability,
  scoreGbmWithLogit,
  type ScoredRow,
  type ScoringArtifacts,
} from './score/score-row';
export {
  explainsWithShapley,
  featureOwners,
  shapleyReasons,
  usedColumns,
  type ShapleyExplanation,
} from './score/explain-row';
export { graphTemplates, findTemplate, type GraphTemplate } from './templates/templates';
export { graphOf, type NodeDef } from './templates/graph-of';
export { previewNode, type PreviewOptions } from './preview/preview-node';
