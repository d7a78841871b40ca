/**
 * The subset of onnx.proto (IR version 8) that Studio writes and reads, with the field numbers of the official
 * schema; fields not listed here are skipped on read.
 */
import type { MessageSchema } from './message-schema';

export const OPERATOR_SET_ID: MessageSchema = {
  name: 'OperatorSetIdProto',
  fields: [
    { num: 1, name: 'domain', kind: 'string' },
    { num: 2, name: 'version', kind: 'int' },
  ],
};

export const STRING_STRING_ENTRY: MessageSchema = {
  name: 'StringStringEntryProto',
  fields: [
    { num: 1, name: 'key', kind: 'string' },
    { num: 2, name: 'value', kind: 'string' },
  ],
};

export const TENSOR: MessageSchema = {
  name: 'TensorProto',
  fields: [
    { num: 1, name: 'dims', kind: 'int', repeated: true },
    { num: 2, name: 'dataType', kind: 'int' },
    { num: 4, name: 'floatData', kind: 'float', repeated: true, packed: true },
    { num: 5, name: 'int32Data', kind: 'int', repeated: true, packed: true },
    { num: 6, name: 'stringData', kind: 'bytes', repeated: true },
    { num: 7, name: 'int64Data', kind: 'int', repeated: true, packed: true },
    { num: 8, name: 'name', kind: 'string' },
    { num: 9, name: 'rawData', kind: 'bytes' },
    { num: 10, name: 'doubleData', kind: 'double', repeated: true, packed: true },
    { num: 12, name: 'docString', kind: 'string' },
  ],
};

export const DIMENSION: MessageSchema = {
  name: 'TensorShapeProto.Dimension',
  fields: [
    { num: 1, name: 'dimValue', kind: 'int' },
    { num: 2, name: 'dimParam', kind: 'string' },
  ],
};

export const SHAPE: MessageSchema = {
  name: 'TensorShapeProto',
  fields: [{ num: 1, name: 'dim', kind: 'message', repeated: true, message: () => DIMENSION }],
};

export const TENSOR_TYPE: MessageSchema = {
  name: 'TypeProto.Tensor',
  fields: [
    { num: 1, name: 'elemType', kind: 'int' },
    { num: 2, name: 'shape', kind: 'message', message: () => SHAPE },
  ],
};

export const TYPE: MessageSchema = {
  name: 'TypeProto',
  fields: [{ num: 1, name: 'tensorType', kind: 'message', message: () => TENSOR_TYPE }],
};

export const VALUE_INFO: MessageSchema = {
  name: 'ValueInfoProto',
  fields: [
    { num: 1, name: 'name', kind: 'string' },
    { num: 2, name: 'type', kind: 'message', message: () => TYPE },
    { num: 3, name: 'docString', kind: 'string' },
  ],
};

export const ATTRIBUTE: MessageSchema = {
  name: 'AttributeProto',
  fields: [
    { num: 1, name: 'name', kind: 'string' },
    { num: 2, name: 'f', kind: 'float' },
    { num: 3, name: 'i', kind: 'int' },
    { num: 4, name: 's', kind: 'bytes' },
    { num: 5, name: 't', kind: 'message', message: () => TENSOR },
    { num: 7, name: 'floats', kind: 'float', repeated: true },
    { num: 8, name: 'ints', kind: 'int', repeated: true },
    { num: 9, name: 'strings', kind: 'bytes', repeated: true },
    { num: 20, name: 'type', kind: 'int' },
  ],
};

export const NODE: MessageSchema = {
  name: 'NodeProto',
  fields: [
    { num: 1, name: 'input', kind: 'string', repeated: true },
    { num: 2, name: 'output', kind: 'string', repeated: true },
    { num: 3, name: 'name', kind: 'string' },
    { num: 4, name: 'opType', kind: 'string' },
    { num: 5, name: 'attribute', kind: 'message', repeated: true, message: () => ATTRIBUTE },
    { num: 6, name: 'docString', kind: 'string' },
    { num: 7, name: 'domain', kind: 'string' },
  ],
};

export const GRAPH: MessageSchema = {
  name: 'GraphProto',
  fields: [
    { num: 1, name: 'node', kind: 'message', repeated: true, message: () => NODE },
    { num: 2, name: 'name', kind: 'string' },
    { num: 5, name: 'initializer', kind: 'message', repeated: true, message: () => TENSOR },
    { num: 10, name: 'docString', kind: 'string' },
    { num: 11, name: 'input', kind: 'message', repeated: true, message: () => VALUE_INFO },
    { num: 12, name: 'output', kind: 'message', repeated: true, message: () => VALUE_INFO },
    { num: 13, name: 'valueInfo', kind: 'message', repeated: true, message: () => VALUE_INFO },
  ],
};

export const MODEL: MessageSchema = {
  name: 'ModelProto',
  fields: [
    { num: 1, name: 'irVersion', kind: 'int' },
    { num: 2, name: 'producerName', kind: 'string' },
    { num: 3, name: 'producerVersion', kind: 'string' },
    { num: 4, name: 'domain', kind: 'string' },
    { num: 5, name: 'modelVersion', kind: 'int' },
    { num: 6, name: 'docString', kind: 'string' },
    { num: 7, name: 'graph', kind: 'message', message: () => GRAPH },
    { num: 8, name: 'opsetImport', kind: 'message', repeated: true, message: () => OPERATOR_SET_ID },
    { num: 14, name: 'metadataProps', kind: 'message', repeated: true, message: () => STRING_STRING_ENTRY },
  ],
};
