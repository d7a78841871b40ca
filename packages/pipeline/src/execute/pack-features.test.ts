import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  fitImpute,
  fitOneHot,
  fitStandardize,
  mulberry32,
  type FittedTransform,
  type Table,
} from '@studio/data';
import type { RunWarning } from '../run-types';
import { applySteps } from './apply-steps';
import type { FittedStep } from './fit-transforms';
import { featureMatrix } from './model-input';
import { packFeatures } from './pack-features';

/** A table with gaps in two numeric columns, a constant column and a text column. */
function loans(rows: number, seed: number): Table {
  const r = mulberry32(seed);
  const gap = (v: number) => (r() < 0.1 ? NaN : v);
  const income = Float64Array.from({ length: rows }, () => gap(20000 + 90000 * r()));
  const ratio = Float64Array.from({ length: rows }, () => gap(r() * 1.3));
  const age = Float64Array.from({ length: rows }, () => 18 + Math.floor(60 * r()));
  const flat = new Float64Array(rows).fill(3);
  const codes = Int32Array.from({ length: rows }, () => (r() < 0.05 ? -1 : Math.floor(3 * r())));
  return {
    rowCount: rows,
    columns: [
      { name: 'income', type: 'numeric', values: income },
      { name: 'ratio', type: 'numeric', values: ratio },
      { name: 'age', type: 'numeric', values: age },
      { name: 'flat', type: 'numeric', values: flat },
      { name: 'region', type: 'categorical', codes, levels: ['north', 'south', 'east'] },
    ],
  };
}

/** Fits `fits` in order on `train` (each on the output of the one before), as fitTransforms does. */
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

const tablePath = (steps: FittedStep[], table: Table, features: string[]) =>
  featureMatrix(applySteps(steps, table, []), features);

const bits = (x: Float32Array) => new Uint32Array(x.buffer, x.byteOffset, x.length);

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { message: (e as Error).message, code: (e as { code?: string }).code };
  }
  return null;
};

describe('packFeatures fuses the trailing impute/one-hot/standardise steps into packing', () => {
  const train = loans(2000, 1);
  const test = loans(700, 2);
  const features = ['income', 'ratio', 'age', 'flat', 'region=north', 'region=south', 'region=east'];

  it('gives the exact matrix of applySteps + featureMatrix (impute → one-hot → standardize → median fill)', () => {
    const steps = chain(train, [
      (t) => fitImpute(t, { numeric: 'median' }),
      (t) => fitOneHot(t, { columns: ['region'] }),
      (t) => fitStandardize(t),
      (t) => fitImpute(t, { columns: features, numeric: 'median' }),
    ]);
    const warnings: RunWarning[] = [];
    const fused = packFeatures(steps, test, features, warnings);
    expect(bits(fused)).toEqual(bits(tablePath(steps, test, features)));
    expect(fused.length).toBe(test.rowCount * features.length);
  });

  it('agrees for other orders (standardize before impute, a fill only, no tail at all)', () => {
    for (const fits of [
      [(t: Table) => fitStandardize(t), (t: Table) => fitImpute(t, { numeric: 'mean' })],
      [(t: Table) => fitImpute(t, { numeric: 'constant', numericConstant: -1 })],
      [
        (t: Table) => fitImpute(t, { numeric: 'median' }),
        (t: Table) => fitStandardize(t),
        (t: Table) => fitStandardize(t),
      ],
    ]) {
      const steps = chain(train, fits);
      const cols = ['income', 'ratio', 'age', 'flat'];
      expect(bits(packFeatures(steps, test, cols, []))).toEqual(bits(tablePath(steps, test, cols)));
    }
  });

  it('fuses imputation with indicators, text imputation and one-hot too: same bits, same warnings', () => {
    // The test side has a category training never saw: the one-hot step warns about it on both paths.
    const shifted = loans(900, 5);
    const region = shifted.columns.find((c) => c.name === 'region')!;
    const unseen = { ...region, levels: ['north', 'west', 'east'] };
    const testSide = { ...shifted, columns: shifted.columns.map((c) => (c === region ? unseen : c)) };
    const cols = ['income', 'income_missing', 'ratio', 'age', 'region_missing', ...features.slice(4)];
    for (const categorical of ['mode', 'constant'] as const) {
      const steps = chain(train, [
        (t) => fitImpute(t, { numeric: 'median', categorical, indicator: true }),
        (t) => fitOneHot(t, { columns: ['region'] }),
        (t) => fitStandardize(t),
        (t) => fitImpute(t, { columns: cols, numeric: 'median' }),
      ]);
      const fusedWarnings: RunWarning[] = [];
      const tableWarnings: RunWarning[] = [];
      const fused = packFeatures(steps, testSide, cols, fusedWarnings);
      const expected = featureMatrix(applySteps(steps, testSide, tableWarnings), cols);
      expect(bits(fused)).toEqual(bits(expected));
      expect(fusedWarnings).toEqual(tableWarnings);
      expect(fusedWarnings.map((w) => w.code)).toEqual(['UNSEEN_CATEGORY']);
    }
  });

  it('refuses a gap left after the tail, and text, with the same errors as the table path', () => {
    const scaleOnly = chain(train, [(t) => fitStandardize(t)]);
    const gap = errorOf(() => packFeatures(scaleOnly, test, ['age', 'income'], []));
    expect(gap?.code).toBe('FEATURE_MISSING');
    expect(gap).toEqual(errorOf(() => tablePath(scaleOnly, test, ['age', 'income'])));
    const text = errorOf(() => packFeatures(scaleOnly, test, ['age', 'region'], []));
    expect(text?.code).toBe('FEATURE_NOT_NUMERIC');
    expect(text).toEqual(errorOf(() => tablePath(scaleOnly, test, ['age', 'region'])));
    const renamed = { ...test, columns: test.columns.filter((c) => c.name !== 'ratio') };
    expect(errorOf(() => packFeatures(scaleOnly, renamed, ['age'], []))).toEqual(
      errorOf(() => tablePath(scaleOnly, renamed, ['age'])),
    );
  });
});
