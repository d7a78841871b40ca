export * from './errors';
export { backendInfo, type BackendInfo } from './backend-info';
export { createModel, loadModel, Model, type CreateOptions, type ModelInfo } from './model';
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
  TrainOptions,
  TrainProgress,
  TrainResult,
} from './train-options';
