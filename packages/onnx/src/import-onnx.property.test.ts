import { isStudioError } from '@studio/ir';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx';
import { importOnnx } from './import-onnx';
import type { StudioModel } from './model/studio-model';

const model: StudioModel = {
  kind: 'mlp',
  inputs: 2,
  embeddings: [],
  layers: [
    {
      units: 2,
      activation: 'relu',
      alpha: 0.01,
      dropout: 0,
      norm: 'none',
      weight: { rows: 2, cols: 2, data: Float32Array.of(1, 2, 3, 4) },
      bias: Float32Array.of(0, 1),
    },
  ],
  output: { weight: { rows: 2, cols: 1, data: Float32Array.of(1, -1) }, bias: Float32Array.of(0) },
};
const valid = exportOnnx({
  columns: [
    { name: 'x', type: 'numeric' },
    { name: 'c', type: 'categorical' },
  ],
  transforms: [
    {
      kind: 'woe',
      version: 1,
      columns: [{ name: 'c', type: 'categorical', groups: [['a']], bins: [{ woe: 1 }, { woe: 0 }] }],
    },
  ],
  model,
});

/** Either a successful import or a user error with a reason: never a crash of another kind. */
function importOrRefuse(bytes: Uint8Array): void {
  try {
    importOnnx(bytes);
  } catch (e) {
    if (!isStudioError(e) || e.kind !== 'user' || e.message.length < 40) throw e;
  }
}

describe('importOnnx on damaged input', () => {
  it('refuses arbitrary bytes with a user error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => importOrRefuse(b)),
      { numRuns: 500 },
    );
  });

  it('refuses or accepts (never crashes on) an export with bytes overwritten or cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.nat({ max: valid.length }),
        (edits, cut) => {
          const b = valid.slice(0, Math.max(1, cut));
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          importOrRefuse(b);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts the undamaged export', () => {
    expect(importOnnx(valid).features).toEqual(['x', 'c']);
  });
});
