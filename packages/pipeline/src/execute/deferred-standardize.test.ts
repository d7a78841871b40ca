import { describe, expect, it } from 'vitest';
import { mulberry32, type Table } from '@studio/data';
import type { TransformStep } from '../plan/plan-types';
import { fitTransforms, splitDeferred } from './fit-transforms';
import { completeColumns, featureMatrix, prepareModelInput } from './model-input';
import { applySteps } from './apply-steps';
import { packFeatures } from './pack-features';

/** Gaps in two numeric columns, complete numeric columns, a text column and the 0/1 target. */
function loans(rows: number, seed: number): Table {
  const r = mulberry32(seed);
  const gap = (v: number) => (r() < 0.1 ? NaN : v);
  const col = (f: () => number) => Float64Array.from({ length: rows }, f);
  return {
    rowCount: rows,
    columns: [
      { name: 'income', type: 'numeric', values: col(() => gap(20000 + 90000 * r())) },
      { name: 'ratio', type: 'numeric', values: col(() => gap(r() * 1.3)) },
      { name: 'age', type: 'numeric', values: col(() => 18 + Math.floor(60 * r())) },
      { name: 'score', type: 'numeric', values: col(() => 300 + 550 * r()) },
      {
        name: 'region',
        type: 'categorical',
        codes: Int32Array.from({ length: rows }, () => (r() < 0.05 ? -1 : Math.floor(3 * r()))),
        levels: ['north', 'south', 'east'],
      },
      { name: 'y', type: 'numeric', values: col(() => (r() < 0.2 ? 1 : 0)) },
    ],
  };
}

const steps = (order: 'impute-first' | 'standardize-last' | 'no-impute'): TransformStep[] => [
  ...(order === 'no-impute'
    ? []
    : [{ nodeId: 'impute', op: 'impute' as const, params: { strategy: 'median' } }]),
  { nodeId: 'onehot', op: 'one-hot', params: { maxCategories: 20, unseen: 'ignore' } },
  ...(order === 'impute-first' ? [] : [{ nodeId: 'scale', op: 'standardize' as const, params: {} }]),
];

/** The training matrix as the table path builds it, and as execute-plan does with the standardisation deferred. */
function both(table: Table, transforms: TransformStep[]) {
  const eager = fitTransforms(transforms, table, 'y', []);
  const eagerComplete = completeColumns(eager.steps.map((s) => s.fitted));
  const eagerInput = prepareModelInput(eager.table, 'y', [], 'lr', [], eagerComplete);
  const lazy = fitTransforms(transforms, table, 'y', [], { deferTrailingStandardize: true });
  const complete = completeColumns(lazy.steps.map((s) => s.fitted));
  const { table: inputTable, packSteps, scaled } = splitDeferred(lazy, complete, []);
  const lazyInput = prepareModelInput(inputTable, 'y', [], 'lr', [], complete, true, scaled);
  return {
    eager: {
      // The table path: every step applied to a table, then packed.
      X: featureMatrix(applySteps(eagerInput.unapplied, eagerInput.table, []), eagerInput.features),
      steps: [...eager.steps, ...eagerInput.implicit],
      features: eagerInput.features,
    },
    lazy: {
      X: packFeatures([...packSteps, ...lazyInput.unapplied], lazyInput.table, lazyInput.features, []),
      steps: [...lazy.steps, ...lazyInput.implicit],
      features: lazyInput.features,
      packSteps,
      deferred: lazy.deferred,
    },
  };
}

const bits = (x: Float32Array) => new Uint32Array(x.buffer, x.byteOffset, x.length);

describe('a trailing standardisation fused into packing the training matrix', () => {
  it('gives the same matrix, fitted steps and features as applying it to the table', () => {
    const { eager, lazy } = both(loans(3000, 7), steps('standardize-last'));
    expect(lazy.deferred?.fitted.kind).toBe('standardize');
    // Every column's scaling is left to the packing loop, the model's median fill of `age` and `score` too.
    const fused = lazy.packSteps.flatMap((s) =>
      s.fitted.kind === 'standardize' ? s.fitted.columns.map((c) => c.name) : [],
    );
    expect(fused).toEqual(expect.arrayContaining(['income', 'ratio', 'region=north', 'age', 'score']));
    expect(lazy.features).toEqual(eager.features);
    expect(JSON.stringify(lazy.steps)).toBe(JSON.stringify(eager.steps));
    expect(bits(lazy.X)).toEqual(bits(eager.X));
  });

  it('fits the model fill of columns with gaps from their unscaled order statistics: the same fills and matrix', () => {
    for (const rows of [2999, 3000, 80_000]) {
      const { eager, lazy } = both(loans(rows, rows), steps('no-impute'));
      const fill = lazy.steps.at(-1)!.fitted;
      expect(fill.kind === 'impute' && fill.columns.map((c) => c.name)).toEqual(
        expect.arrayContaining(['income', 'ratio']),
      );
      expect(JSON.stringify(lazy.steps)).toBe(JSON.stringify(eager.steps));
      expect(bits(lazy.X)).toEqual(bits(eager.X));
    }
  });

  it('applies the chain as before when it does not end in a standardisation', () => {
    const { eager, lazy } = both(loans(500, 3), steps('impute-first'));
    expect(lazy.deferred).toBeNull();
    expect(lazy.packSteps).toEqual([]);
    expect(bits(lazy.X)).toEqual(bits(eager.X));
  });
});
