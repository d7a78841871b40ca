/**
 * The subset of onnx.proto (IR version 8, proto2) that Studio writes and reads, declared once as a protobufjs JSON
 * descriptor: the official field numbers and types, field names in the camelCase of onnx-types.ts. Fields not
 * listed here are skipped on read. Repeated numbers are packed exactly where onnx.proto says `[packed = true]`.
 */
import type { IField, INamespace, IType } from 'protobufjs/light.js';

const PACKED = { packed: true };
const EXPANDED = { packed: false };

/** A proto2 message: explicit presence (a field set to 0 is still written), as onnx.proto. */
const proto2 = (fields: Record<string, IField>): IType => ({ edition: 'proto2', fields });

export const ONNX_PROTO: INamespace = {
  nested: {
    onnx: {
      nested: {
        OperatorSetIdProto: proto2({
          domain: { id: 1, type: 'string' },
          version: { id: 2, type: 'int64' },
        }),
        StringStringEntryProto: proto2({
          key: { id: 1, type: 'string' },
          value: { id: 2, type: 'string' },
        }),
        TensorProto: proto2({
          dims: { id: 1, type: 'int64', rule: 'repeated', options: EXPANDED },
          dataType: { id: 2, type: 'int32' },
          floatData: { id: 4, type: 'float', rule: 'repeated', options: PACKED },
          int32Data: { id: 5, type: 'int32', rule: 'repeated', options: PACKED },
          stringData: { id: 6, type: 'bytes', rule: 'repeated' },
          int64Data: { id: 7, type: 'int64', rule: 'repeated', options: PACKED },
          name: { id: 8, type: 'string' },
          rawData: { id: 9, type: 'bytes' },
          doubleData: { id: 10, type: 'double', rule: 'repeated', options: PACKED },
          docString: { id: 12, type: 'string' },
        }),
        Dimension: proto2({
          dimValue: { id: 1, type: 'int64' },
          dimParam: { id: 2, type: 'string' },
        }),
        TensorShapeProto: proto2({ dim: { id: 1, type: 'Dimension', rule: 'repeated' } }),
        TensorTypeProto: proto2({
          elemType: { id: 1, type: 'int32' },
          shape: { id: 2, type: 'TensorShapeProto' },
        }),
        TypeProto: proto2({ tensorType: { id: 1, type: 'TensorTypeProto' } }),
        ValueInfoProto: proto2({
          name: { id: 1, type: 'string' },
          type: { id: 2, type: 'TypeProto' },
          docString: { id: 3, type: 'string' },
        }),
        AttributeProto: proto2({
          name: { id: 1, type: 'string' },
          f: { id: 2, type: 'float' },
          i: { id: 3, type: 'int64' },
          s: { id: 4, type: 'bytes' },
          t: { id: 5, type: 'TensorProto' },
          floats: { id: 7, type: 'float', rule: 'repeated', options: EXPANDED },
          ints: { id: 8, type: 'int64', rule: 'repeated', options: EXPANDED },
          strings: { id: 9, type: 'bytes', rule: 'repeated' },
          type: { id: 20, type: 'int32' },
        }),
        NodeProto: proto2({
          input: { id: 1, type: 'string', rule: 'repeated' },
          output: { id: 2, type: 'string', rule: 'repeated' },
          name: { id: 3, type: 'string' },
          opType: { id: 4, type: 'string' },
          attribute: { id: 5, type: 'AttributeProto', rule: 'repeated' },
          docString: { id: 6, type: 'string' },
          domain: { id: 7, type: 'string' },
        }),
        GraphProto: proto2({
          node: { id: 1, type: 'NodeProto', rule: 'repeated' },
          name: { id: 2, type: 'string' },
          initializer: { id: 5, type: 'TensorProto', rule: 'repeated' },
          docString: { id: 10, type: 'string' },
          input: { id: 11, type: 'ValueInfoProto', rule: 'repeated' },
          output: { id: 12, type: 'ValueInfoProto', rule: 'repeated' },
          valueInfo: { id: 13, type: 'ValueInfoProto', rule: 'repeated' },
        }),
        ModelProto: proto2({
          irVersion: { id: 1, type: 'int64' },
          producerName: { id: 2, type: 'string' },
          producerVersion: { id: 3, type: 'string' },
          domain: { id: 4, type: 'string' },
          modelVersion: { id: 5, type: 'int64' },
          docString: { id: 6, type: 'string' },
          graph: { id: 7, type: 'GraphProto' },
          opsetImport: { id: 8, type: 'OperatorSetIdProto', rule: 'repeated' },
          metadataProps: { id: 14, type: 'StringStringEntryProto', rule: 'repeated' },
        }),
      },
    },
  },
};
