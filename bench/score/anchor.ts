/**
 * The onnxruntime-node side of one bench/score sample, in its own process: the deployment's ONNX export (the
 * fitted preprocessing and the model, raw columns in) in one session at one thread, fed the prepared records
 * the way the `onnx` runtime feeds them (`feedsOf`: one `[N, 1]` tensor per column), one awaited `run` per batch.
 * Usage: tsx anchor.ts <dir> <blocks>
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import type { InputField } from '../../packages/api/src/index';
import type { Row } from '../../packages/data/src/index';
import { feedsOf, graphInputs } from '../../apps/server/src/serving/onnx-feeds';
import { args, readJson, report, timeBlocks } from './sample';

// The server's dependency, resolved from there (bench/ has no dependencies of its own).
const ort = createRequire(join(import.meta.dirname, '../../apps/server/package.json'))(
  'onnxruntime-node',
) as typeof Ort;
const { dir, blocks } = args();
const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(dir, 'model.onnx'))), {
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
});
const inputs = graphInputs(session, readJson<InputField[]>(dir, 'fields.json'));
const rows = readJson<Row[]>(dir, 'rows.json');
const batch = await timeBlocks(blocks, async () => {
  const out = await session.run(feedsOf(inputs, rows), ['probability']);
  return Float32Array.from(out.probability!.data as Float32Array);
});
await session.release();
report(dir, 'anchor', batch.last, {
  batch: batch.timing,
  name: 'onnxruntime-node',
  version: ort.env.versions.common,
});
