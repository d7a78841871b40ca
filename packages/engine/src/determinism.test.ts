import { describe, expect, it } from 'vitest';
import { createModel, type MlpSpec } from './index';
import { xorData } from './test-fixtures';

const data = xorData(3000, 8);
const spec: MlpSpec = {
  kind: 'mlp',
  inputs: 2,
  layers: [
    { units: 32, activation: 'relu', dropout: 0.2, norm: 'batch' },
    { units: 16, activation: 'gelu', norm: 'layer' },
  ],
};

async function trainedBytes(seed: number): Promise<Uint8Array> {
  const model = createModel(spec);
  await model.train(data.X, data.y, data.rows, { lr: 0.01, epochs: 3, batchSize: 128, seed });
  const bytes = model.save();
  model.dispose();
  return bytes;
}

describe('determinism', () => {
  it('gives bitwise identical weights for the same seed, different ones for another seed', async () => {
    const a = await trainedBytes(42);
    const b = await trainedBytes(42);
    const c = await trainedBytes(43);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });
});
