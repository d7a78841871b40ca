import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  fitImpute,
  fitOneHot,
  fitStandardize,
  mulberry32,
  useColumnKernels,
  type FittedTransform,
  type Table,
} from '@studio/data';
import { hasTransformKernels } from '@studio/engine';
import type { RunWarning } from '../run-types';
import type { FittedStep } from './fit-transforms';
import { packFeatures } from './pack-features';
import { registerTransformKernels } from './native-kernels';
import { usePackKernel } from './pack-kernel';

/** Runs `fn` with the TypeScript passes and loops, then with the native kernels (as native-kernels.ts registers them). */
function both<T>(fn: () => T): { ts: T; native: T } {
  const on = registerTransformKernels;
  useColumnKernels(null);
  usePackKernel(null);
  try {
    const ts = fn();
    on();
    return { ts, native: fn() };
  } finally {
    on();
  }
}

/**
 * Random loans: numeric columns with gaps, signed zeros, a constant column, a column of gaps only on the
 * test side; a text column whose test side holds a category training never saw.
 */
function loans(rows: number, seed: number, unseen: boolean): Table {
  const r = mulberry32(seed);
  const gap = (v: number, p: number) => (r() < p ? NaN : v);
  return {
    rowCount: rows,
    columns: [
      {
        name: 'income',
        type: 'numeric',
        values: Float64Array.from({ length: rows }, () => gap(2e4 + 9e4 * r(), 0.1)),
      },
      {
        name: 'zero',
        type: 'numeric',
        values: Float64Array.from({ length: rows }, () => gap(r() < 0.5 ? -0 : 0, 0.05)),
      },
      {
        name: 'age',
        type: 'numeric',
        values: Float64Array.from({ length: rows }, () => 18 + Math.floor(60 * r())),
      },
      { name: 'flat', type: 'numeric', values: new Float64Array(rows).fill(3) },
      {
        name: 'late',
        type: 'numeric',
        values: Float64Array.from({ length: rows }, () => (unseen && r() < 0.02 ? NaN : Math.floor(3 * r()))),
      },
      {
        name: 'region',
        type: 'categorical',
        codes: Int32Array.from({ length: rows }, () => (r() < 0.05 ? -1 : Math.floor(4 * r()))),
        levels: unseen ? ['north', 'south', 'west', 'east'] : ['north', 'south', 'east', 'centre'],
      },
    ],
  };
}

function chain(train: Table, fits: ((t: Table) => FittedTransform)[]): FittedStep[] {
  const steps: FittedStep[] = [];
  let t = train;
  for (const fit of fits) {
    const fitted = fit(t);
    steps.push({ nodeId: `n${steps.length}`, fitted });
    t = applyTransform(fitted, t);
  }
  return steps;
}

/** Every byte of a matrix (so −0 and 0, and NaN patterns, compare apart), as one string to compare fast. */
const bytes = (x: Float32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64');

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { message: (e as Error).message, code: (e as { code?: string }).code };
  }
  return null;
};

describe('the native pack and column kernels against the TypeScript path (differential)', () => {
  it('are registered (rebuild native/ when this fails)', () => {
    expect(hasTransformKernels).toBe(true);
  });

  it.each([
    [300, 1],
    [5000, 2],
    [90_000, 3],
  ])('%i training rows (seed %i): the same fitted steps, matrices, warnings and errors', (rows, seed) => {
    const out = both(() => {
      const train = loans(rows, seed, false);
      const test = loans(Math.ceil(rows / 3), seed + 100, true);
      const regions = ['north', 'south', 'east', 'centre'].map((v) => `region=${v}`);
      const features = ['income', 'income_missing', 'zero', 'age', 'flat', 'late', ...regions];
      const steps = chain(train, [
        (t) => fitImpute(t, { numeric: 'median', indicator: true }),
        (t) => fitOneHot(t, { columns: ['region'], maxCategories: 4 }),
        (t) => fitStandardize(t),
        (t) => fitImpute(t, { columns: features, numeric: 'median' }),
      ]);
      const warnings: RunWarning[] = [];
      const X = packFeatures(steps, train, features, warnings);
      const Xs = packFeatures(steps, test, features, warnings);
      // Without the model's fill, the test side's gaps are left: the same error, or NaN where allowed (trees).
      const noFill = steps.slice(0, 3);
      const gapError = errorOf(() => packFeatures(noFill, test, features, []));
      const allowed = packFeatures(noFill, test, features, [], true);
      return {
        steps: JSON.stringify(steps),
        X: bytes(X),
        Xs: bytes(Xs),
        allowed: bytes(allowed),
        warnings,
        gapError,
      };
    });
    expect(out.native.gapError?.code).toBe('FEATURE_MISSING');
    expect(out.native.warnings.map((w) => w.code)).toContain('UNSEEN_CATEGORY');
    expect(out.native).toEqual(out.ts);
  });
});
