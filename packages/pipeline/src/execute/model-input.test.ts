import { describe, expect, it } from 'vitest';
import { applyTransform, fitImpute, fitOneHot, fitStandardize, type Table } from '@studio/data';
import { PACK_BLOCK_ROWS, completeColumns, featureMatrix, prepareModelInput } from './model-input';

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

describe('featureMatrix across row blocks', () => {
  it('packs row-major like a column-by-column pass and reports the first feature with a gap', () => {
    const rows = PACK_BLOCK_ROWS * 2 + 7;
    const a = Float64Array.from({ length: rows }, (_, i) => i);
    const b = Float64Array.from({ length: rows }, (_, i) => -i / 3);
    const table = {
      rowCount: rows,
      columns: [
        { name: 'a', type: 'numeric' as const, values: a },
        { name: 'b', type: 'numeric' as const, values: b },
      ],
    };
    const X = featureMatrix(table, ['b', 'a']);
    for (const i of [0, 1, PACK_BLOCK_ROWS, rows - 1]) {
      expect(X[i * 2]).toBe(Math.fround(b[i]!));
      expect(X[i * 2 + 1]).toBe(Math.fround(a[i]!));
    }
    // A gap in "a" in the first block and one in "b" further down: "b" comes first among the features.
    a[5] = NaN;
    b[PACK_BLOCK_ROWS + 3] = NaN;
    expect(() => featureMatrix(table, ['b', 'a'])).toThrow(`row ${PACK_BLOCK_ROWS + 4} `);
    expect(featureMatrix(table, ['b', 'a'], true)[(PACK_BLOCK_ROWS + 3) * 2]).toBeNaN();
  });
});
