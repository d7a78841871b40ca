/**
 * The onnxruntime-node side of one sample, in its own process: the exported network (prepare.ts's
 * `networkOnly`, one `[N, features]` float input) with `intraOpNumThreads` = the engine's thread count,
 * one awaited `run` per row or per batch.
 * Usage: tsx anchor.ts <dir> <calls> <batchRows> <batches> <threads>
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FEATURES } from '../engine/credit-data';
import { args, measure, readRows } from './sample';

/** The part of onnxruntime-node's API used here (its types do not resolve from bench/, which has no dependencies). */
interface Ort {
  InferenceSession: {
    create(bytes: Uint8Array, options: Record<string, unknown>): Promise<Session>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => Tensor;
  env: { versions: { common: string } };
}
interface Tensor {
  data: unknown;
}
interface Session {
  run(feeds: Record<string, Tensor>, fetches: string[]): Promise<Record<string, Tensor | undefined>>;
  release(): Promise<void>;
}

// The devDependency of packages/onnx, resolved from there.
const ort = createRequire(join(import.meta.dirname, '../../packages/onnx/package.json'))(
  'onnxruntime-node',
) as Ort;

const a = args('anchor');
const { X, y } = readRows(a.dir);
const n = y.length;
const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(a.dir, 'model.onnx'))), {
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  intraOpNumThreads: a.threads,
  interOpNumThreads: 1,
});
/** Feeds for `count` rows from row `r`: one `[count, features]` tensor over the same memory ours reads. */
const feeds = (r: number, count: number): Record<string, Tensor> => ({
  features: new ort.Tensor('float32', X.subarray(r * FEATURES, (r + count) * FEATURES), [count, FEATURES]),
});
const probability = async (r: number, count: number) =>
  (await session.run(feeds(r, count), ['probability'])).probability?.data as Float32Array;
await measure(
  a,
  y,
  {
    singles: async (from, out) => {
      for (let i = 0; i < out.length; i++) out[i] = (await probability((from + i) % n, 1))[0] ?? Number.NaN;
    },
    batch: (count) => probability(0, count),
  },
  { name: 'onnxruntime-node', version: ort.env.versions.common },
);
await session.release();
