/**
 * Shapley reason codes of a network on the onnx runtime (issue #16): the German credit neural-network template
 * (all 20 columns, so 1,024 sampled coalition rows per applicant), exported as a deployment serves it (fp32 and
 * INT8 QDQ). "ours" is `OnnxModel.predict` today (the graph cut at its features: the applicant transformed once,
 * the coalition rows through the network alone); the anchor is the path it replaced (the applicant's row, then
 * every coalition as raw cells through the whole graph, `wholeGraphShapley`), which gives the same values. Both
 * run in this process, interleaved, on the same checked records; medians of `--runs`. Cases: `--records` records
 * (the German credit rows, repeated past 1,000; docs/benchmarks.md's figures are `--records 1000`) one after
 * another, as `/v1/.../predict/batch` scores them, and one record's latency (median of `--calls`).
 *
 * `pnpm exec tsx bench/shapley/run.ts [--runs 5] [--records 200] [--calls 200]`
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Row } from '../../packages/data/src/index';
import { feedsOf, graphInputs } from '../../apps/server/src/serving/onnx-feeds';
import { OnnxModel } from '../../apps/server/src/serving/onnx-model';
import { wholeGraphShapley } from '../../apps/server/src/serving/onnx-shapley';
import { trainOnnxNetwork } from '../../apps/server/src/test-support/onnx-network';

// onnxruntime-node as apps/server resolves it (bench/ has no dependencies of its own).
type Session = Parameters<typeof wholeGraphShapley>[0];
const ort = createRequire(join(import.meta.dirname, '../../apps/server/package.json'))(
  'onnxruntime-node',
) as {
  InferenceSession: { create(bytes: Uint8Array, options: object): Promise<Session> };
};

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);
const RECORDS = arg('records', 200);
const CALLS = arg('calls', 200);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// All 20 columns: 1,024 sampled coalition rows per applicant.
const { transforms, pipeline, onnx: exported, identity, baseline, rows: all } = await trainOnnxNetwork([]);
const fields = identity.fields;
const records = Array.from({ length: RECORDS }, (_, i) => all[i % all.length]!);

const cpu = cpus()[0]?.model ?? 'unknown';
mkdirSync(join(import.meta.dirname, '..', 'results'), { recursive: true });
const latest = join(import.meta.dirname, '..', 'results', 'latest.jsonl');

for (const precision of ['fp32', 'int8'] as const) {
  const onnx = exported[precision];
  const model = await OnnxModel.load(identity, transforms, onnx);
  const session = await ort.InferenceSession.create(onnx, { graphOptimizationLevel: 'all' });
  const inputs = graphInputs(session, fields);
  const ours = (row: Row) => model.predict(row);
  const before = async (row: Row) => {
    await session.run(feedsOf(inputs, [row]), ['probability']);
    return wholeGraphShapley(session, inputs, pipeline, row, baseline);
  };
  let worst = 0;
  for (const row of records.slice(0, 50)) {
    const a = (await ours(row)).reasons;
    const b = (await before(row)).reasons.slice(0, 4);
    if (JSON.stringify(a) !== JSON.stringify(b)) worst++;
  }
  const batch = { ours: [] as number[], anchor: [] as number[] };
  const single = { ours: [] as number[], anchor: [] as number[] };
  const loads: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    loads.push(loadavg()[0]!);
    for (const [side, f] of [
      ['ours', ours],
      ['anchor', before],
    ] as const) {
      let t = performance.now();
      for (const row of records) await f(row);
      batch[side].push((performance.now() - t) / 1000);
      const each: number[] = [];
      for (let c = 0; c < CALLS; c++) {
        const row = all[(c * 7) % all.length]!;
        t = performance.now();
        await f(row);
        each.push((performance.now() - t) / 1000);
      }
      single[side].push(median(each));
    }
  }
  for (const [name, xs] of [
    [`shapley-onnx-${precision}-batch-${RECORDS}`, batch],
    [`shapley-onnx-${precision}-single-row`, single],
  ] as const) {
    const line = {
      case: name,
      ours: { name: 'cut at features', seconds: median(xs.ours), runs: xs.ours },
      anchor: { name: 'whole graph (before)', seconds: median(xs.anchor), runs: xs.anchor },
      ratio: median(xs.ours) / median(xs.anchor),
      differingReasons: worst,
      cpu,
      loadavg: loads,
    };
    console.log(JSON.stringify(line));
    appendFileSync(latest, JSON.stringify(line) + '\n');
  }
  model.dispose();
  void session.release();
}
