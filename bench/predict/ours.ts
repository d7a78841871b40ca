/**
 * Our side of one sample, in its own process so peak RSS is per side: an awaited `predict` of one row per row
 * (the like-for-like of ORT's awaited `run`), `predictOne` per row (synchronous, on the calling thread; ORT has
 * no synchronous API to compare it with) and `predict` per batch (thread pool of STUDIO_THREADS threads).
 * Usage: tsx ours.ts <dir> <calls> <batchRows> <batches> <threads>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../packages/engine/src/index';
import { FEATURES } from '../engine/credit-data';
import { args, measure, readRows } from './sample';

const a = args('ours');
const { X, y } = readRows(a.dir);
const n = y.length;
const model = loadModel(new Uint8Array(readFileSync(join(a.dir, 'model.bin'))));
const row = (i: number) => {
  const r = (i % n) * FEATURES;
  return X.subarray(r, r + FEATURES);
};
await measure(a, y, {
  singles: async (from, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (await model.predict(row(from + i), 1))[0]!;
  },
  syncSingles: (from, out) => {
    for (let i = 0; i < out.length; i++) out[i] = model.predictOne(row(from + i));
  },
  batch: (count) => model.predict(X.subarray(0, count * FEATURES), count),
});
model.dispose();
