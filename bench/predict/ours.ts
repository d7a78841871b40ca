/**
 * Our side of one sample, in its own process so peak RSS is per side: `predictOne` per row (synchronous,
 * on the calling thread) and `predict` per batch (thread pool of STUDIO_THREADS threads).
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
await measure(
  a,
  y,
  async (from, out) => {
    for (let i = 0; i < out.length; i++) {
      const r = ((from + i) % n) * FEATURES;
      out[i] = model.predictOne(X.subarray(r, r + FEATURES));
    }
  },
  (count) => model.predict(X.subarray(0, count * FEATURES), count),
);
model.dispose();
