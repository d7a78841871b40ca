import { beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '@studio/data';
import { GERMAN_EXACT_SHAPLEY_EXCLUDED } from '@studio/test-support';
import * as ort from 'onnxruntime-node';
import { trainOnnxNetwork, type OnnxNetwork } from '../test-support/onnx-network';
import { feedsOf, graphInputs } from './onnx-feeds';
import { OnnxModel } from './onnx-model';
import { OnnxShapley, wholeGraphShapley } from './onnx-shapley';

describe.each([
  ['20 columns (sampled coalitions)', [] as readonly string[]],
  ['8 columns (every coalition)', GERMAN_EXACT_SHAPLEY_EXCLUDED],
])('Shapley reason codes on the onnx runtime, network read %s', (_name, exclude) => {
  let t: OnnxNetwork;
  beforeAll(async () => {
    const trained = await trainOnnxNetwork(exclude);
    t = { ...trained, rows: trained.rows.filter((_, i) => i % 83 === 0) };
  }, 120_000);

  it.each(['fp32', 'int8'] as const)(
    '%s: the graph cut at its features gives the whole graph’s values and codes exactly',
    async (precision) => {
      const onnx = t.onnx[precision];
      const session = await ort.InferenceSession.create(onnx, { graphOptimizationLevel: 'all' });
      const inputs = graphInputs(session, t.identity.fields);
      const fields = t.identity.fields;
      const cut = await OnnxShapley.create(onnx, session, inputs, t.pipeline, fields, t.baseline);
      const model = await OnnxModel.load(t.identity, t.transforms, onnx);
      try {
        expect(cut.cutAtFeatures).toBe(true);
        expect(t.rows.length).toBeGreaterThanOrEqual(12);
        const logit = async (r: Row) =>
          ((await session.run(feedsOf(inputs, [r]), ['logit'])).logit!.data as Float32Array)[0]!;
        const base = await logit(t.baseline.row);
        let explained = 0;
        for (const row of t.rows) {
          const want = await wholeGraphShapley(session, inputs, t.pipeline, row, t.baseline);
          const got = await cut.explain(row);
          expect(got.contributions).toEqual(want.contributions);
          expect(got.reasons).toEqual(want.reasons);
          explained += want.reasons.length > 0 ? 1 : 0;
          // What the deployment answers: the same codes, at most four.
          expect((await model.predict(row)).reasons).toEqual(want.reasons.slice(0, 4));
          // Efficiency: the values add up to the graph's logit difference from the baseline.
          const sum = got.contributions.reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - ((await logit(row)) - base))).toBeLessThan(1e-4);
        }
        expect(explained).toBeGreaterThan(t.rows.length / 2);
      } finally {
        cut.dispose();
        model.dispose();
        void session.release();
      }
    },
    60_000,
  );
});
