/**
 * The `split` stage of a run alone (packages/pipeline's `splitData`: the dataset checks, the stratified split of
 * the `lr` plan, the row copies of both sides), cold as a run meets it: one pass in a fresh process right after
 * `readCsv`. Prints wall and process CPU milliseconds of the whole stage, then of its parts run cold in a second
 * fresh process, and the garbage collector's pauses inside each. Run it several times, alternating with a
 * variant's, and compare medians (docs/benchmarks.md, e2e section).
 * Usage: pnpm exec tsx bench/e2e/split-stage.ts [taiwan|synth-150k|synth-1.5m] [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  binaryTarget,
  dataWarnings,
  dropAllMissingColumns,
  readCsv,
  stratifiedSplit,
  takeRows,
} from '../../packages/data/src/index';
// As in a run: the engine's native kernels (CSV cells, WOE, the checks' column passes) are registered.
import '../../packages/pipeline/src/execute/native-kernels';
import { splitData } from '../../packages/pipeline/src/execute/split-data';
import { syntheticCsv } from '../pipeline/synthetic';

const dataName = process.argv[2] ?? 'taiwan';
const mode = ['whole', 'parts'].includes(process.argv[3] ?? '') ? process.argv[3]! : 'parent';

const files: Record<string, () => [string, string]> = {
  taiwan: () => ['/work/shared/datasets/taiwan_default.csv', 'default.payment.next.month'],
  'synth-150k': () => [syntheticCsv(150_000), 'default'],
  'synth-1.5m': () => [syntheticCsv(1_500_000), 'default'],
};

async function child(): Promise<void> {
  const [path, target] = files[dataName]!();
  const table = await readCsv(path);
  let gc = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc += e.duration;
  }).observe({ entryTypes: ['gc'] });
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const out: Record<string, [number, number, number]> = {};
  const timed = <T>(name: string, f: () => T): T => {
    const [w, c, g] = [performance.now(), cpu(), gc];
    const r = f();
    out[name] = [performance.now() - w, cpu() - c, gc - g];
    return r;
  };
  if (mode === 'whole') {
    timed('splitData', () =>
      splitData(
        table,
        { nodeId: 'd', datasetId: 'd', target },
        {
          nodeId: 's',
          method: 'stratified',
          testFraction: 0.3,
          seed: 42,
          stratify: '',
          timeColumn: '',
          cutoff: '',
        },
        [],
      ),
    );
  } else {
    const usable = timed('dropAllMissing', () => dropAllMissingColumns(table)).table;
    const y = timed('binaryTarget', () => binaryTarget(usable, target));
    timed('dataWarnings', () => dataWarnings(usable, { name: target, y }));
    const parts = timed('stratifiedSplit', () => stratifiedSplit(y, { testFraction: 0.3, seed: 42 }));
    timed('takeRows', () => [takeRows(usable, parts.train), takeRows(usable, parts.test)]);
  }
  // Let the observer deliver the last pauses.
  await new Promise((r) => setTimeout(r, 50));
  console.log(JSON.stringify(out));
}

function parent(): void {
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 5;
  const rows: Record<string, [number, number, number][]> = {};
  for (let r = 0; r < runs; r++)
    for (const m of ['whole', 'parts']) {
      const text = execFileSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), dataName, m],
        { encoding: 'utf8' },
      );
      const got = JSON.parse(text.trim().split('\n').pop()!) as Record<string, [number, number, number]>;
      for (const [k, v] of Object.entries(got)) (rows[k] ??= []).push(v);
    }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  for (const [k, v] of Object.entries(rows))
    console.log(
      `${dataName} ${k.padEnd(16)} wall ${med(v.map((x) => x[0])).toFixed(1)} ms, CPU ${med(v.map((x) => x[1])).toFixed(1)} ms, GC ${med(v.map((x) => x[2])).toFixed(1)} ms (medians of ${v.length})`,
    );
}

if (mode === 'parent') parent();
else await child();
