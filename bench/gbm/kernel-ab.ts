/**
 * A/B of two builds of the addon on the GBM serving kernels (used to check that moving the AVX2 and AVX-512
 * TreeSHAP kernels into one source changed neither values nor timings). `train <dir>` fits one model with deep
 * paths (up to 10 distinct features on a path: quadrature sizes 4 and 8, the AVX-512 kernel serving 8) and writes it and 1,000 probe rows; `time <dir>` (run with
 * STUDIO_NATIVE_ADDON pointing at a build, optionally STUDIO_GBM_SHAP_ISA=avx2) prints one JSON line: medians of
 * single-row predictRawOne and explainOne in µs, the batch shap time of the probe rows, and a hash of every SHAP
 * value (equal hashes: bit-identical values).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGbm, trainGbm } from '../../packages/engine/src/index';
import { engineOptions } from './settings';

const [mode, dir] = process.argv.slice(2);
const COLS = 40;
const PROBES = 1000;
if (mode === 'train') {
  const rows = 40_000;
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const x = new Float32Array((rows + PROBES) * COLS).map(() => rnd());
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let z = 0;
    for (let c = 0; c < COLS; c++) z += Math.sin(3 * x[r * COLS + c]!) * ((c % 5) + 1) * 0.2;
    y[r] = z + rnd() > 0 ? 1 : 0;
  }
  const model = await trainGbm({
    x: x.subarray(0, rows * COLS),
    rows,
    cols: COLS,
    y,
    options: { ...engineOptions(2), maxLeaves: 255, maxDepth: 10, trees: 30, minSamplesLeaf: 5 },
  });
  writeFileSync(join(dir!, 'model.bin'), model.save());
  writeFileSync(join(dir!, 'x.f32'), new Uint8Array(x.slice(rows * COLS).buffer));
  model.dispose();
} else {
  const model = loadGbm(new Uint8Array(readFileSync(join(dir!, 'model.bin'))));
  const x = new Float32Array(new Uint8Array(readFileSync(join(dir!, 'x.f32'))).buffer);
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  const rowOf = (i: number) => x.subarray(i * COLS, (i + 1) * COLS);
  const buf = new Float64Array(COLS + 1);
  for (let i = 0; i < 300; i++) model.explainOne(rowOf(i % PROBES), buf); // warm-up
  const p: number[] = [];
  const ex: number[] = [];
  let sink = 0;
  for (let i = 0; i < PROBES; i++) {
    let t = process.hrtime.bigint();
    sink += model.predictRawOne(rowOf(i));
    p.push(Number(process.hrtime.bigint() - t) / 1000);
    t = process.hrtime.bigint();
    sink += model.explainOne(rowOf(i), buf).raw;
    ex.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  const t = performance.now();
  const all = await model.shap(x, PROBES);
  const batchMs = performance.now() - t;
  console.log(
    JSON.stringify({
      addon: process.env.STUDIO_NATIVE_ADDON,
      isa: process.env.STUDIO_GBM_SHAP_ISA ?? 'default',
      predict_us: median(p),
      explain_us: median(ex),
      shap_batch_ms: batchMs,
      hash: createHash('sha256').update(new Uint8Array(all.buffer)).digest('hex').slice(0, 16),
      sink: Number.isFinite(sink) ? 0 : 1,
    }),
  );
  model.dispose();
}
