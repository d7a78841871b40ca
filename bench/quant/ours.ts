/**
 * One timed batch-inference run of a saved model, in its own process so peak RSS is per run.
 * Usage: tsx ours.ts <int8|fp32> <workdir> <repeat>; prints {"isa","seconds","cpu_seconds","auc","peak_rss_mb","rows"}
 * (isa: the INT8 kernel, backendInfo().int8, also printed for fp32).
 * Timed: predict over the held-out rows tiled `repeat` times (after one untimed warm-up call).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendInfo, loadModel, loadQuantizedModel } from '../../packages/engine/src/index';
import { auc } from '../../packages/scoring/src/index';

const [precision, dir, repeatArg] = process.argv.slice(2);
const repeat = Number(repeatArg);
const read = (name: string) => new Uint8Array(readFileSync(join(dir!, name)));
const Xte = new Float32Array(read('x-test.f32').buffer);
const yte = read('y-test.u8');
const rows = yte.length;
const X = new Float32Array(Xte.length * repeat);
for (let r = 0; r < repeat; r++) X.set(Xte, r * Xte.length);

const model =
  precision === 'int8' ? loadQuantizedModel(read('model-int8.bin')) : loadModel(read('model-fp32.bin'));
await model.predict(Xte, rows);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const p = await model.predict(X, rows * repeat);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    isa: backendInfo().int8,
    seconds,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    auc: auc(yte, p.subarray(0, rows)),
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    rows: rows * repeat,
  }),
);
model.dispose();
