import { describe, expect, it } from 'vitest';
import type { RunProgress } from '@studio/api';
import { applyRunEvent, type LiveRun } from './live-run';

const progress: RunProgress = {
  phase: 'train',
  fraction: 0.5,
  etaSeconds: 3,
  epoch: 2,
  step: 20,
  loss: 0.4,
  valLoss: 0.45,
  valAuc: 0.7,
  rowsPerSec: 1000,
};
const start: LiveRun = { status: 'queued', error: null, progress: null, history: [], logs: [] };
const point = (step: number, loss = 0.5) => ({ step, epoch: 1, loss, valLoss: null, valAuc: null });

describe('applyRunEvent', () => {
  it('moves a queued run to running and appends history', () => {
    const s = applyRunEvent(start, { type: 'progress', progress, point: point(10) });
    expect(s.status).toBe('running');
    expect(s.progress).toBe(progress);
    expect(s.history).toHaveLength(1);
  });
  it('replaces a replayed point instead of duplicating it', () => {
    let s = applyRunEvent(start, { type: 'progress', progress, point: point(10) });
    s = applyRunEvent(s, { type: 'progress', progress, point: point(20) });
    s = applyRunEvent(s, { type: 'progress', progress, point: point(10, 0.3) });
    expect(s.history.map((p) => [p.step, p.loss])).toEqual([
      [10, 0.3],
      [20, 0.5],
    ]);
  });
  it('keeps one curve per model: a second model restarting at step 1 replaces nothing', () => {
    const at = (nodeId: string, step: number) => ({ ...point(step), nodeId });
    let s = start;
    for (const p of [at('mlp', 1), at('mlp', 2), at('gbm', 1), at('gbm', 2), at('gbm', 2)])
      s = applyRunEvent(s, { type: 'progress', progress, point: p });
    expect(s.history.filter((p) => p.nodeId === 'mlp').map((p) => p.step)).toEqual([1, 2]);
    expect(s.history.filter((p) => p.nodeId === 'gbm').map((p) => p.step)).toEqual([1, 2]);
  });
  it('keeps a terminal status against late progress', () => {
    let s = applyRunEvent(start, { type: 'status', status: 'cancelled', error: null });
    s = applyRunEvent(s, { type: 'progress', progress, point: null });
    s = applyRunEvent(s, { type: 'status', status: 'running', error: null });
    expect(s.status).toBe('cancelled');
  });
  it('records failures and skips duplicate logs', () => {
    const log = { at: '2026-01-01T00:00:00Z', level: 'info' as const, message: 'epoch 1' };
    let s = applyRunEvent(start, { type: 'log', log });
    s = applyRunEvent(s, { type: 'log', log });
    s = applyRunEvent(s, { type: 'status', status: 'failed', error: 'out of memory' });
    expect(s.logs).toHaveLength(1);
    expect(s.error).toBe('out of memory');
  });
});
