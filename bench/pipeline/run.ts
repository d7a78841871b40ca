/**
 * Pipeline benchmark: the WOE scorecard template on 150,000 synthetic loans (reading excluded), ours and the
 * anchor (pandas WOE + sklearn LogisticRegression) alternating in fresh processes; medians of the runs are
 * appended to bench/results/latest.jsonl. Target: ours under 1 s.
 * Usage: pnpm exec tsx bench/pipeline/run.ts [--runs 5] [--rows 150000]
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticCsv } from './synthetic';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(arg('--runs', '5'));
const rows = Number(arg('--rows', '150000'));

interface Measure {
  seconds: number;
  auc: number;
  peak_rss_mb: number;
  name?: string;
  version?: string;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
const last = (out: string) => JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measure;
const summarize = (m: Measure[]) => ({
  seconds: median(m.map((x) => x.seconds)),
  auc: median(m.map((x) => x.auc)),
  peak_rss_mb: median(m.map((x) => x.peak_rss_mb)),
});

const csv = syntheticCsv(rows);
const ours: Measure[] = [];
const anchor: Measure[] = [];
for (let i = 0; i < runs; i++) {
  ours.push(
    last(
      execFileSync(process.execPath, ['--import', 'tsx', join(here, 'ours.ts'), csv], { encoding: 'utf8' }),
    ),
  );
  anchor.push(
    last(
      execFileSync('/usr/bin/python3', [join(here, 'anchor.py'), csv], {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      }),
    ),
  );
}
const so = summarize(ours);
const sa = summarize(anchor);
const line = {
  case: `pipeline/woe-scorecard ${rows} rows`,
  ours: so,
  anchor: { name: anchor[0]?.name, version: anchor[0]?.version, ...sa },
  ratio: so.seconds / sa.seconds,
};
const results = join(here, '..', 'results');
mkdirSync(results, { recursive: true });
appendFileSync(join(results, 'latest.jsonl'), JSON.stringify(line) + '\n');
console.log(
  `${line.case}: ours ${so.seconds.toFixed(3)} s (AUC ${so.auc.toFixed(4)}, ${so.peak_rss_mb.toFixed(0)} MB), ` +
    `anchor ${sa.seconds.toFixed(3)} s (AUC ${sa.auc.toFixed(4)}, ${sa.peak_rss_mb.toFixed(0)} MB), ratio ${line.ratio.toFixed(2)}; target ours < 1 s: ${so.seconds < 1 ? 'met' : 'NOT met'}`,
);
