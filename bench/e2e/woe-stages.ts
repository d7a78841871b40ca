/**
 * The WOE scorecard's fitted transforms, timed piece by piece in one process on the training rows of the
 * `woe` plan (target, fine cuts, counting, merging, WOE application, correlation screening): for iterating on
 * the binning. Medians of `--runs` repetitions after one cold run.
 * Usage: pnpm exec tsx bench/e2e/woe-stages.ts [synth-150k|synth-1.5m|taiwan] [--runs 7]
 */
import {
  applyTransform,
  binaryTarget,
  fitWoe,
  informationValues,
  readCsv,
  selectFeatures,
} from '../../packages/data/src/index';
import { fitTransforms } from '../../packages/pipeline/src/execute/fit-transforms';
import { splitData } from '../../packages/pipeline/src/execute/split-data';
import { assertRunnable } from '../../packages/pipeline/src/plan/plan-graph';
import { syntheticCsv } from '../pipeline/synthetic';
import { benchGraph } from './plans';
import { stageTimer } from './stage-timer';

const dataName = process.argv[2] ?? 'synth-150k';
const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 7;
const [path, target] =
  dataName === 'taiwan'
    ? ['/work/shared/datasets/taiwan_default.csv', 'default.payment.next.month']
    : [syntheticCsv(dataName === 'synth-1.5m' ? 1_500_000 : 150_000), 'default'];
const plan = assertRunnable(benchGraph('woe', path, target, 1));
const branch = plan.branches[0]!;
const raw = await readCsv(path);
const data = splitData(raw, plan.dataset, plan.split, []);
const train = data.train.table;
const { times, cpu, t } = stageTimer();
let check = '';
for (let r = 0; r <= runs; r++) {
  t('target', () => binaryTarget(train, target));
  const chain = t('fitTransforms', () => fitTransforms(branch.transforms, train, target, []));
  const woe = chain.woe!;
  t('fitWoe', () => fitWoe(train, { target, maxBins: 6 }));
  const applied = t('applyWoe', () => applyTransform(woe, train, []));
  t('select', () => selectFeatures(applied, informationValues(woe), { minIv: 0.02, maxCorrelation: 0.7 }));
  check = JSON.stringify(chain.woe) + JSON.stringify(chain.dropped);
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
console.log(
  dataName,
  Object.entries(times)
    .map(([k, v]) => `${k} ${v[0]!.toFixed(0)}/${med(v.slice(1)).toFixed(1)}`)
    .join('  '),
  'ms wall (cold/median warm)',
);
console.log(
  dataName,
  Object.entries(cpu)
    .map(([k, v]) => `${k} ${v[0]!.toFixed(0)}/${med(v.slice(1)).toFixed(1)}`)
    .join('  '),
  'ms CPU of this process (cold/median warm; less sensitive to the load of other processes)',
);
if (process.argv.includes('--dump')) console.log(check);
