import { describe, expect, it } from 'vitest';
import type { RunEvent } from '@studio/api';
import { PROGRESS_INTERVAL_MS, RunEventHub } from './run-events';

const progress = (fraction: number): RunEvent => ({
  type: 'progress',
  progress: {
    phase: 'training',
    fraction,
    etaSeconds: null,
    epoch: null,
    step: null,
    loss: null,
    valLoss: null,
    valAuc: null,
    rowsPerSec: null,
  },
  point: null,
});

describe('RunEventHub', () => {
  it('throttles progress to the latest per interval and flushes it before a status event', async () => {
    const hub = new RunEventHub();
    const seen: string[] = [];
    const off = hub.subscribe('r1', (e) =>
      seen.push(e.type === 'progress' ? `p${e.progress.fraction}` : e.type === 'status' ? e.status : 'log'),
    );
    for (let i = 1; i <= 50; i++) hub.publish('r1', progress(i / 100));
    expect(seen).toEqual(['p0.01']);
    await new Promise((r) => setTimeout(r, PROGRESS_INTERVAL_MS + 50));
    expect(seen).toEqual(['p0.01', 'p0.5']);
    hub.publish('r1', progress(0.6));
    hub.publish('r1', progress(0.7));
    hub.publish('r1', { type: 'status', status: 'succeeded', error: null });
    expect(seen).toEqual(['p0.01', 'p0.5', 'p0.7', 'succeeded']);
    off();
    hub.publish('r1', { type: 'status', status: 'failed', error: 'x' });
    expect(seen).toHaveLength(4);
    hub.close();
  });
});
