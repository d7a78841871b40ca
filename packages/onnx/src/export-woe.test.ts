import { applyPipeline } from '@studio/data';
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
