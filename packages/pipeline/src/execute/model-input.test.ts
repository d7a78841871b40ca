import { describe, expect, it } from 'vitest';
import { applyTransform, fitImpute, fitOneHot, fitStandardize, type Table } from '@studio/data';
import { completeColumns, prepareModelInput } from './model-input';

const table: Table = {
  rowCount: 6,
  columns: [
    { name: 'income', type: 'numeric', values: Float64Array.from([1, NaN, 3, 4, 5, 6]) },
    { name: 'age', type: 'numeric', values: Float64Array.from([30, 40, 50, 60, 20, 25]) },
    { name: 'region', type: 'categorical', codes: Int32Array.from([0, 1, -1, 0, 1, 0]), levels: ['n', 's'] },
    { name: 'bad', type: 'numeric', values: Float64Array.from([0, 1, 0, 1, 0, 0]) },
  ],
};

describe('the model fills only the features that can have gaps', () => {
  it('leaves imputed, one-hot and missing-indicator columns out of its median fill, standardised or not', () => {
    const impute = fitImpute(table, { columns: ['income'], indicator: true });
    let t = applyTransform(impute, table);
    const onehot = fitOneHot(t, { columns: ['region'] });
    t = applyTransform(onehot, t);
    const scale = fitStandardize(t, { exclude: ['bad'] });
    t = applyTransform(scale, t);
    const complete = completeColumns([impute, onehot, scale]);
    expect([...complete].sort()).toEqual(['income', 'income_missing', 'region=n', 'region=s']);
    const input = prepareModelInput(t, 'bad', [], 'lr', [], complete);
    const fill = input.implicit.map((s) => s.fitted).find((f) => f.kind === 'impute');
    expect(fill?.kind === 'impute' && fill.columns.map((c) => c.name)).toEqual(['age']);
    expect(input.features).toEqual(['income', 'age', 'income_missing', 'region=n', 'region=s']);
  });

  it('still fills every numeric feature when nothing upstream makes it complete', () => {
    const input = prepareModelInput(table, 'bad', ['income', 'age'], 'lr', [], completeColumns([]));
    const fill = input.implicit.map((s) => s.fitted).find((f) => f.kind === 'impute');
    expect(fill?.kind === 'impute' && fill.columns.map((c) => c.name)).toEqual(['income', 'age']);
    expect(input.notes.some((n) => n.includes('income'))).toBe(true);
  });
});
