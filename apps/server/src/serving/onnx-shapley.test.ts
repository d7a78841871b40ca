import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, type Row } from '@studio/data';
import { loadQuantizedModel } from '@studio/engine';
import {
  assertRunnable,
  decodePipelineArtifact,
  executePlan,
  findTemplate,
  type PipelineArtifact,
} from '@studio/pipeline';
import { sharedDataset } from '@studio/test-support';
import * as ort from 'onnxruntime-node';
import { csvRecords } from './csv-records';
import { checkRecord, inputSchemaOf } from './input-schema';
import { shapleyBaseline, type ModelIdentity, type ShapleyBaseline } from './loaded-model';
import { feedsOf, graphInputs } from './onnx-feeds';
import { exportDeploymentOnnx, OnnxModel } from './onnx-model';
import { OnnxShapley, wholeGraphShapley } from './onnx-shapley';

const file = sharedDataset('german_credit.csv');
const target = 'creditability';
/** Left out by the Dataset node, so the network reads 8 of the 20 columns (exact Shapley values). */
const EXCLUDED = [
  'present_employment_since',
  'installment_rate_in_percentage_of_disposable_income',
  'personal_status_and_sex',
  'other_debtors_or_guarantors',
  'present_residence_since',
  'property',
  'other_installment_plans',
  'housing',
  'number_of_existing_credits_at_this_bank',
  'job',
  'number_of_people_being_liable_to_provide_maintenance_for',
  'telephone',
];

interface Trained {
  transforms: Uint8Array;
  pipeline: PipelineArtifact;
  onnx: { fp32: Uint8Array; int8: Uint8Array };
  identity: ModelIdentity;
  baseline: ShapleyBaseline;
  rows: Row[];
}

/** The neural-network template on German credit, exported as the onnx runtime serves it (fp32 and INT8 QDQ). */
async function trainNetwork(exclude: string[]): Promise<Trained> {
  const graph = findTemplate('neural-network-pd')!.build(file, target, exclude);
  const result = await executePlan(assertRunnable(graph), {
    loadDataset: async (path: string) => ({
      path,
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    }),
  });
  const bytes = (kind: string) => result.artifacts.find((a) => a.kind === kind)!.bytes;
  const transforms = bytes('transforms');
  const pipeline = decodePipelineArtifact(transforms);
  const fields = await inputSchemaOf(file, pipeline);
  const q = loadQuantizedModel(bytes('weights-int8'));
  const scales = q.activationScales();
  q.dispose();
  const identity: ModelIdentity = {
    deploymentId: 'd',
    slug: 'net',
    name: 'net',
    version: 1,
    artifactHash: 'h',
    fields,
    logSampleRate: 0,
    strict: false,
  };
  const table = parseCsv(readFileSync(file));
  const rows = [...csvRecords(fields, table)]
    .filter(([i]) => i % 83 === 0)
    .map(([, r]) => {
      const checked = checkRecord(fields, r, '', identity);
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return checked.row;
    });
  return {
    transforms,
    pipeline,
    onnx: {
      fp32: exportDeploymentOnnx(fields, transforms, bytes('weights')),
      int8: exportDeploymentOnnx(fields, transforms, bytes('weights'), scales),
    },
    identity,
    baseline: shapleyBaseline(fields)!,
    rows,
  };
}

describe.each([
  ['20 columns (sampled coalitions)', [] as string[]],
  ['8 columns (every coalition)', EXCLUDED],
])('Shapley reason codes on the onnx runtime, network read %s', (_name, exclude) => {
  let t: Trained;
  beforeAll(async () => {
    t = await trainNetwork(exclude);
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
