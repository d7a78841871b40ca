import type { TuningReport } from '@studio/api';
import { defaultParams, defaultSearchSpace, isStudioError } from '@studio/ir';
import { describe, expect, it } from 'vitest';
import { assertRunnable, planGraph } from '../plan/plan-graph';
import { graphOf, type NodeDef } from '../templates/graph-of';
import { findTemplate } from '../templates/templates';
import { tempCsv } from '../test-support/temp-csv';
import { loadByPath, sharedDataset } from '../test-support/graphs';
import { executePlan, type ExecuteResult } from './execute-plan';

const file = sharedDataset('german_credit.csv');
const target = 'creditability';

/** Dataset → Split → model → Evaluate on German credit, with a Tune node on the model when `tune` is given. */
function graph(
  model: NodeDef,
  tune?: Record<string, unknown>,
  extra: NodeDef[] = [],
  wires: [string, string][] = [],
) {
  return graphOf(
    'tuned',
    [
      ['dataset', 'dataset', { datasetId: file, target }],
      ['split', 'split', { testFraction: 0.3, method: 'stratified', seed: 42 }],
      ...extra,
      model,
      ['evaluate', 'evaluate', { validation: false }],
      ...(tune ? ([['tune', 'tune', tune]] as NodeDef[]) : []),
    ],
    [
      ['dataset.table', 'split.table'],
      ...(wires.length > 0 ? wires : ([['split.train', `${model[0]}.table`]] as [string, string][])),
      [`${model[0]}.model`, 'evaluate.model'],
      ['split.test', 'evaluate.table'],
      ...(tune ? ([[`${model[0]}.model`, 'tune.model']] as [string, string][]) : []),
    ],
  );
}

const gbm: NodeDef = ['gbm', 'gradient-boosting', { earlyStopping: 'none', trees: 100 }];

async function run(g: unknown, opts: { signal?: AbortSignal; boards?: TuningReport[][] } = {}) {
  return executePlan(assertRunnable(g), {
    loadDataset: loadByPath,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (p) => {
      if (p.tunings) opts.boards?.push(p.tunings);
    },
  });
}

const leaderboard = (r: ExecuteResult) =>
  r.tunings[0]!.trials.map(({ trial, rung, params, score, units }) => ({
    trial,
    rung,
    params,
    score,
    units,
  }));

describe('a Tune node', () => {
  let tuned: ExecuteResult;

  it('tunes Gradient Boosting by successive halving on 5 stratified folds, live, and trains the winner', async () => {
    const boards: TuningReport[][] = [];
    tuned = await run(graph(gbm, { trials: 27, eta: 3, folds: 5, seed: 7 }), { boards });
    const report = tuned.tunings[0]!;
    expect(report).toMatchObject({ nodeId: 'tune', modelNodeId: 'gbm', modelKind: 'gbm', metric: 'auc' });
    expect(report.status).toBe('done');
    // 27 + 9 + 3 + 1 trials at 4, 11, 33 and 100 trees.
    expect(report.trials).toHaveLength(40);
    expect([...new Set(report.trials.map((t) => t.units))]).toEqual([
      '4 trees',
      '11 trees',
      '33 trees',
      '100 trees',
    ]);
    // Trial 1 is the node's own setting.
    expect(report.trials[0]!.params).toEqual({
      learningRate: 0.1,
      maxLeaves: 31,
      minSamplesLeaf: 20,
      l2: 0,
      colSubsample: 1,
    });
    const last = report.trials.filter((t) => t.rung === 3);
    expect(report.best).toEqual({ trial: last[0]!.trial, params: last[0]!.params, score: last[0]!.score });
    // Live: the leaderboard grew trial by trial in the progress records.
    const sizes = boards.map((b) => b[0]!.trials.length);
    expect(sizes.length).toBeGreaterThanOrEqual(40);
    expect(Math.max(...sizes)).toBe(40);
    expect(boards.some((b) => b[0]!.status === 'searching')).toBe(true);
    // The model trained on all training rows with the chosen configuration (no history of the trials' fits).
    expect(tuned.history.length).toBeGreaterThan(0);
    expect(tuned.history.every((h) => h.nodeId === 'gbm')).toBe(true);
    const metrics = JSON.parse(
      new TextDecoder().decode(tuned.artifacts.find((a) => a.kind === 'metrics')!.bytes),
    );
    expect(metrics.tunings[0].best).toEqual(report.best);
    expect(tuned.durations.tune).toBeGreaterThan(0);
  }, 300_000);

  it('beats the default configuration on the validation metric (5-fold AUC of the training rows)', async () => {
    const report = tuned.tunings[0]!;
    const baseline = report.baseline!;
    expect(baseline.params).toEqual(report.trials[0]!.params);
    // The search found a configuration that beats the node's own setting in full, on the same folds.
    expect(report.best!.trial).toBeGreaterThan(0);
    expect(report.best!.score).toBeGreaterThan(baseline.score);
    const plain = await run(graph(gbm));
    const tunedAuc = tuned.evaluations[0]!.evaluation.auc;
    const defaultAuc = plain.evaluations[0]!.evaluation.auc;
    console.info(
      `German credit 5-fold AUC: default ${baseline.score.toFixed(4)}, tuned ${report.best!.score.toFixed(4)}; ` +
        `test AUC (300 rows): default ${defaultAuc.toFixed(4)}, tuned ${tunedAuc.toFixed(4)}`,
    );
    // 300 test rows carry about ±0.02 of sampling noise on AUC; the tuned model must not be worse beyond it.
    expect(tunedAuc).toBeGreaterThan(defaultAuc - 0.01);
  }, 300_000);

  it('gives the same leaderboard and model for the same seed', async () => {
    const again = await run(graph(gbm, { trials: 27, eta: 3, folds: 5, seed: 7 }));
    expect(leaderboard(again)).toEqual(leaderboard(tuned));
    expect(again.evaluations[0]!.evaluation.auc).toBe(tuned.evaluations[0]!.evaluation.auc);
    const other = await run(graph(gbm, { trials: 9, eta: 3, folds: 3, seed: 8 }));
    expect(leaderboard(other)).not.toEqual(leaderboard(tuned).slice(0, leaderboard(other).length));
  }, 300_000);

  it('tunes a logistic regression on a validation split, raising the rows rung by rung', async () => {
    const r = await run(
      graph(
        ['lr', 'logistic-regression', {}],
        { trials: 9, evaluation: 'validation', validationFraction: 0.25 },
        [
          ['impute', 'impute'],
          ['onehot', 'one-hot'],
          ['scale', 'standardize'],
        ],
        [
          ['split.train', 'impute.table'],
          ['impute.table', 'onehot.table'],
          ['onehot.table', 'scale.table'],
          ['scale.table', 'lr.table'],
        ],
      ),
    );
    const report = r.tunings[0]!;
    expect(report.evaluation).toMatch(/validation split \(25%/);
    expect([...new Set(report.trials.map((t) => t.units))]).toEqual([
      '11% of rows',
      '33% of rows',
      '100% of rows',
    ]);
    expect(report.best!.params).toHaveProperty('l2');
    expect(r.evaluations[0]!.evaluation.auc).toBeGreaterThan(0.7);
  }, 300_000);

  it('tunes a network through its Train node: optimizer and training settings, epochs as the resource', async () => {
    const net = findTemplate('neural-network-pd')!.build(file, target);
    const train = net.nodes.find((n) => n.op === 'train')!;
    train.params = { ...train.params, epochs: 9, earlyStoppingPatience: 0 };
    net.nodes.push({
      id: 'tune',
      op: 'tune',
      params: {
        ...defaultParams('tune'),
        trials: 3,
        folds: 2,
        searchSpace: [
          { param: 'lr', type: 'range', min: 0.001, max: 0.01, scale: 'log' },
          { param: 'batchSize', type: 'choice', values: [64, 128] },
        ],
      },
    });
    net.edges.push({
      id: 'tune-edge',
      source: { node: train.id, port: 'model' },
      target: { node: 'tune', port: 'model' },
    });
    const r = await run(net);
    const report = r.tunings[0]!;
    expect(report.modelKind).toBe('mlp');
    expect(report.trials.map((t) => t.units)).toEqual(['3 epochs', '3 epochs', '3 epochs', '9 epochs']);
    expect(report.best!.params).toEqual({ lr: expect.any(Number), batchSize: expect.any(Number) });
    expect(r.evaluations[0]!.evaluation.auc).toBeGreaterThan(0.65);
  }, 300_000);

  it('stops a seconds budget when the time is up and trains the best configuration found', async () => {
    const started = performance.now();
    const r = await run(graph(gbm, { budget: 'seconds', seconds: 2, trials: 27, evaluation: 'validation' }));
    const report = r.tunings[0]!;
    expect(report.budget).toMatch(/^2 s/);
    expect(report.stopped).toMatch(/time budget ran out after \d+ trials/);
    expect(report.trials.length).toBeGreaterThan(0);
    expect(report.best).not.toBeNull();
    expect(r.evaluations[0]!.evaluation.auc).toBeGreaterThan(0.7);
    // The search itself keeps to its 2 s (one trial may finish after it); the run adds reading and training.
    expect(r.durations.tune).toBeLessThan(6);
    expect(performance.now() - started).toBeGreaterThan(2000);
  }, 120_000);

  it('refuses k-fold with fewer rows of the rarer class than folds, on the Tune node', async () => {
    const rows = ['x,bad', ...Array.from({ length: 60 }, (_, i) => `${i},${i % 20 === 0 ? 1 : 0}`)];
    const csv = tempCsv(rows.join('\n'));
    const g = graphOf(
      'few',
      [
        ['dataset', 'dataset', { datasetId: csv, target: 'bad' }],
        ['split', 'split', { testFraction: 0.3, method: 'stratified', seed: 1 }],
        ['gbm', 'gradient-boosting', { earlyStopping: 'none', minSamplesLeaf: 1 }],
        ['tune', 'tune', { folds: 5 }],
      ],
      [
        ['dataset.table', 'split.table'],
        ['split.train', 'gbm.table'],
        ['gbm.model', 'tune.model'],
      ],
    );
    const error = await run(g).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TUNE_TOO_FEW_ROWS', details: { nodeId: 'tune', param: 'folds' } });
  }, 60_000);

  it('stops inside a trial through the engine when the run is cancelled mid-fit', async () => {
    // One long fit (10,000 trees on a validation split): timed uncancelled first, then cancelled a quarter in.
    const slow: NodeDef = [
      'gbm',
      'gradient-boosting',
      { earlyStopping: 'none', trees: 10000, minSamplesLeaf: 1 },
    ];
    const g = graph(slow, { trials: 1, evaluation: 'validation', validationFraction: 0.05 });
    let phaseAt = 0;
    let trialAt = 0;
    const timing = new AbortController();
    await executePlan(assertRunnable(g), {
      loadDataset: loadByPath,
      signal: timing.signal,
      onProgress: (p) => {
        if (phaseAt === 0 && p.phase.startsWith('tuning')) phaseAt = performance.now();
        if (trialAt === 0 && (p.tunings?.[0]?.trials.length ?? 0) > 0) {
          trialAt = performance.now();
          timing.abort();
        }
      },
    }).catch(() => undefined);
    expect(trialAt).toBeGreaterThan(phaseAt);
    const fit = trialAt - phaseAt;
    const controller = new AbortController();
    let abortedAt = 0;
    let trialsSeen = 0;
    const pending = executePlan(assertRunnable(g), {
      loadDataset: loadByPath,
      signal: controller.signal,
      onProgress: (p) => {
        trialsSeen = Math.max(trialsSeen, p.tunings?.[0]?.trials.length ?? 0);
        if (p.phase.startsWith('tuning') && abortedAt === 0) {
          abortedAt = -1;
          setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, fit / 4);
        }
      },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(isStudioError(error) && error.code).toBe('ENGINE_CANCELLED');
    expect(trialsSeen).toBe(0);
    // Without the engine's cancel the fit would run on for three quarters of its time.
    expect(performance.now() - abortedAt).toBeLessThan(fit / 3);
  }, 120_000);

  it('stops between trials when the run is cancelled during the search', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = executePlan(assertRunnable(graph(gbm, { trials: 243, folds: 10 })), {
      loadDataset: loadByPath,
      signal: controller.signal,
      onProgress: (p) => {
        if ((p.tunings?.[0]?.trials.length ?? 0) >= 3) controller.abort();
      },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(isStudioError(error) && error.code).toBe('ENGINE_CANCELLED');
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('plans a Tune node whose document leaves params out with their defaults', () => {
    const g = graph(gbm, {});
    g.nodes.find((n) => n.id === 'tune')!.params = {};
    const plan = assertRunnable(g);
    expect(plan.branches[0]!.tune).toEqual({
      nodeId: 'tune',
      space: defaultSearchSpace('gbm'),
      budget: { kind: 'trials', trials: 27 },
      eta: 3,
      evaluation: { kind: 'k-fold', folds: 5 },
      metric: 'auc',
      seed: 42,
    });
  });

  it('refuses a second Tune node on one model, and l1 in the space of a newton logistic regression', () => {
    const twice = graphOf(
      'twice',
      [
        ['dataset', 'dataset', { datasetId: file, target }],
        ['split', 'split'],
        gbm,
        ['tune', 'tune'],
        ['tune2', 'tune'],
      ],
      [
        ['dataset.table', 'split.table'],
        ['split.train', 'gbm.table'],
        ['gbm.model', 'tune.model'],
        ['gbm.model', 'tune2.model'],
      ],
    );
    expect(planGraph(twice).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'PLAN_TUNE_TWICE', nodeId: 'tune2' }),
    );
    const newton = graph(['lr', 'logistic-regression', { solver: 'newton' }], {
      searchSpace: [{ param: 'l1', type: 'range', min: 0, max: 1, scale: 'linear' }],
    });
    expect(planGraph(newton).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'PLAN_TUNE_SOLVER', nodeId: 'tune', param: 'searchSpace' }),
    );
  });
});
