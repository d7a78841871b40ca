import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx';
import { importOnnx } from './import-onnx';
import type { StudioModel } from './model/studio-model';
import { decodeModel, encodeModel } from './protobuf/onnx-codec';
import type { ModelProto } from './protobuf/onnx-types';

const model: StudioModel = {
  kind: 'logistic',
  inputs: 3,
  layers: [],
  embeddings: [],
  output: { weight: { rows: 3, cols: 1, data: Float32Array.of(0.5, -1, 2) }, bias: Float32Array.of(0.1) },
};
const columns = [
  { name: 'income', type: 'numeric' as const },
  { name: 'region', type: 'categorical' as const },
];
const transforms = [
  { kind: 'impute', version: 1, columns: [{ name: 'income', type: 'numeric', fill: 3, indicator: false }] },
  { kind: 'one-hot', version: 1, columns: [{ name: 'region', categories: ['north', 'south'] }] },
];
const bytes = exportOnnx({ columns, transforms, model });

function mutated(change: (m: ModelProto) => void): Uint8Array {
  const m = decodeModel(bytes);
  change(m);
  return encodeModel(m);
}

describe('importOnnx', () => {
  it('reads back what export wrote, and re-encodes it byte for byte', () => {
    const r = importOnnx(bytes);
    expect(r).toMatchObject({
      kind: 'logistic',
      precision: 'fp32',
      columns,
      features: ['income', 'region=north', 'region=south'],
    });
    expect(encodeModel(r.model)).toEqual(bytes);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['empty bytes', new Uint8Array(0), /the file is empty/],
    ['text', new TextEncoder().encode('{"not": "onnx"}'), /not a readable ONNX model|cannot be opened/],
    ['a truncated file', bytes.subarray(0, bytes.length - 7), /runs past the end|truncated/],
    [
      'another opset',
      mutated((m) => (m.opsetImport![0]!.version = 13)),
      /uses opset 13, Studio exports opset 19/,
    ],
    ['no studio metadata', mutated((m) => (m.metadataProps = [])), /studio metadata version is absent/],
    [
      'bad columns metadata',
      mutated((m) => (m.metadataProps!.find((p) => p.key === 'studio.columns')!.value = '[{')),
      /"studio.columns" is not JSON/,
    ],
    ['a renamed input', mutated((m) => (m.graph!.input![0]!.name = 'salary')), /input 0 should be "income"/],
    ['a missing output', mutated((m) => m.graph!.output!.pop()), /output "probability"/],
    [
      'a dangling node input',
      mutated((m) => (m.graph!.node![0]!.input![0] = 'ghost')),
      /reads "ghost" before anything defines it/,
    ],
    [
      'a short initializer',
      mutated((m) => {
        const t = m.graph!.initializer!.find((i) => i.rawData && i.rawData.length > 4)!;
        t.rawData = t.rawData!.subarray(4);
      }),
      /values for shape/,
    ],
  ])('refuses %s with the reason', (_, input, why) => {
    expect(() => importOnnx(input)).toThrow(why);
    try {
      importOnnx(input);
    } catch (e) {
      expect((e as { kind?: string }).kind).toBe('user');
    }
  });
});
