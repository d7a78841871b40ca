import type { RunProgress, TuningReport } from '@studio/api';
import { describe, expect, it } from 'vitest';
import { LIVE_TRIALS, ProgressMeter } from './progress-meter';

const board = (n: number): TuningReport => ({
  nodeId: 'tune',
  modelNodeId: 'gbm',
  modelKind: 'gbm',
  metric: 'auc',
  evaluation: '5-fold stratified',
  budget: '60 s',
  status: 'searching',
  stopped: null,
  trials: Array.from({ length: n }, (_, i) => ({
    trial: i + 1,
    rung: i % 3 === 0 ? 1 : 0,
    resource: 1,
    units: '100 trees',
    params: { learningRate: 0.1 },
    score: (i * 7919) % 1000,
    seconds: 0.1,
  })),
  baseline: null,
  best: null,
});

describe('ProgressMeter', () => {
  it('carries every Tune leaderboard in later records, as a copy', () => {
    const records: RunProgress[] = [];
    const meter = new ProgressMeter((p) => records.push(p));
    const report = board(3);
    meter.tuning('tuning gbm', 0.2, report);
    report.trials.push({ ...report.trials[0]!, trial: 4 });
    meter.phase('training gbm', 0.5);
    expect(records[0]!.tunings![0]!.trials).toHaveLength(3);
    expect(records[1]!.tunings![0]!.trials).toHaveLength(4);
  });

  it('sends the best trials of a long search live, highest rung first', () => {
    const records: RunProgress[] = [];
    new ProgressMeter((p) => records.push(p)).tuning('tuning gbm', 0.2, board(1000));
    const live = records[0]!.tunings![0]!.trials;
    expect(live).toHaveLength(LIVE_TRIALS);
    const rung1 = board(1000)
      .trials.filter((t) => t.rung === 1)
      .sort((a, b) => b.score - a.score);
    expect(live.map((t) => t.trial)).toEqual(rung1.slice(0, LIVE_TRIALS).map((t) => t.trial));
  });
});
