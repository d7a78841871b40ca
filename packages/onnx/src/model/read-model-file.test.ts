import { createModel } from '@studio/engine';
import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { readModelFile } from './read-model-file';

const saved = createModel({
  kind: 'mlp',
  inputs: 3,
  embeddings: [{ column: 2, cardinality: 4, dim: 2 }],
  layers: [{ units: 5, activation: 'relu', norm: 'batch' }],
}).save();

/** A copy with `edit` applied and the checksum recomputed, so the reader gets past the CRC to the real check. */
function resealed(edit: (b: Uint8Array, v: DataView) => Uint8Array | void): Uint8Array {
  let b: Uint8Array = saved.slice();
  b = edit(b, new DataView(b.buffer)) ?? b;
  const out = b.slice();
  new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

describe('readModelFile', () => {
  it('reads the shapes the spec implies, with batch-norm state', () => {
    const m = readModelFile(saved);
    expect(m.kind).toBe('mlp');
    expect(m.embeddings[0]!.table).toMatchObject({ rows: 4, cols: 2 });
    expect(m.layers[0]!.weight).toMatchObject({ rows: 2 + 2, cols: 5 });
    expect(m.layers[0]!.runningVar).toEqual(new Float32Array(5).fill(1));
    expect(m.output.weight).toMatchObject({ rows: 5, cols: 1 });
  });

  it('agrees with zlib on the CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['a short file', saved.subarray(0, 10), /does not start with STUDIOMD/],
    ['another magic', resealed((b) => void (b[0] = 0x58)), /does not start with STUDIOMD/],
    [
      'a flipped byte',
      (() => {
        const b = saved.slice();
        b[40]! ^= 1;
        return b;
      })(),
      /checksum does not match/,
    ],
    ['version 2', resealed((_, v) => v.setUint32(8, 2, true)), /format version 2/],
    [
      'a truncated tensor',
      resealed((b) => Uint8Array.of(...b.subarray(0, b.length - 12), 0, 0, 0, 0)),
      /runs past the end|tensors/,
    ],
    [
      'an unknown activation',
      resealed((b) => {
        // layers start after magic 8, version 4, kind 1, inputs 4, classes 4, 4 floats, sign count 4, layer count 4.
        b[8 + 4 + 1 + 4 + 4 + 16 + 4 + 4 + 4] = 9;
      }),
      /unknown activation 9/,
    ],
  ])('refuses %s with the reason', (_, bytes, why) => {
    expect(() => readModelFile(bytes)).toThrow(why);
  });
});
