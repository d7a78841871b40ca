/**
 * End-to-end benchmark: each template's plan run through packages/pipeline (`executePlan`, what a Studio run
 * does) against a Python script doing the same steps with pandas + scikit-learn / PyTorch, on the synthetic
 * loans of bench/pipeline (150k and 1.5M rows) and on Taiwan credit-card default (30k rows). Every run is a
 * fresh process; ours and the anchor alternate; medians of the runs. Both sides at one thread (STUDIO_THREADS=1;
 * OMP/OpenBLAS/MKL = 1, torch.set_num_threads(1)). Two JSON lines per case go to bench/results/latest.jsonl:
 * reading the CSV excluded, then included (the same runs), with the medians of each side's stages.
 * Usage: pnpm exec tsx bench/e2e/run.ts [--runs 5] [--cases lr,woe,mlp] [--data synth-150k,synth-1.5m,taiwan]
 *        [--epochs 5]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binaryTarget, readCsv, stratifiedSplit } from '../../packages/data/src/index';
import { syntheticCsv } from '../pipeline/synthetic';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Math.max(5, Number(arg('--runs', '5')));
const kinds = arg('--cases', 'lr,woe,mlp').split(',');
const dataNames = arg('--data', 'synth-150k,synth-1.5m,taiwan').split(',');
const epochs = arg('--epochs', '5');
const TARGETS: Record<string, number> = { lr: 0.5, woe: 0.5, mlp: 0.4 };

interface Measure {
  seconds: number;
  seconds_with_read: number;
  /** Ours only: read excluded, and the validation pack (which the anchor does not compute) left out. */
  seconds_core?: number;
  stages: Record<string, number>;
  auc: number;
  peak_rss_mb: number;
  name?: string;
  version?: string;
}

const cpu = (() => {
  const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return `${m?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical cores)`;
})();
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const last = (out: string) => JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measure;
const stageMedians = (m: Measure[]) => {
  const keys = [...new Set(m.flatMap((x) => Object.keys(x.stages)))];
  return Object.fromEntries(keys.map((k) => [k, Number(median(m.map((x) => x.stages[k] ?? 0)).toFixed(4))]));
};

function dataset(name: string): { path: string; target: string } {
  if (name === 'synth-150k') return { path: syntheticCsv(150_000), target: 'default' };
  if (name === 'synth-1.5m') return { path: syntheticCsv(1_500_000), target: 'default' };
  if (name === 'taiwan')
    return { path: '/work/shared/datasets/taiwan_default.csv', target: 'default.payment.next.month' };
  throw new Error(`unknown dataset ${name}`);
}

/**
 * The rows of our split (the Split node of every plan here: stratified, 30% test, seed 42), written once per
 * dataset as little-endian int32 files for the anchor, so both sides train and evaluate on the same rows and
 * their AUCs compare like for like. The anchor takes its rows from them inside its timed split.
 */
async function splitFiles(name: string, path: string, target: string): Promise<string[]> {
  const dir = join(here, '..', '.cache', 'e2e');
  const files = ['train', 'test'].map((side) => join(dir, `split-${name}-${side}.i32`));
  if (files.every((f) => existsSync(f))) return files;
  mkdirSync(dir, { recursive: true });
  const split = stratifiedSplit(binaryTarget(await readCsv(path), target), { testFraction: 0.3, seed: 42 });
  writeFileSync(
    files[0]!,
    new Uint8Array(split.train.buffer, split.train.byteOffset, split.train.byteLength),
  );
  writeFileSync(files[1]!, new Uint8Array(split.test.buffer, split.test.byteOffset, split.test.byteLength));
  return files;
}

const one = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
const results = join(here, '..', 'results');
mkdirSync(results, { recursive: true });

for (const dataName of dataNames) {
  const { path, target } = dataset(dataName);
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  const [trainRows, testRows] = await splitFiles(dataName, path, target);
  for (const kind of kinds) {
    const ours: Measure[] = [];
    const anchor: Measure[] = [];
    const loadBefore = loadavg()[0]!;
    for (let i = 0; i < runs; i++) {
      ours.push(
        last(
          execFileSync(
            process.execPath,
            ['--import', 'tsx', join(here, 'ours.ts'), kind, path, target, epochs, sha256],
            { encoding: 'utf8', env: { ...process.env, ...one, STUDIO_THREADS: '1' } },
          ),
        ),
      );
      anchor.push(
        last(
          execFileSync(
            '/usr/bin/python3',
            [join(here, 'anchor.py'), kind, path, target, epochs, trainRows!, testRows!],
            {
              encoding: 'utf8',
              env: { ...process.env, ...one },
            },
          ),
        ),
      );
    }
    for (const withRead of [false, true]) {
      const key = withRead ? 'seconds_with_read' : 'seconds';
      const o = median(ours.map((x) => x[key]));
      const a = median(anchor.map((x) => x[key]));
      const readOf = (x: Measure) => (withRead ? x.seconds_with_read - x.seconds : 0);
      const core = median(ours.map((x) => (x.seconds_core ?? x.seconds) + readOf(x)));
      const oAuc = median(ours.map((x) => x.auc));
      const aAuc = median(anchor.map((x) => x.auc));
      const line = {
        case: `e2e/${kind} ${dataName}${withRead ? ' +read' : ''}`,
        cpu,
        threads: 1,
        runs,
        // The machine's 1-minute load average before and after the case's runs (it is shared).
        load: [Number(loadBefore.toFixed(1)), Number(loadavg()[0]!.toFixed(1))],
        ...(kind === 'mlp' ? { epochs: Number(epochs) } : {}),
        ours: {
          seconds: o,
          seconds_without_validation: core,
          auc: oAuc,
          peak_rss_mb: median(ours.map((x) => x.peak_rss_mb)),
          stages: stageMedians(ours),
        },
        anchor: {
          name: anchor[0]?.name,
          version: anchor[0]?.version,
          seconds: a,
          auc: aAuc,
          peak_rss_mb: median(anchor.map((x) => x.peak_rss_mb)),
          stages: stageMedians(anchor),
        },
        ratio: o / a,
        // Like with like: our time without the validation pack (bootstrap intervals etc.) the anchor lacks.
        ratio_without_validation: core / a,
        target_ratio: TARGETS[kind],
        auc_gap: oAuc - aAuc,
      };
      appendFileSync(join(results, 'latest.jsonl'), JSON.stringify(line) + '\n');
      console.log(JSON.stringify(line));
    }
  }
}
