import { describe, expect, it } from 'vitest';
import { runEventSchema, type RunEvent, type TuningTrial } from '@studio/api';
import { fitted } from './pg-run-events';

const trial = (i: number): TuningTrial => ({
  trial: i,
  rung: 0,
  resource: 0.25,
  units: '10 trees',
  params: { learningRate: 0.1 + i / 1000, maxDepth: 3 + (i % 4), minLeaf: 20 },
  score: 0.8 - i / 1000,
  seconds: 0.5,
});

describe('run events over NOTIFY', () => {
  it('fit a live leaderboard under the 8000-byte cap by keeping its best trials', () => {
    const event: RunEvent = {
      type: 'progress',
      point: null,
      progress: {
        phase: 'tuning gbm',
        fraction: 0.5,
        etaSeconds: 3,
        epoch: null,
        step: null,
        loss: null,
        valLoss: null,
        valAuc: null,
        rowsPerSec: null,
        tunings: [
          {
            nodeId: 'tune',
            modelNodeId: 'gbm',
            modelKind: 'gbm',
            metric: 'auc',
            evaluation: '5-fold stratified',
            budget: '200 trials',
            status: 'searching',
            stopped: null,
            trials: Array.from({ length: 200 }, (_, i) => trial(i + 1)),
            baseline: null,
            best: { trial: 1, params: trial(1).params, score: 0.799 },
          },
        ],
      },
    };
    const text = fitted('run-1', event);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(7900);
    const { runId, event: sent } = JSON.parse(text) as { runId: string; event: unknown };
    const parsed = runEventSchema.parse(sent);
    expect(runId).toBe('run-1');
    const trials = parsed.type === 'progress' ? parsed.progress.tunings![0]!.trials : [];
    expect(trials.length).toBeGreaterThan(0);
    expect(trials.length).toBeLessThan(200);
    expect(trials[0]!.trial).toBe(1);
    // Small events go as they are.
    const log: RunEvent = {
      type: 'log',
      log: { at: '2026-01-01T00:00:00.000Z', level: 'info', message: 'hi' },
    };
    expect(JSON.parse(fitted('r', log))).toEqual({ runId: 'r', event: log });
  });
});
