import { describe, expect, it } from 'vitest';
import { NonFiniteInputError } from './errors';
import { createModel, type ModelSpec } from './index';
import { xorData } from './test-fixtures';

const train = xorData(2000, 5);
const test = xorData(300, 6);

describe('awaited predict of one row (computed on the calling thread)', () => {
  const specs: ModelSpec[] = [
    { kind: 'logistic', inputs: 2 },
    { kind: 'mlp', inputs: 2, layers: [{ units: 8, activation: 'relu' }] },
  ];
  for (const spec of specs) {
    it(`${spec.kind}: the same number as predictOne and as the row's place in a batch`, async () => {
      const m = createModel(spec);
      await m.train(train.X, train.y, train.rows, { epochs: 3, seed: 1 });
      const batch = await m.predict(test.X, test.rows);
      for (let i = 0; i < test.rows; i++) {
        const row = test.X.subarray(2 * i, 2 * i + 2);
        const one = await m.predict(row, 1);
        expect(one).toBeInstanceOf(Float32Array);
        expect(one.length).toBe(1);
        expect(one[0]).toBe(m.predictOne(row));
        expect(one[0]).toBe(batch[i]);
      }
      await expect(m.predict(new Float32Array([0, Number.NaN]), 1)).rejects.toBeInstanceOf(
        NonFiniteInputError,
      );
      m.dispose();
      await expect(m.predict(test.X.subarray(0, 2), 1)).rejects.toThrow();
    });
  }
});
