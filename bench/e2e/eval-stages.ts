/**
 * The `evaluate` and `validate` stages' metrics, timed piece by piece in one process on the held-out rows of
 * the `lr` plan's split, with a fixed PD (a logistic of the numeric columns: distinct values, like a fitted
 * model's): the evaluation screen, the validation pack and its parts. Medians of `--runs` repetitions after one
 * cold run; wall and CPU milliseconds. `--resamples` sets the bootstrap's B (default 1000, the product's).
 * Usage: pnpm exec tsx bench/e2e/eval-stages.ts [synth-150k|synth-1.5m|taiwan] [--runs 5] [--resamples 1000]
 */
import { bootstrapAucKs } from '../../packages/engine/src/index';
import { binaryTarget, getColumn, readCsv } from '../../packages/data/src/index';
import { buildEvaluation } from '../../packages/pipeline/src/execute/evaluation';
import { splitData } from '../../packages/pipeline/src/execute/split-data';
import { buildValidation } from '../../packages/pipeline/src/execute/validation';
import { assertRunnable } from '../../packages/pipeline/src/plan/plan-graph';
import {
  bootstrapDiscrimination,
  calibrationByBand,
  cutoffTable,
  numericStability,
  scoreDistribution,
} from '../../packages/scoring/src/index';
import { syntheticCsv } from '../pipeline/synthetic';
import { benchGraph } from './plans';
import { stageTimer } from './stage-timer';

const dataName = process.argv[2] ?? 'synth-150k';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 5);
const resamples = arg('--resamples', 1000);
const [path, target] =
  dataName === 'taiwan'
    ? ['/work/shared/datasets/taiwan_default.csv', 'default.payment.next.month']
    : [syntheticCsv(dataName === 'synth-1.5m' ? 1_500_000 : 150_000), 'default'];
const plan = assertRunnable(benchGraph('lr', path, target, 1));
const data = splitData(await readCsv(path), plan.dataset, plan.split, []);

/** A fixed PD per row: a logistic of the numeric columns, standardised on the training rows, gaps as 0. */
const numeric = data.train.table.columns.filter((c) => c.type !== 'categorical' && c.name !== target);
const scale = numeric.map((c) => {
  const v = (c as { values: Float64Array }).values.filter((x) => !Number.isNaN(x));
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) || 1;
  return { name: c.name, mean, sd };
});
const pd = (side: typeof data.train) => {
  const cols = scale.map((s) => (getColumn(side.table, s.name) as { values: Float64Array }).values);
  return Float64Array.from({ length: side.table.rowCount }, (_, i) => {
    let z = -1.5;
    cols.forEach((v, k) => {
      const x = (v[i]! - scale[k]!.mean) / scale[k]!.sd;
      if (!Number.isNaN(x)) z += (k % 2 ? 0.3 : -0.2) * x;
    });
    return 1 / (1 + Math.exp(-z));
  });
};
const train = { table: data.train.table, y: binaryTarget(data.train.table, target), prob: pd(data.train) };
const test = { table: data.test.table, y: binaryTarget(data.test.table, target), prob: pd(data.test) };

const { times, cpu, t } = stageTimer();
const features = data.train.table.columns.map((c) => c.name).filter((n) => n !== target);
let check = '';
for (let r = 0; r <= runs; r++) {
  const e = t('evaluate', () => buildEvaluation(test.y, test.prob, 0.5));
  const v = t('validate', () =>
    buildValidation({
      options: { resamples, protected: [], ageColumn: '', lgd: 0.45, ead: 1 },
      seed: 42,
      cutoff: 0.5,
      scaling: { pdo: 20, baseScore: 600, baseOdds: 50 },
      target,
      features,
      train,
      test,
      outOfTime: null,
      outOfTimeFacts: null,
    }),
  );
  t('  bootstrap', () =>
    bootstrapDiscrimination(test.y, test.prob, { resamples, seed: 42, kernel: bootstrapAucKs }),
  );
  t('  calibrationByBand', () => calibrationByBand(test.y, test.prob, 10));
  t('  scoreDistribution', () => scoreDistribution(test.y, test.prob));
  t('  cutoffTable', () => cutoffTable(test.y, test.prob, { lgd: 0.45, ead: 1 }));
  t('  scorePsi', () => numericStability(train.prob, test.prob));
  check = JSON.stringify([e, v]);
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
console.log(`${dataName}: ${test.y.length} held-out rows, ${resamples} resamples; ms cold / median warm`);
for (const k of Object.keys(times))
  console.log(
    `${k.padEnd(22)} wall ${times[k]![0]!.toFixed(0).padStart(6)} / ${med(times[k]!.slice(1)).toFixed(1).padStart(8)}   cpu ${cpu[k]![0]!.toFixed(0).padStart(6)} / ${med(cpu[k]!.slice(1)).toFixed(1).padStart(8)}`,
  );
console.log(
  `output digest ${(await import('node:crypto')).createHash('sha256').update(check).digest('hex').slice(0, 16)}`,
);
