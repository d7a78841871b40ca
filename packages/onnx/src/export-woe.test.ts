import { applyPipeline, binaryTarget, fitWoe, readCsv } from '@studio/data';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx';
import {
  features,
  germanCredit,
  rawColumns,
  rawFeeds,
  trainModel,
  withGaps,
  woePipeline,
} from './test-support/german-credit';
import { maxAbsDiff, runOnnx } from './test-support/run-onnx';

describe('WOE scorecard export', () => {
  it('matches applyPipeline + engine, with gaps, a special value and unseen categories in the Missing bin', async () => {
    const { table, y } = await germanCredit();
    const transforms = woePipeline(table);
    const train = features(applyPipeline(transforms, table));
    const model = await trainModel((inputs) => ({ kind: 'logistic', inputs }), train.X, y, table.rowCount);
    const scored = withGaps(table);
    const test = features(applyPipeline(transforms, scored));
    const native = await model.predict(test.X, scored.rowCount);
    const columns = rawColumns(table);
    const bytes = exportOnnx({ columns, transforms, model: model.save() });
    model.dispose();
    const out = await runOnnx(bytes, rawFeeds(scored, columns));
    const diff = maxAbsDiff(out.probability, native);
    console.log(`woe logistic: max |p_onnx - p_engine| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    // The special value of duration_in_month has its own bin, so rows holding it must score apart from their range.
    const duration = scored.columns.find((c) => c.name === 'duration_in_month')!;
    expect(duration.type !== 'categorical' && duration.values.includes(24)).toBe(true);
  });
});

describe('WOE export fed float32 inputs', () => {
  it('bins a row on a decimal cut or special value as the Studio bins it in double', async () => {
    // Decimal data values: the fitted cuts are such values, which float32 cannot hold exactly, and rows sit on them.
    const values = [0.1, 0.1385, 0.2709, 0.3898, 0.4011, 0.4771, 0.585, 0.7333, 1.1026];
    const lines = ['ratio,creditability'];
    for (let i = 0; i < 900; i++) {
      const k = (i * 7) % values.length;
      lines.push(`${values[k]},${(i * 13) % 10 < 1 + k ? 'bad' : 'good'}`);
    }
    const table = await readCsv(new TextEncoder().encode(`${lines.join('\n')}\n`));
    const y = binaryTarget(table, 'creditability', 'bad');
    const transforms = [
      fitWoe(table, { target: 'creditability', badValue: 'bad', specialValues: { ratio: [0.1] } }),
    ];
    const woe = transforms[0]!.columns[0]!;
    // The case this test is for: cuts a float32 input does not hold, with rows on them.
    expect(woe.type === 'numeric' && woe.cuts.filter((c) => Math.fround(c) !== c).length).toBeGreaterThan(0);
    const data = table.columns.filter((c) => c.name !== 'creditability');
    const scored = { ...table, columns: data };
    const test = applyPipeline(transforms, scored);
    const X = Float32Array.from((test.columns[0] as { values: Float64Array }).values);
    const model = await trainModel((inputs) => ({ kind: 'logistic', inputs }), X, y, table.rowCount);
    const native = await model.predict(X, table.rowCount);
    const columns = rawColumns(scored);
    const bytes = exportOnnx({ columns, transforms, model: model.save() });
    model.dispose();
    const out = await runOnnx(bytes, rawFeeds(scored, columns));
    expect(maxAbsDiff(out.probability, native)).toBeLessThan(1e-6);
  });
});
