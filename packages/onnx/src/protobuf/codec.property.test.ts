import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from './onnx-codec';
import type { AttributeProto, ModelProto, NodeProto, TensorProto, ValueInfoProto } from './onnx-types';

const int = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const bytes = fc.uint8Array({ maxLength: 24 });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 4 });

/** Optional fields drawn present or absent; repeated fields always arrays, as the decoder returns them. */
function record<T>(shape: { [K in keyof T]-?: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(shape as never).map((r) => {
    const out = { ...(r as Record<string, unknown>) };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as T;
  });
}

const tensor: fc.Arbitrary<TensorProto> = record<TensorProto>({
  dims: list(fc.nat({ max: 1 << 30 })),
  dataType: opt(fc.nat({ max: 16 })),
  floatData: list(fc.float()),
  int32Data: list(fc.integer()),
  stringData: list(bytes),
  int64Data: list(int),
  name: opt(text),
  rawData: opt(bytes),
  doubleData: list(fc.double()),
  docString: opt(text),
});

const attribute: fc.Arbitrary<AttributeProto> = record<AttributeProto>({
  name: opt(text),
  f: opt(fc.float()),
  i: opt(int),
  s: opt(bytes),
  t: opt(tensor),
  floats: list(fc.float()),
  ints: list(int),
  strings: list(bytes),
  type: opt(fc.nat({ max: 14 })),
});

const node: fc.Arbitrary<NodeProto> = record<NodeProto>({
  input: list(text),
  output: list(text),
  name: opt(text),
  opType: opt(text),
  attribute: list(attribute),
  docString: opt(text),
  domain: opt(text),
});

const valueInfo: fc.Arbitrary<ValueInfoProto> = record<ValueInfoProto>({
  name: opt(text),
  type: opt(
    fc.record({
      tensorType: fc.record({
        elemType: fc.nat({ max: 16 }),
        shape: fc.record({
          dim: list(fc.oneof(fc.record({ dimValue: fc.nat() }), fc.record({ dimParam: text }))),
        }),
      }),
    }),
  ),
  docString: opt(text),
});

const model: fc.Arbitrary<ModelProto> = record<ModelProto>({
  irVersion: opt(int),
  producerName: opt(text),
  producerVersion: opt(text),
  domain: opt(text),
  modelVersion: opt(int),
  docString: opt(text),
  graph: opt(
    record({
      node: list(node),
      name: opt(text),
      initializer: list(tensor),
      docString: opt(text),
      input: list(valueInfo),
      output: list(valueInfo),
      valueInfo: list(valueInfo),
    }),
  ),
  opsetImport: list(record({ domain: opt(text), version: opt(int) })),
  metadataProps: list(record({ key: opt(text), value: opt(text) })),
});

describe('ONNX protobuf codec', () => {
  it('decodes what it encodes, for any message of the supported subset', () => {
    fc.assert(
      fc.property(model, (m) => {
        expect(decodeModel(encodeModel(m))).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });

  it('reads repeated numbers both packed and unpacked (proto2 writers differ)', () => {
    // TensorProto.dims = [3, 300] unpacked (field 1, varints), then packed (field 1, length-delimited).
    const unpacked = Uint8Array.of(0x08, 0x03, 0x08, 0xac, 0x02);
    const packed = Uint8Array.of(0x0a, 0x03, 0x03, 0xac, 0x02);
    const wrap = (t: Uint8Array) => Uint8Array.of(0x3a, t.length + 2, 0x2a, t.length, ...t); // graph(7) { initializer(5) }
    for (const t of [unpacked, packed])
      expect(decodeModel(wrap(t)).graph!.initializer![0]!.dims).toEqual([3, 300]);
  });

  it('skips fields it does not know', () => {
    // Field 20 (ModelProto.training_info, not read here) before ir_version = 9.
    const bytes = Uint8Array.of(0xa2, 0x01, 0x02, 0x08, 0x01, 0x08, 0x09);
    expect(decodeModel(bytes).irVersion).toBe(9);
  });
});
