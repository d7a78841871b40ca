import { applyPipeline } from '@studio/data';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from '../export-onnx';
import { META } from '../metadata';
import { decodeModel, encodeModel } from '../protobuf/onnx-codec';
import {
  features,
  germanCredit,
  oneHotPipeline,
  rawColumns,
  rawFeeds,
  trainModel,
  withGaps,
} from '../test-support/german-credit';
import { maxAbsDiff, runOnnx } from '../test-support/run-onnx';
import { splitAtFeatures } from './split-features';

const { table, y } = await germanCredit();
const scored = withGaps(table);
const transforms = oneHotPipeline(table);
const columns = rawColumns(table);
const train = features(applyPipeline(transforms, table));
const test = features(applyPipeline(transforms, scored));

/** Runs a graph on ort tensors; returns every output by name. */
async function run(
  bytes: Uint8Array,
  feeds: Record<string, ort.Tensor>,
): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

const asTensors = (feeds: Record<string, Float32Array | string[]>): Record<string, ort.Tensor> =>
  Object.fromEntries(
    Object.entries(feeds).map(([name, v]) => [
      name,
      v instanceof Float32Array
        ? new ort.Tensor('float32', v, [v.length, 1])
        : new ort.Tensor('string', v, [v.length, 1]),
    ]),
  );

describe('splitAtFeatures', () => {
  let whole: Uint8Array;
  beforeAll(async () => {
    const model = await trainModel(
      (inputs) => ({
        kind: 'mlp',
        inputs,
        layers: [
          { units: 8, activation: 'gelu', norm: 'batch' },
          { units: 4, activation: 'tanh' },
        ],
      }),
      train.X,
      y,
      table.rowCount,
    );
    whole = exportOnnx({ columns, transforms, features: train.names, model: model.save() });
    model.dispose();
  }, 60_000);

  it('front then network gives the whole graph: the raw inputs, the features, the same logit and probability', async () => {
    const split = splitAtFeatures(whole);
    expect(split).not.toBeNull();
    const { front, network, features: names } = split!;
    expect(names).toEqual(train.names);

    // The front takes the whole graph's inputs and yields only `features`; the network reads only `features`.
    const wholeGraph = decodeModel(whole).graph!;
    const frontGraph = decodeModel(front).graph!;
    const networkGraph = decodeModel(network).graph!;
    expect(frontGraph.input!.map((i) => i.name)).toEqual(wholeGraph.input!.map((i) => i.name));
    expect(frontGraph.output!.map((o) => o.name)).toEqual(['features']);
    expect(networkGraph.input!.map((i) => i.name)).toEqual(['features']);
    expect(networkGraph.output!.map((o) => o.name)).toEqual(wholeGraph.output!.map((o) => o.name));
    // The export's own nodes, none lost and none in both halves but the graph's.
    expect(frontGraph.node!.length + networkGraph.node!.length).toBeLessThanOrEqual(wholeGraph.node!.length);
    expect(frontGraph.node!.some((n) => n.output?.includes('features'))).toBe(true);
    expect(networkGraph.node!.some((n) => n.output?.includes('features'))).toBe(false);

    // Composed in onnxruntime on 1,000 rows with gaps and unseen categories: the whole graph's answers.
    const feeds = asTensors(rawFeeds(scored, columns));
    const transformed = (await run(front, feeds)).features!;
    expect(transformed.dims).toEqual([scored.rowCount, names.length]);
    // The front's features are the fitted transforms' own (what the engine was fed).
    expect(maxAbsDiff(transformed.data as Float32Array, test.X)).toBeLessThan(1e-5);
    const halves = await run(network, { features: transformed });
    const direct = await runOnnx(whole, rawFeeds(scored, columns));
    expect(halves.probability!.data).toHaveLength(scored.rowCount);
    expect(maxAbsDiff(halves.probability!.data as Float32Array, direct.probability)).toBeLessThan(1e-6);
    expect(maxAbsDiff(halves.logit!.data as Float32Array, direct.logit)).toBeLessThan(1e-6);
    // Not a constant: the network half really scores the rows.
    const p = Array.from(direct.probability);
    expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.2);
  });

  it('returns null for a graph without a `features` tensor or without its feature list', () => {
    const model = decodeModel(whole);
    const graph = model.graph!;

    // The Cast that makes `features` renamed (and its readers with it): no cut.
    const rename = (name: string | null | undefined) => (name === 'features' ? 'transformed' : name);
    const renamed = encodeModel({
      ...model,
      graph: {
        ...graph,
        node: graph.node!.map((n) => ({
          ...n,
          input: n.input?.map((i) => rename(i) ?? ''),
          output: n.output?.map((o) => rename(o) ?? ''),
        })),
      },
    });
    expect(splitAtFeatures(renamed)).toBeNull();

    // No feature list in the metadata (a graph from elsewhere), or one that is not a list of names.
    const withMeta = (value: string | null) =>
      encodeModel({
        ...model,
        metadataProps: [
          ...(model.metadataProps ?? []).filter((p) => p.key !== META.features),
          ...(value === null ? [] : [{ key: META.features, value }]),
        ],
      });
    expect(splitAtFeatures(withMeta(null))).toBeNull();
    expect(splitAtFeatures(withMeta('not json'))).toBeNull();
    expect(splitAtFeatures(withMeta('[1, 2]'))).toBeNull();
    // The untouched graph still splits (the cases above fail for the reason each names).
    expect(splitAtFeatures(withMeta(JSON.stringify(train.names)))).not.toBeNull();
  });
});
