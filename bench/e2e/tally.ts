/**
 * The dataset checks' value tally (packages/data/src/checks/value-tally.ts) alone, on every numeric column of
 * a file, and `dataWarnings` as a whole: the first (cold) pass and the median of warm passes, in process CPU
 * time (user + system), not wall time, since the machine is shared. Run it in several fresh processes, and
 * interleave them with a variant's when comparing tallies (docs/benchmarks.md, e2e section).
 * Usage: pnpm exec tsx bench/e2e/tally.ts [synth-150k|taiwan] [--runs 7]
 */
import { readCsv } from '../../packages/data/src/index';
import { dataWarnings } from '../../packages/data/src/checks/column-checks';
import { tallyValues } from '../../packages/data/src/checks/value-tally';
import { syntheticCsv } from '../pipeline/synthetic';

const dataName = process.argv[2] ?? 'taiwan';
const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 7;
const [path, target] =
  dataName === 'taiwan'
    ? ['/work/shared/datasets/taiwan_default.csv', 'default.payment.next.month']
    : [syntheticCsv(150_000), 'default'];
const table = await readCsv(path);
const yc = table.columns.find((c) => c.name === target)!;
const y = Uint8Array.from(yc.type === 'categorical' ? yc.codes : yc.values, (v) => (v === 1 ? 1 : 0));
const numeric = table.columns.filter((c) => c.type !== 'categorical' && c.name !== target);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times: number[] = [];
let sink = 0;
for (let r = 0; r < runs; r++) {
  const s = cpu();
  for (const c of numeric) sink += tallyValues((c as { values: Float64Array }).values, y).distinct;
  times.push(cpu() - s);
}
const w: number[] = [];
for (let r = 0; r < runs; r++) {
  const s = cpu();
  sink += dataWarnings(table, { name: target, y }).length;
  w.push(cpu() - s);
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
console.log(
  `${dataName} ${numeric.length} numeric columns: tally CPU cold ${times[0]!.toFixed(1)} ms, warm median ${med(times.slice(1)).toFixed(1)} ms; dataWarnings first ${w[0]!.toFixed(1)} ms, median ${med(w.slice(1)).toFixed(1)} ms (sink ${sink > 0})`,
);
