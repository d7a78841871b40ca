import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx';
import type { ExportInput } from './export-input';
import type { StudioModel } from './model/studio-model';

const model: StudioModel = {
  kind: 'logistic',
  inputs: 2,
  layers: [],
  embeddings: [],
  output: { weight: { rows: 2, cols: 1, data: Float32Array.of(1, 2) }, bias: Float32Array.of(0) },
};
const ok: ExportInput = {
  columns: [
    { name: 'a', type: 'numeric' },
    { name: 'b', type: 'numeric' },
  ],
  transforms: [],
  model,
};

describe('export input checks', () => {
  it.each<[string, ExportInput, RegExp]>([
    [
      'duplicate columns',
      { ...ok, columns: [ok.columns[0]!, ok.columns[0]!] },
      /columns: column names must be unique/,
    ],
    [
      'an unknown transform',
      { ...ok, transforms: [{ kind: 'bucketize', version: 1 }] },
      /transforms\.0\.kind/,
    ],
    [
      'a transform of another version',
      { ...ok, transforms: [{ kind: 'standardize', version: 2, columns: [] }] },
      /transforms\.0\.version/,
    ],
    [
      'a WOE column whose bins do not match its cuts',
      {
        ...ok,
        transforms: [
          {
            kind: 'woe',
            version: 1,
            columns: [{ name: 'a', type: 'numeric', cuts: [1], special: [], bins: [{ woe: 0 }] }],
          },
        ],
      },
      /one bin per range/,
    ],
    [
      'a transform reading an absent column',
      {
        ...ok,
        transforms: [{ kind: 'standardize', version: 1, columns: [{ name: 'z', mean: 0, scale: 1 }] }],
      },
      /reads column "z"/,
    ],
    [
      'a numeric step on text',
      {
        ...ok,
        columns: [{ name: 'a', type: 'categorical' }, ok.columns[1]!],
        transforms: [{ kind: 'standardize', version: 1, columns: [{ name: 'a', mean: 0, scale: 1 }] }],
      },
      /needs column "a" to be numeric/,
    ],
    ['an absent feature', { ...ok, features: ['a', 'c'] }, /Feature "c" is not produced/],
    ['the wrong feature count', { ...ok, features: ['a'] }, /reads 2 features but the transforms give 1/],
    [
      'a column named like an output',
      { ...ok, columns: [{ name: 'probability', type: 'numeric' }, ok.columns[1]!] },
      /may not be named "probability"/,
    ],
    ['tensors that do not chain', { ...ok, model: { ...model, inputs: 3 } }, /output weight is \[2, 1\]/],
    ['bytes that are not a model file', { ...ok, model: new Uint8Array(20) }, /does not start with STUDIOMD/],
  ])('refuses %s', (_, input, why) => {
    expect(() => exportOnnx(input)).toThrow(why);
  });
});
