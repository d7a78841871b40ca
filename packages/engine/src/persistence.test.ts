import { describe, expect, it } from 'vitest';
import { CorruptModelError, createModel, loadModel } from './index';
import { xorData } from './test-fixtures';

const data = xorData(1000, 9);

describe('save / load', () => {
  it('round-trips a trained model: same spec, bitwise same predictions', async () => {
    const spec = {
      kind: 'mlp' as const,
      inputs: 2,
      layers: [{ units: 8, activation: 'tanh' as const, norm: 'batch' as const }],
    };
    const model = createModel(spec);
    await model.train(data.X, data.y, data.rows, { epochs: 2 });
    const bytes = model.save();
    const loaded = loadModel(bytes);
    expect(loaded.spec).toEqual(spec);
    expect(Array.from(await loaded.predict(data.X, data.rows))).toEqual(
      Array.from(await model.predict(data.X, data.rows)),
    );
    expect(Buffer.from(loaded.save()).equals(Buffer.from(bytes))).toBe(true);
    model.dispose();
    loaded.dispose();
  });

  it('rejects damaged files with CorruptModelError', () => {
    const model = createModel({ kind: 'logistic', inputs: 3 });
    const bytes = model.save();
    model.dispose();
    const flipped = bytes.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    for (const bad of [
      flipped,
      bytes.subarray(0, bytes.length - 7),
      new Uint8Array(0),
      new TextEncoder().encode('STUDIOMD'),
    ]) {
      expect(() => loadModel(bad)).toThrow(CorruptModelError);
    }
  });
});
