import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CorruptModelError,
  createModel,
  InvalidEngineInputError,
  loadModel,
  NonFiniteInputError,
  ShapeMismatchError,
  type ModelSpec,
} from './index';

const activation = fc.constantFrom('relu', 'leaky_relu', 'gelu', 'sigmoid', 'tanh', 'linear' as const);
const specArb: fc.Arbitrary<ModelSpec> = fc.oneof(
  fc.record({ kind: fc.constant('logistic' as const), inputs: fc.integer({ min: 1, max: 6 }) }),
  fc.record({
    kind: fc.constant('mlp' as const),
    inputs: fc.integer({ min: 1, max: 6 }),
    layers: fc.array(
      fc.record({
        units: fc.integer({ min: 1, max: 12 }),
        activation,
        norm: fc.constantFrom(undefined, 'layer' as const, 'batch' as const),
      }),
      { maxLength: 3 },
    ),
  }),
);

describe('properties', () => {
  it('any spec and row count: predict gives one probability per row, equal to predictOne', async () => {
    await fc.assert(
      fc.asyncProperty(
        specArb,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        async (spec, rows, seed) => {
          const model = createModel(spec);
          const X = new Float32Array(rows * spec.inputs).map((_, i) => Math.sin(i * 12.9898 + seed) * 3);
          const y = new Uint8Array(rows).map((_, i) => i % 2);
          if (rows >= 2) await model.train(X, y, rows, { epochs: 1, batchSize: 8, seed, optimizer: 'adam' });
          const p = await model.predict(X, rows);
          expect(p.length).toBe(rows);
          for (let i = 0; i < rows; i++) {
            expect(p[i]).toBeGreaterThanOrEqual(0);
            expect(p[i]).toBeLessThanOrEqual(1);
            expect(model.predictOne(X.subarray(i * spec.inputs, (i + 1) * spec.inputs))).toBeCloseTo(
              p[i] ?? NaN,
              5,
            );
          }
          model.dispose();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('X of the wrong length is always a ShapeMismatchError', async () => {
    const model = createModel({ kind: 'mlp', inputs: 4, layers: [{ units: 3, activation: 'relu' }] });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 300 }),
        async (rows, len) => {
          fc.pre(len !== rows * 4);
          await expect(model.predict(new Float32Array(len), rows)).rejects.toBeInstanceOf(ShapeMismatchError);
          await expect(model.train(new Float32Array(len), new Uint8Array(rows), rows)).rejects.toBeInstanceOf(
            ShapeMismatchError,
          );
        },
      ),
      { numRuns: 60 },
    );
    model.dispose();
  });

  it('a non-finite value anywhere is reported at its row and column', async () => {
    const model = createModel({ kind: 'logistic', inputs: 5 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        async (rows, at, bad) => {
          const X = new Float32Array(rows * 5).fill(0.5);
          const pos = at % X.length;
          X[pos] = bad;
          const err = await model.predict(X, rows).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(NonFiniteInputError);
          expect(err).toMatchObject({ row: Math.floor(pos / 5), column: pos % 5 });
        },
      ),
      { numRuns: 60 },
    );
    model.dispose();
  });

  it('random bytes never load and never crash', () => {
    const good = createModel({ kind: 'mlp', inputs: 2, layers: [{ units: 2, activation: 'tanh' }] });
    const bytes = good.save();
    good.dispose();
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (random, at, xor) => {
          expect(() => loadModel(random)).toThrow(CorruptModelError);
          const mutated = bytes.slice();
          const i = at % mutated.length;
          mutated[i] = (mutated[i] ?? 0) ^ xor;
          expect(() => loadModel(mutated)).toThrow(CorruptModelError);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('arbitrary JSON as a spec is accepted or rejected with InvalidEngineInputError, never anything else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('logistic', 'mlp', 'x'), (junk, kind) => {
        const spec = (typeof junk === 'object' && junk !== null && !Array.isArray(junk)
          ? { ...junk, kind }
          : junk) as unknown as ModelSpec;
        try {
          createModel(spec).dispose();
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidEngineInputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
