export { exportOnnx, type ExportOptions } from './export-onnx';
export { resolveExport, type ExportInput, type RawColumn, type ResolvedExport } from './export-input';
export { readModelFile } from './model/read-model-file';
export type { Activation, DenseLayer, Embedding, Matrix, StudioModel } from './model/studio-model';
export { NORM_EPSILON } from './model/studio-model';
export type { TransformJson } from './preprocess/transform-schema';
export { MISSING_CATEGORY } from './preprocess/lower-transforms';
export { calibrateMinMax, calibratePercentile } from './quantize/calibrate';
export { encodeModel, decodeModel } from './protobuf/onnx-codec';
export type * from './protobuf/onnx-types';
export { DataType, AttributeType } from './protobuf/onnx-types';
export { importOnnx, type ImportedOnnx } from './import-onnx';
export { activationSamples, forwardRow } from './model/forward';
export { META, OPSET, ML_OPSET, STUDIO_ONNX_VERSION } from './metadata';
export { exportTreesOnnx, type TreesExportInput } from './trees/export-trees-onnx';
export {
  parseTreesDump,
  splitValue,
  treesDumpSchema,
  treesRaw,
  type TreeNodes,
  type TreesDump,
} from './trees/tree-dump';
export { resolvePreprocessing, type ResolvedPreprocessing } from './export-input';
export { splitAtFeatures, type FeatureSplit } from './graph/split-features';
