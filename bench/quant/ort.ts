/**
 * One timed batch-inference run of the INT8 QDQ ONNX export in onnxruntime-node (its own process).
 * Usage: tsx ort.ts <workdir> <repeat> <threads>; prints {"seconds","cpu_seconds","auc","peak_rss_mb","rows","version"}.
 * The graph standardises the raw columns itself, so its feeds are the raw held-out columns tiled `repeat` times.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { auc } from '../../packages/scoring/src/index';

// onnxruntime-node is a devDependency of packages/onnx; resolve it from there.
const require = createRequire(join(import.meta.dirname, '../../packages/onnx/package.json'));
const ort = require('onnxruntime-node') as typeof Ort;
const version = (require('onnxruntime-node/package.json') as { version: string }).version;

const [dir, repeatArg, threadsArg] = process.argv.slice(2);
const repeat = Number(repeatArg);
const columns = JSON.parse(readFileSync(join(dir!, 'raw-columns.json'), 'utf8')) as string[];
const raw = new Float32Array(new Uint8Array(readFileSync(join(dir!, 'raw-test.f32'))).buffer);
const yte = new Uint8Array(readFileSync(join(dir!, 'y-test.u8')));
const rows = yte.length;

function feeds(times: number): Record<string, InstanceType<typeof ort.Tensor>> {
  const out: Record<string, InstanceType<typeof ort.Tensor>> = {};
  columns.forEach((name, j) => {
    const one = raw.subarray(j * rows, (j + 1) * rows);
    const v = new Float32Array(rows * times);
    for (let r = 0; r < times; r++) v.set(one, r * rows);
    out[name] = new ort.Tensor('float32', v, [v.length, 1]);
  });
  return out;
}

const session = await ort.InferenceSession.create(
  new Uint8Array(readFileSync(join(dir!, 'model-int8.onnx'))),
  {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: Number(threadsArg),
  },
);
await session.run(feeds(1));
const input = feeds(repeat);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const out = await session.run(input);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const p = out.probability!.data as Float32Array;
console.log(
  JSON.stringify({
    seconds,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    auc: auc(yte, p.subarray(0, rows)),
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    rows: rows * repeat,
    version,
  }),
);
await session.release();
