/**
 * Batch scoring through the product's path against onnxruntime-node on the same deployment (issue #15 item 5):
 * each plan of bench/e2e is trained once through packages/pipeline; then `--rows` records of its dataset,
 * checked as a prediction request is checked, are scored by our `scoreRows` (fitted transforms + engine +
 * score) and by onnxruntime-node running the deployment's ONNX export (fitted preprocessing + model) on the same
 * records, fed as the `onnx` runtime feeds them. Fresh processes alternate (ours, anchor); medians of `--runs`
 * (at least 5), each process's own figure the median of `--blocks` timed batches after a warm-up batch; one
 * thread a side. Every pair's probabilities are compared. One JSON line per case to bench/results/latest.jsonl.
 * Usage: pnpm exec tsx bench/score/run.ts [--runs 5] [--blocks 7] [--rows 10000] [--cases lr,woe,mlp]
 *        [--data taiwan,synth-150k] [--epochs 5]
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticCsv } from '../pipeline/synthetic';
import type { TemplateCase } from '../e2e/plans';
import { prepare } from './prepare';
import type { Sample } from './sample';

const here = import.meta.dirname;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Math.max(5, Number(arg('--runs', '5')));
const blocks = arg('--blocks', '7');
const rows = Number(arg('--rows', '10000'));
const kinds = arg('--cases', 'lr,woe,mlp').split(',') as TemplateCase[];
const dataNames = arg('--data', 'taiwan,synth-150k').split(',');
const epochs = Number(arg('--epochs', '5'));

const cpu = (() => {
  const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return `${m?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical cores)`;
})();
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

function dataset(name: string): { path: string; target: string } {
  if (name === 'synth-150k') return { path: syntheticCsv(150_000), target: 'default' };
  if (name === 'taiwan')
    return {
      path: join(here, '../../../shared/datasets/taiwan_default.csv'),
      target: 'default.payment.next.month',
    };
  throw new Error(`unknown dataset ${name} (taiwan, synth-150k)`);
}

function once(side: 'ours' | 'anchor', dir: string): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, `${side}.ts`), dir, blocks], {
    env: { ...process.env, STUDIO_THREADS: '1', OMP_NUM_THREADS: '1' },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Sample;
}

function maxDiff(dir: string): number {
  const f32 = (side: string) => {
    const b = readFileSync(join(dir, `${side}.f32`));
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const a = f32('ours');
  const b = f32('anchor');
  let m = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const results = join(here, '..', 'results');
mkdirSync(results, { recursive: true });
console.log(`CPU: ${cpu}`);
console.log(
  'case                          ours rows/s   ORT rows/s   ratio  cpu ratio  loop rows/s  max|Δp|   load',
);
for (const dataName of dataNames) {
  const { path, target } = dataset(dataName);
  for (const kind of kinds) {
    const dir = mkdtempSync(join(tmpdir(), 'studio-score-bench-'));
    try {
      const prepared = await prepare(dir, kind, path, target, rows, epochs);
      const ours: Sample[] = [];
      const anchor: Sample[] = [];
      let diff = 0;
      const loadBefore = loadavg()[0]!;
      for (let i = 0; i < runs; i++) {
        ours.push(once('ours', dir));
        anchor.push(once('anchor', dir));
        diff = Math.max(diff, maxDiff(dir));
      }
      const load = [Number(loadBefore.toFixed(1)), Number(loadavg()[0]!.toFixed(1))];
      const pick = (m: Sample[], f: (s: Sample) => number) => median(m.map(f));
      const o = {
        seconds: pick(ours, (s) => s.batch.seconds),
        cpu_seconds: pick(ours, (s) => s.batch.cpu_seconds),
      };
      const loop = {
        seconds: pick(ours, (s) => s.loop?.seconds ?? NaN),
        cpu_seconds: pick(ours, (s) => s.loop?.cpu_seconds ?? NaN),
      };
      const a = {
        seconds: pick(anchor, (s) => s.batch.seconds),
        cpu_seconds: pick(anchor, (s) => s.batch.cpu_seconds),
      };
      const n = Math.min(rows, readFileSync(join(dir, 'y.u8')).length);
      const line = {
        case: `score-${kind}-${dataName}-batch-${n}`,
        cpu,
        load,
        rows: n,
        features: prepared.features,
        used_columns: prepared.used.length,
        ours: {
          name: 'scoreRows',
          ...o,
          rows_per_s: n / o.seconds,
          peak_rss_mb: pick(ours, (s) => s.peak_rss_mb),
          threads: 1,
        },
        ours_record_loop: { name: 'compileScorer per record', ...loop, rows_per_s: n / loop.seconds },
        anchor: {
          name: 'onnxruntime-node',
          version: anchor[0]?.version,
          ...a,
          rows_per_s: n / a.seconds,
          peak_rss_mb: pick(anchor, (s) => s.peak_rss_mb),
          intra_op_threads: 1,
        },
        ratio: o.seconds / a.seconds,
        cpu_ratio: o.cpu_seconds / a.cpu_seconds,
        target_ratio: 1,
        max_abs_diff: diff,
        train_auc_heldout: prepared.auc,
      };
      appendFileSync(join(results, 'latest.jsonl'), `${JSON.stringify(line)}\n`);
      const k = (x: number) => `${(x / 1000).toFixed(0)}k`;
      console.log(
        `${line.case.padEnd(30)} ${k(line.ours.rows_per_s).padStart(10)} ${k(line.anchor.rows_per_s).padStart(12)}` +
          ` ${line.ratio.toFixed(2).padStart(7)} ${line.cpu_ratio.toFixed(2).padStart(10)} ${k(line.ours_record_loop.rows_per_s).padStart(12)}` +
          `  ${diff.toExponential(1)}  ${load.join('→')}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
