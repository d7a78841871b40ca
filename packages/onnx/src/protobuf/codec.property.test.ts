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

  it('writes the bytes the hand-written codec it replaced wrote (packing as onnx.proto, zeros and negatives kept)', () => {
    // Pinned from the previous codec: dims and attribute ints unpacked, float/int64/double data packed, a field
    // set to 0 still written, -1 as a 10-byte varint, UTF-8 strings, fields in number order.
    const m: ModelProto = {
      irVersion: 8,
      modelVersion: 0,
      producerName: 'studio',
      graph: {
        name: 'g',
        node: [
          {
            opType: 'Gemm',
            input: ['x', 'w'],
            output: ['y'],
            attribute: [
              { name: 'perm', type: 7, ints: [1, 0, -1] },
              { name: 'alpha', type: 1, f: 0.5 },
            ],
          },
        ],
        initializer: [
          { name: 'w', dataType: 1, dims: [2, 300], floatData: [1.5, -2] },
          { name: 'i', dataType: 7, dims: [2], int64Data: [-3, 2 ** 40] },
          { name: 'd', dataType: 11, dims: [1], doubleData: [0.1] },
        ],
        input: [
          {
            name: 'x',
            type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 3 }] } } },
          },
        ],
      },
      opsetImport: [{ domain: '', version: 17 }],
      metadataProps: [{ key: 'k', value: 'é' }],
    };
    expect(Buffer.from(encodeModel(m)).toString('hex')).toBe(
      '0808120673747564696f28003a99010a3a0a01780a0177120179220447656d6d2a180a047065726d4001400040ffffffffffffffffff01a0' +
        '01072a0f0a05616c706861150000003fa001011201672a14080208ac02100122080000c03f000000c04201772a19080210073a10fdffffff' +
        'ffffffffff018080808080204201692a110801100b42016452089a9999999999b93f5a140a0178120f0a0d080112090a0312014e0a0208' +
        '0342040a00101172070a016b1202c3a9',
    );
  });

  it('refuses bytes that are not protobuf, and integers past 2^53, as ONNX_MALFORMED', () => {
    // Truncated: graph (field 7) claims 10 bytes, 1 follows.
    expect(() => decodeModel(Uint8Array.of(0x3a, 0x0a, 0x00))).toThrow(
      expect.objectContaining({ code: 'ONNX_MALFORMED' }),
    );
    // ir_version = 2^60.
    const big = Uint8Array.of(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10);
    expect(() => decodeModel(big)).toThrow(expect.objectContaining({ code: 'ONNX_MALFORMED' }));
  });

  it('returns bytes that own their buffer (not a view of a shared pool)', () => {
    const bytes = encodeModel({ irVersion: 8, producerName: 'studio' });
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  it('skips fields it does not know', () => {
    // Field 20 (ModelProto.training_info, not read here) before ir_version = 9.
    const bytes = Uint8Array.of(0xa2, 0x01, 0x02, 0x08, 0x01, 0x08, 0x09);
    expect(decodeModel(bytes).irVersion).toBe(9);
  });
});
