export * from './errors';
export { backendInfo, type BackendInfo } from './backend-info';
export { bootstrapAucKs, hasStatsKernels, woeByRange, woeFineBins } from './stats';
export { csvColumns, hasCsvKernel } from './csv';
export {
  codeCounts,
  columnMeanStd,
  columnKernels,
  columnMedian,
  countNaN,
  fillGaps,
  hasTransformKernels,
  newColumn,
  newMatrix,
  packColumns,
} from './transforms';
export { checkKernels } from './checks';
export { evaluationPass, hasScoreOrderKernel, scoreOrderDesc, type EvaluationPass } from './score-order';
export { createModel, loadModel, Model, type CreateOptions, type ModelInfo } from './model';
export {
  loadQuantizedModel,
  QuantizedModel,
  type CalibrationMethod,
  type QuantizationReport,
  type QuantizeOptions,
} from './quantize';
export type {
  Activation,
  ClassWeight,
  EmbeddingSpec,
  LayerSpec,
  LogisticSpec,
  MlpSpec,
  ModelSpec,
} from './spec';
export type {
  EarlyStopping,
  LabelledData,
  Optimizer,
  TrainDevice,
  TrainOptions,
  TrainProgress,
  TrainResult,
} from './train-options';
export {
  GBM_DEFAULTS,
  loadGbm,
  trainGbm,
  type GbmModel,
  type GbmOptions,
  type GbmProgress,
  type GbmTreesDump,
} from './gbm';
