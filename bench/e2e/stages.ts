/**
 * The product path's stages before and after training (read, split, fit + apply transforms, model input,
 * pack, apply to the held-out rows), timed in one process without the engine: for finding the largest stages
 * while iterating. Medians of `--runs` repetitions (the first, cold, is reported apart), wall and the process's
 * CPU time; `--runs 1` is one fresh process's cold pass. The digest (SHA-256 of the fitted steps, the features
 * and both matrices' bytes) compares the outputs of two versions.
 * Usage: pnpm exec tsx bench/e2e/stages.ts <lr|woe|mlp> [synth-150k|synth-1.5m|taiwan] [--runs 7]
 */
import { createHash } from 'node:crypto';
import { readCsv } from '../../packages/data/src/index';
import { assertRunnable } from '../../packages/pipeline/src/plan/plan-graph';
import { fitTransforms, splitDeferred } from '../../packages/pipeline/src/execute/fit-transforms';
import { completeColumns, prepareModelInput } from '../../packages/pipeline/src/execute/model-input';
import { packFeatures } from '../../packages/pipeline/src/execute/pack-features';
import { splitData } from '../../packages/pipeline/src/execute/split-data';
import { syntheticCsv } from '../pipeline/synthetic';
import { benchGraph, type TemplateCase } from './plans';

const kind = (process.argv[2] ?? 'lr') as TemplateCase;
const dataName = process.argv[3] ?? 'synth-150k';
const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 7;
const [path, target] =
  dataName === 'taiwan'
    ? ['/work/shared/datasets/taiwan_default.csv', 'default.payment.next.month']
    : [syntheticCsv(dataName === 'synth-1.5m' ? 1_500_000 : 150_000), 'default'];
const plan = assertRunnable(benchGraph(kind, path, target, 1));
const branch = plan.branches[0]!;
const times: Record<string, number[]> = {};
const cpuTimes: Record<string, number[]> = {};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t = <T>(k: string, fn: () => T): T => {
  const s = performance.now();
  const c = cpuMs();
  const r = fn();
  (cpuTimes[k] ??= []).push(cpuMs() - c);
  (times[k] ??= []).push(performance.now() - s);
  return r;
};
let digest = '';
for (let r = 0; r < runs; r++) {
  const s = performance.now();
  const raw = await readCsv(path);
  (times.read ??= []).push(performance.now() - s);
  const data = t('split', () => splitData(raw, plan.dataset, plan.split, []));
  // As execute-plan runs them: the trailing Standardize deferred and fused into packing with the model's fill.
  const chain = t('fit', () =>
    fitTransforms(branch.transforms, data.train.table, target, [], { deferTrailingStandardize: true }),
  );
  const model = branch.model;
  const complete = completeColumns(chain.steps.map((x) => x.fitted));
  const { deferred, input } = t('input', () => {
    const deferred = splitDeferred(chain, complete, []);
    const input = prepareModelInput(
      deferred.table,
      target,
      model.kind === 'mlp' ? model.encode.columns : [],
      model.nodeId,
      [],
      complete,
      true,
      deferred.scaled,
    );
    return { deferred, input };
  });
  const X = t('pack', () =>
    packFeatures([...deferred.packSteps, ...input.unapplied], input.table, input.features, []),
  );
  const steps = [...chain.steps, ...input.implicit];
  const Xs = t('apply', () => packFeatures(steps, data.test.table, input.features, []));
  digest = createHash('sha256')
    .update(JSON.stringify({ steps, features: input.features }))
    .update(new Uint8Array(X.buffer))
    .update(new Uint8Array(Xs.buffer))
    .digest('hex')
    .slice(0, 16);
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
const show = (m: Record<string, number[]>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${v[0]!.toFixed(0)}` + (v.length > 1 ? `/${med(v.slice(1)).toFixed(1)}` : ''))
    .join('  ');
console.log(kind, dataName, `digest ${digest}`);
console.log('  wall', show(times), 'ms (cold/median warm)');
console.log('  cpu ', show(cpuTimes), 'ms (cold/median warm)');
