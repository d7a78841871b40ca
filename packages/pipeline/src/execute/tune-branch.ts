import type { TuningReport } from '@studio/api';
import { mulberry32, stratifiedSplit, takeRows, type DataWarning } from '@studio/data';
import { tunableParams, UserError, type ParamField } from '@studio/ir';
import { auc, ksStatistic } from '@studio/scoring';
import type { ModelBranch, TuneStep } from '../plan/plan-types';
import type { RunWarning } from '../run-types';
import { featureSources } from '../score/feature-sources';
import { ownValues, resourceUnits, withConfig } from '../tune/apply-config';
import { ownConfig, sampleConfig, type Config } from '../tune/sample-config';
import { halvingSchedule } from '../tune/halving-schedule';
import { stratifiedFolds, type Fold } from '../tune/stratified-folds';
import { bestTrial, successiveHalving, type ScoredTrial } from '../tune/successive-halving';
import { atNode, atNodeAsync } from './at-node';
import { fitTransforms } from './fit-transforms';
import { completeColumns, prepareModelInput } from './model-input';
import { packFeatures } from './pack-features';
import type { Side } from './split-data';
import { monotoneOf, trainGbmBranch } from './train-gbm';
import { rowsOf, trainModel, type TrainHooks, type TrainingData } from './train-model';

type ModelStep = ModelBranch['model'];

/** One fold ready to train on: its transforms fitted on its own training rows only. */
interface PreparedFold {
  fit: TrainingData;
  valid: { X: Float32Array; y: Uint8Array; rows: number };
  monotone: Int8Array | null;
}

/** What tuning needs from the run: logging, progress of the leaderboard, cancellation, the run seed. */
export interface TuneHost {
  log(level: 'info' | 'warn', message: string, nodeId: string): void;
  /** The leaderboard changed (a trial finished); `fraction` of the search is done. */
  onBoard(report: TuningReport, fraction: number): void;
  checkAbort(): void;
  signal?: AbortSignal;
  /** Seeds the early-stopping hold-out of networks, as in the final training. */
  seed: number;
}

const FAMILY = { gbm: 'gbm', logistic: 'logistic', mlp: 'network' } as const;
/** Rows a logistic regression is fitted on at the smallest rung, however small the share. */
const MIN_SUBSAMPLE_ROWS = 50;

function pick(y: Uint8Array, index: Int32Array): Uint8Array {
  const out = new Uint8Array(index.length);
  index.forEach((r, i) => (out[i] = y[r]!));
  return out;
}

function foldsOf(tune: TuneStep, y: Uint8Array): Fold[] {
  const ev = tune.evaluation;
  if (ev.kind === 'validation') {
    const parts = atNode(tune.nodeId, () =>
      stratifiedSplit(y, { testFraction: ev.fraction, seed: tune.seed, minRows: 2 }),
    );
    return [{ train: parts.train, valid: parts.test }];
  }
  const k = ev.folds;
  let bads = 0;
  for (const v of y) bads += v;
  const fewest = Math.min(bads, y.length - bads);
  if (fewest < k)
    throw new UserError(
      'TUNE_TOO_FEW_ROWS',
      `the training rows hold only ${fewest} rows of the rarer class, fewer than the ${k} folds; use fewer folds or the validation split`,
      { nodeId: tune.nodeId, param: 'folds' },
    );
  return stratifiedFolds(y, k, tune.seed);
}

/** Fits the branch's transforms on the fold's training rows and packs both sides, as the run does for the model. */
function prepareFold(branch: ModelBranch, fold: Fold, side: Side, target: string): PreparedFold {
  const model = branch.model;
  const gbm = model.kind === 'gbm';
  // Warnings of the folds repeat what fitting on all training rows reports; they are not shown twice.
  const dataNotes: DataWarning[] = [];
  const runNotes: RunWarning[] = [];
  const chain = fitTransforms(branch.transforms, takeRows(side.table, fold.train), target, dataNotes);
  const input = prepareModelInput(
    chain.table,
    target,
    model.kind === 'mlp' ? model.encode.columns : [],
    model.nodeId,
    dataNotes,
    completeColumns(chain.steps.map((s) => s.fitted)),
    !gbm,
  );
  const steps = [...chain.steps, ...input.implicit];
  const fitY = pick(side.y, fold.train);
  const validY = pick(side.y, fold.valid);
  return {
    fit: {
      X: packFeatures(input.unapplied, input.table, input.features, runNotes, gbm),
      y: fitY,
      rows: fold.train.length,
      inputs: input.features.length,
    },
    valid: {
      X: packFeatures(steps, takeRows(side.table, fold.valid), input.features, runNotes, gbm),
      y: validY,
      rows: fold.valid.length,
    },
    monotone:
      model.kind === 'gbm' ? monotoneOf(model, input.features, featureSources(steps, input.features)) : null,
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function metricOf(metric: TuneStep['metric'], y: Uint8Array, p: ArrayLike<number>): number {
  if (metric === 'auc') return auc(y, p);
  if (metric === 'ks') return ksStatistic(y, p).ks;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]!));
    sum -= y[i] ? Math.log(q) : Math.log(1 - q);
  }
  return sum / Math.max(1, y.length);
}

/** The fold's rows a logistic regression sees at `resource` (a stratified, seeded subsample below 1). */
function subsample(fit: TrainingData, resource: number, seed: number): TrainingData {
  const share = Math.max(resource, Math.min(1, MIN_SUBSAMPLE_ROWS / Math.max(1, fit.rows)));
  if (share >= 1) return fit;
  const parts = stratifiedSplit(fit.y, { testFraction: 1 - share, seed, minRows: 1 });
  return rowsOf(fit, parts.train);
}

/** Probabilities of the fold's held-out rows from `step` trained on its training rows at `resource`. */
async function predictFold(
  step: ModelStep,
  fold: PreparedFold,
  resource: number,
  host: TuneHost,
  seed: number,
): Promise<ArrayLike<number>> {
  const hooks: TrainHooks = { onProgress: () => {}, ...(host.signal ? { signal: host.signal } : {}) };
  if (step.kind === 'gbm') {
    const trained = await trainGbmBranch(step, fold.fit, fold.monotone!, hooks);
    try {
      return (await trained.model.predictRaw(fold.valid.X, fold.valid.rows)).map(sigmoid);
    } finally {
      trained.model.dispose();
    }
  }
  const data = step.kind === 'logistic' ? subsample(fold.fit, resource, seed) : fold.fit;
  const trained = await trainModel(step, data, host.seed, hooks);
  try {
    return await trained.model.predict(fold.valid.X, fold.valid.rows);
  } finally {
    trained.model.dispose();
  }
}

function describeEvaluation(tune: TuneStep): string {
  return tune.evaluation.kind === 'k-fold'
    ? `${tune.evaluation.folds}-fold stratified`
    : `validation split (${Math.round(tune.evaluation.fraction * 100)}% of the training rows)`;
}

function describeBudget(tune: TuneStep): string {
  return tune.budget.kind === 'trials'
    ? `${tune.budget.trials} trials, η = ${tune.eta}`
    : `${tune.budget.seconds} s, rounds of ${tune.budget.trials} trials, η = ${tune.eta}`;
}

/** The fields that bound each searched parameter, by search-space name. */
function fieldsOf(step: ModelStep): Map<string, ParamField> {
  return new Map(tunableParams(FAMILY[step.kind]).map((t) => [t.param, t.field] as const));
}

function formatConfig(config: Config): string {
  return Object.entries(config)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/**
 * Runs a branch's Tune node on the training rows only: folds (or a validation split) are cut from them, the
 * branch's transforms are fitted per fold, and successive halving ranks the configurations. Returns the
 * leaderboard and the model step with the winning configuration, to train on all training rows as usual.
 */
export async function tuneBranch(
  branch: ModelBranch,
  tune: TuneStep,
  train: Side,
  target: string,
  host: TuneHost,
): Promise<{ report: TuningReport; model: ModelStep }> {
  const model = branch.model;
  const folds = foldsOf(tune, train.y).map((f) =>
    atNode(tune.nodeId, () => prepareFold(branch, f, train, target)),
  );
  const fields = fieldsOf(model);
  const ownInSpace = ownConfig(tune.space, ownValues(model));
  const rand = mulberry32(tune.seed);
  const higherIsBetter = tune.metric !== 'logloss';
  const report: TuningReport = {
    nodeId: tune.nodeId,
    modelNodeId: model.nodeId,
    modelKind: model.kind,
    metric: tune.metric,
    evaluation: describeEvaluation(tune),
    budget: describeBudget(tune),
    status: 'searching',
    stopped: null,
    trials: [],
    baseline: null,
    best: null,
  };
  const perBracket = halvingSchedule(tune.budget.trials, tune.eta).reduce((n, r) => n + r.configs, 0);
  const started = performance.now();
  const deadline = tune.budget.kind === 'seconds' ? started + tune.budget.seconds * 1000 : null;
  const scored: ScoredTrial[] = [];
  const scoreConfig = async (config: Config, resource: number) => {
    const step = withConfig(model, config, resource);
    let sum = 0;
    for (const [f, fold] of folds.entries()) {
      host.checkAbort();
      const p = await predictFold(step, fold, resource, host, tune.seed + f);
      sum += metricOf(tune.metric, fold.valid.y, p);
    }
    return sum / folds.length;
  };
  host.log(
    'info',
    `tuning ${branch.label}: ${tune.space.map((d) => d.param).join(', ')} by successive halving, ${describeBudget(tune)}, ${tune.metric} on ${describeEvaluation(tune)}`,
    tune.nodeId,
  );
  const result = await atNodeAsync(tune.nodeId, () =>
    successiveHalving({
      trials: tune.budget.trials,
      eta: tune.eta,
      higherIsBetter,
      deadline,
      now: () => performance.now(),
      checkAbort: () => host.checkAbort(),
      // Trial 1 is the model's own setting when it lies inside the space, so the search starts from it.
      draw: (trial) =>
        trial === 1 && ownInSpace !== null ? ownInSpace : sampleConfig(tune.space, fields, rand),
      evaluate: scoreConfig,
      onTrial(t) {
        scored.push(t);
        const before = report.best;
        report.trials.push({
          trial: t.trial,
          rung: t.rung,
          resource: t.resource,
          units: resourceUnits(model, t.params, t.resource),
          params: t.params,
          score: t.score,
          seconds: t.seconds,
        });
        const best = bestTrial(scored, higherIsBetter);
        report.best = best && { trial: best.trial, params: best.params, score: best.score };
        if (best && (before?.trial !== best.trial || before.score !== best.score))
          host.log(
            'info',
            `best so far: trial ${best.trial} at rung ${best.rung}, ${tune.metric} ${best.score.toFixed(4)} (${formatConfig(best.params)})`,
            tune.nodeId,
          );
        const fraction =
          deadline !== null
            ? (performance.now() - started) / (deadline - started)
            : report.trials.length / perBracket;
        host.onBoard(report, Math.min(1, fraction));
      },
    }),
  );
  report.status = 'done';
  report.stopped = result.stopped;
  if (result.stopped) host.log('info', `tuning stopped: ${result.stopped}`, tune.nodeId);
  // The node's own setting, scored in full on the same folds: the reference the winner has to beat.
  const own = ownValues(model);
  const baselineParams: Config = Object.fromEntries(tune.space.map((d) => [d.param, own[d.param]!]));
  const baselineScore = await atNodeAsync(tune.nodeId, () => scoreConfig(baselineParams, 1));
  report.baseline = { params: baselineParams, score: baselineScore };
  const found = result.best!;
  const better = higherIsBetter ? baselineScore > found.score : baselineScore < found.score;
  const keepOwn =
    found.resource === 1 && Number.isFinite(baselineScore) && (better || !Number.isFinite(found.score));
  report.best = keepOwn
    ? { trial: 0, params: baselineParams, score: baselineScore }
    : { trial: found.trial, params: found.params, score: found.score };
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  host.log(
    'info',
    keepOwn
      ? `kept the model's own setting (${tune.metric} ${baselineScore.toFixed(4)}): no trial of ${result.trials.length} beat it in full (best ${found.score.toFixed(4)}, trial ${found.trial}); ${seconds} s`
      : `chose trial ${found.trial}: ${formatConfig(found.params)} (${tune.metric} ${found.score.toFixed(4)}; the model's own setting ${baselineScore.toFixed(4)}) over ${result.trials.length} trials in ${seconds} s; ${branch.label} trains with it on all training rows`,
    tune.nodeId,
  );
  host.onBoard(report, 1);
  return { report, model: withConfig(model, report.best.params) };
}
