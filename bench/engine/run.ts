/**
 * Engine benchmarks against Debian's sklearn and torch. Each run is a fresh process; ours and the
 * anchor alternate; the median of the runs is reported and appended to bench/results/latest.jsonl.
 * Usage: pnpm exec tsx bench/engine/run.ts [--runs 5] [--rows 150000,1500000] [--cases lr,mlp]
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { creditData, creditDataFiles } from './credit-data';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(arg('--runs', '5'));
const sizes = arg('--rows', '150000,1500000').split(',').map(Number);
const kinds = arg('--cases', 'lr,mlp').split(',');
const threads = process.env.STUDIO_THREADS ?? '1';

interface Measure {
  seconds: number;
  cpu_seconds: number;
  auc: number;
  peak_rss_mb: number;
  name?: string;
  version?: string;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

function ours(kind: string, rows: number): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'ours.ts'), kind, String(rows)], {
    env: { ...process.env, STUDIO_THREADS: threads },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measure;
}

function anchor(kind: string, rows: number): Measure {
  const files = creditDataFiles(rows);
  const out = execFileSync(
    '/usr/bin/python3',
    [join(here, 'anchor.py'), kind, files.x, files.y, String(rows)],
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
});

const results = join(here, '..', 'results');
mkdirSync(results, { recursive: true });
console.log(
  `engine bench: ${runs} runs per case, ours with STUDIO_THREADS=${threads}, anchors with 1 BLAS/torch thread`,
);
console.log(
  'case                 ours s   anchor s  ratio  cpu ratio  ours AUC  anchor AUC  ours MB  anchor MB',
);
for (const rows of sizes) {
  creditData(rows);
  for (const kind of kinds) {
    const a: Measure[] = [];
    const o: Measure[] = [];
    for (let i = 0; i < runs; i++) {
      o.push(ours(kind, rows));
      a.push(anchor(kind, rows));
    }
    const so = summarize(o);
    const sa = summarize(a);
    const name = `${kind}-${rows}`;
    const line = {
      case: name,
      ours: { ...so, threads: Number(threads) },
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
  }
}
