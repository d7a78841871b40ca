import type { TuningReport } from '@studio/api';
import { describe, expect, it } from 'vitest';
import { leaderboardRows, paramColumns, tuningBoards } from './tuning-rows';

const trial = (trial: number, rung: number, score: number) => ({
  trial,
  rung,
  resource: rung === 1 ? 1 : 1 / 3,
  units: rung === 1 ? '90 trees' : '30 trees',
  params: { learningRate: 0.1 * trial, maxLeaves: 8 * trial },
  score,
  seconds: 0.1,
});

const report = (metric: TuningReport['metric']): TuningReport => ({
  nodeId: 'tune',
  modelNodeId: 'gbm',
  modelKind: 'gbm',
  metric,
  evaluation: '5-fold stratified',
  budget: '3 trials, η = 3',
  status: 'done',
  stopped: null,
  trials: [trial(1, 0, 0.7), trial(2, 0, 0.75), trial(3, 0, 0.72), trial(2, 1, 0.74)],
  baseline: null,
  best: null,
});

describe('the leaderboard', () => {
  it('lists the highest rung first, then the better score', () => {
    expect(leaderboardRows(report('auc')).map((t) => [t.trial, t.rung])).toEqual([
      [2, 1],
      [2, 0],
      [3, 0],
      [1, 0],
    ]);
    expect(leaderboardRows(report('logloss')).map((t) => t.trial)).toEqual([2, 1, 3, 2]);
  });

  it('has a column per searched parameter', () => {
    expect(paramColumns(report('auc'))).toEqual(['learningRate', 'maxLeaves']);
  });

  it('shows the live leaderboards while running and the stored ones after', () => {
    const live = { ...report('auc'), status: 'searching' as const };
    const progress = {
      phase: 'tuning',
      fraction: 0.3,
      etaSeconds: null,
      epoch: null,
      step: null,
      loss: null,
      valLoss: null,
      valAuc: null,
      rowsPerSec: null,
      tunings: [live],
    };
    expect(tuningBoards({}, progress, 'running')).toEqual([live]);
    expect(tuningBoards({ tunings: [report('auc')] }, progress, 'succeeded')).toEqual([report('auc')]);
    expect(tuningBoards({}, null, 'running')).toEqual([]);
  });
});
