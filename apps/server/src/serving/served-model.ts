import type { LoadedModel } from './loaded-model';
import type { OnnxModel } from './onnx-model';

/** A deployment version in memory, whichever runtime serves it; `predict` may answer synchronously (native). */
export type ServedModel = LoadedModel | OnnxModel;
