/** The `studio.*` metadata_props Studio writes into every exported ONNX model, and reads back on import. */

/** Version of this ONNX layout (inputs, outputs, metadata); importers refuse other values. */
export const STUDIO_ONNX_VERSION = 1;

export const META = {
  version: 'studio.onnx_version',
  kind: 'studio.model_kind',
  precision: 'studio.precision',
  columns: 'studio.columns',
  features: 'studio.features',
  missingCategory: 'studio.missing_category',
} as const;

/** Default-domain opset of exported graphs (Equal over strings needs 19). */
export const OPSET = 19;
/** ai.onnx.ml opset (LabelEncoder with string keys and float values). */
export const ML_OPSET = 3;
/** ONNX IR version matching opset 19. */
export const IR_VERSION = 9;
