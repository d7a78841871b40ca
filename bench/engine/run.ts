/**
 * Engine benchmarks against Debian's sklearn and torch. Each run is a fresh process; ours and the
 * anchor alternate; the median of the runs is reported and appended to bench/results/latest.jsonl.
 * Usage: pnpm exec tsx bench/engine/run.ts [--runs 5] [--rows 150000,1500000] [--cases lr,lr-l1,mlp]
 *        [--device cpu|cuda] [--anchor python|ours-cpu]
 * --device cuda trains our MLP on the GPU (bench/gpu.sh); --anchor ours-cpu compares with our own engine on
 * every CPU core instead of sklearn/torch (for machines without Debian's Python packages).
 */
import { availableParallelism } from 'node:os';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { creditData, creditDataFiles, L1_C } from './credit-data';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(arg('--runs', '5'));
const sizes = arg('--rows', '150000,1500000').split(',').map(Number);
const cases = arg('--cases', 'lr,lr-l1,mlp').split(',');
const threads = process.env.STUDIO_THREADS ?? '1';
const device = arg('--device', 'cpu');
const anchorKind = arg('--anchor', 'python');

interface Measure {
  seconds: number;
  cpu_seconds: number;
  auc: number;
  peak_rss_mb: number;
  name?: string;
  version?: string;
  device?: string;
  /** lr-l1: non-zero coefficients, and the objective (mean log-loss + L1 term) at the solution. */
  nonzero?: number;
  objective?: number;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

function ours(kind: string, rows: number, on = device, threadCount = threads): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'ours.ts'), kind, String(rows)], {
    env: { ...process.env, STUDIO_THREADS: threadCount, STUDIO_BENCH_DEVICE: on },
    encoding: 'utf8',
  });
  const m = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measure;
  if (kind === 'mlp' && m.device !== on)
    throw new Error(`asked to train on ${on}, the engine trained on ${m.device}`);
  return m;
}

function anchor(kind: string, rows: number): Measure {
  if (anchorKind === 'ours-cpu') {
    const cores = String(availableParallelism());
    return { ...ours(kind, rows, 'cpu', cores), name: 'studio-cpu', version: `${cores} threads` };
  }
  const files = creditDataFiles(rows);
  const out = execFileSync(
    '/usr/bin/python3',
    [
      join(here, 'anchor.py'),
      kind,
      files.x,
      files.y,
      String(rows),
      ...(kind === 'lr-l1' ? [String(L1_C)] : []),
    ],
    {
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measure;
}

const summarize = (m: Measure[]) => ({
  seconds: median(m.map((x) => x.seconds)),
  cpu_seconds: median(m.map((x) => x.cpu_seconds)),
  auc: median(m.map((x) => x.auc)),
  peak_rss_mb: median(m.map((x) => x.peak_rss_mb)),
  ...(m[0]?.nonzero !== undefined
    ? {
        nonzero: median(m.map((x) => x.nonzero ?? Number.NaN)),
        objective: median(m.map((x) => x.objective ?? Number.NaN)),
      }
    : {}),
});

const results = join(here, '..', 'results');
mkdirSync(results, { recursive: true });
console.log(
  `engine bench: ${runs} runs per case, ours on ${device} with STUDIO_THREADS=${threads}, ` +
    (anchorKind === 'ours-cpu' ? 'anchor: our engine on every CPU core' : 'anchors with 1 BLAS/torch thread'),
);
console.log(
  'case                 ours s   anchor s  ratio  cpu ratio  ours AUC  anchor AUC  ours MB  anchor MB',
);
for (const rows of sizes) {
  creditData(rows);
  for (const kind of cases) {
    const a: Measure[] = [];
    const o: Measure[] = [];
    for (let i = 0; i < runs; i++) {
      o.push(ours(kind, rows));
      a.push(anchor(kind, rows));
    }
    const so = summarize(o);
    const sa = summarize(a);
    const name = `${kind}-${rows}${device === 'cpu' ? '' : `-${device}`}`;
    const line = {
      case: name,
      ours: { ...so, threads: Number(threads), device },
      anchor: { name: a[0]?.name, version: a[0]?.version, ...sa },
      ratio: so.seconds / sa.seconds,
      // CPU-time ratio: robust when the machine is shared and wall times stretch.
      cpu_ratio: so.cpu_seconds / sa.cpu_seconds,
    };
    appendFileSync(join(results, 'latest.jsonl'), `${JSON.stringify(line)}\n`);
    console.log(
      `${name.padEnd(20)} ${so.seconds.toFixed(3).padStart(7)} ${sa.seconds.toFixed(3).padStart(9)} ${line.ratio.toFixed(2).padStart(6)}` +
        ` ${line.cpu_ratio.toFixed(2).padStart(10)}` +
        `  ${so.auc.toFixed(4)}    ${sa.auc.toFixed(4)}   ${so.peak_rss_mb.toFixed(0).padStart(6)} ${sa.peak_rss_mb.toFixed(0).padStart(10)}`,
    );
    if (so.nonzero !== undefined)
      console.log(
        `${''.padEnd(20)} non-zero coefficients ${so.nonzero} vs ${sa.nonzero}; objective ${so.objective?.toPrecision(10)} vs ${sa.objective?.toPrecision(10)}`,
      );
  }
}
