import { applyPipeline, getColumn } from '@studio/data';
import { describe, expect, it } from 'vitest';
import type { RawColumn } from './export-input';
import { exportOnnx } from './export-onnx';
import { resolvePreprocessing } from './export-input';
import { importOnnx } from './import-onnx';
import { germanCredit, oneHotPipeline, rawColumns, trainModel, TARGET } from './test-support/german-credit';
import { maxAbsDiff, runOnnx } from './test-support/run-onnx';

const USED = ['duration_in_month', 'purpose', 'foreign_worker'];

describe('ONNX inputs: the columns the model uses, typed as the dataset types them', () => {
  it('leaves unused columns out, and takes a boolean column as the CSV words ("yes"/"no", "True"/"False")', async () => {
    const { table, y } = await germanCredit();
    expect(getColumn(table, 'foreign_worker').type).toBe('boolean');
    const transforms = oneHotPipeline(table);
    const transformed = applyPipeline(transforms, table);
    // The model reads only the features that come from three of the twenty columns.
    const features = transformed.columns
      .map((c) => c.name)
      .filter((n) => n !== TARGET && USED.some((u) => n === u || n.startsWith(`${u}=`)));
    const X = new Float32Array(table.rowCount * features.length);
    features.forEach((f, j) => {
      const c = getColumn(transformed, f);
      if (c.type === 'categorical') throw new Error(`${f} is not numeric`);
      for (let i = 0; i < table.rowCount; i++) X[i * features.length + j] = c.values[i]!;
    });
    const model = await trainModel((inputs) => ({ kind: 'logistic', inputs }), X, y, table.rowCount);
    const native = await model.predict(X, table.rowCount);
    const columns: RawColumn[] = rawColumns(table).map((c) =>
      c.name === 'foreign_worker' ? { ...c, type: 'boolean' } : c,
    );
    const input = { columns, transforms, features, model: model.save() };
    model.dispose();
    expect(resolvePreprocessing(input).inputs.map((c) => c.name)).toEqual(
      columns.map((c) => c.name).filter((n) => USED.includes(n)),
    );

    const bytes = exportOnnx(input);
    const imported = importOnnx(bytes);
    expect(imported.columns).toEqual([
      { name: 'duration_in_month', type: 'numeric' },
      { name: 'purpose', type: 'categorical' },
      { name: 'foreign_worker', type: 'boolean' },
    ]);
    const duration = getColumn(table, 'duration_in_month');
    const purpose = getColumn(table, 'purpose');
    const foreign = getColumn(table, 'foreign_worker');
    if (duration.type === 'categorical' || purpose.type !== 'categorical' || foreign.type === 'categorical')
      throw new Error('unexpected German credit types');
    const feeds = (words: [string, string]) => ({
      duration_in_month: Float32Array.from(duration.values),
      purpose: Array.from(purpose.codes, (k) => (k < 0 ? '' : purpose.levels[k]!)),
      foreign_worker: Array.from(foreign.values, (v) => (v === 1 ? words[0] : words[1])),
    });
    for (const words of [
      ['yes', 'no'],
      ['True', 'False'],
      ['1', '0'],
    ] as [string, string][]) {
      const out = await runOnnx(bytes, feeds(words));
      expect(maxAbsDiff(out.probability, native)).toBeLessThan(1e-5);
    }
    // A word that is no boolean is a missing value (as the CSV reader reads it), which the impute step fills.
    const unknown = await runOnnx(bytes, feeds(['maybe', 'maybe']));
    const missing = await runOnnx(bytes, feeds(['', '']));
    expect(unknown.probability.every((p) => Number.isFinite(p))).toBe(true);
    expect(maxAbsDiff(unknown.probability, missing.probability)).toBe(0);
  });
});
