import { decodeMessage, encodeMessage } from './codec';
import type { Fields } from './message-schema';
import { MODEL } from './onnx-schema';
import type { ModelProto } from './onnx-types';

/** Serialises a ModelProto to the bytes of a `.onnx` file. */
export function encodeModel(model: ModelProto): Uint8Array {
  return encodeMessage(MODEL, model as Fields);
}

/** Parses the bytes of a `.onnx` file; throws UserError ONNX_MALFORMED for bytes that are not protobuf. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  return decodeMessage(MODEL, bytes) as ModelProto;
}
