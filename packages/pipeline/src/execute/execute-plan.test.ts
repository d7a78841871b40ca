import { describe, expect, it } from 'vitest';
import type { RunProgress } from '@studio/api';
import { assertRunnable } from '../plan/plan-graph';
import { findTemplate } from '../templates/templates';
import { loadByPath, sharedDataset } from '../test-support/graphs';
import { executePlan } from './execute-plan';

const network = () =>
  assertRunnable(
    findTemplate('neural-network-pd')!.build(
      sharedDataset('taiwan_default.csv'),
      'default.payment.next.month',
    ),
  );

describe('executePlan', () => {
  it('reports rising progress with learning-curve points, logs, durations and the artifacts of a run', async () => {
    const progress: RunProgress[] = [];
    const logs: string[] = [];
    const result = await executePlan(network(), {
      loadDataset: loadByPath,
      onProgress: (p) => progress.push(p),
      onLog: (l) => logs.push(l.message),
    });
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.some((p) => p.epoch !== null && p.loss !== null)).toBe(true);
    expect(logs.some((m) => m.includes('30000 rows'))).toBe(true);
    expect(Object.keys(result.durations)).toEqual(
      expect.arrayContaining(['read', 'split', 'transforms', 'train', 'evaluate', 'quantize', 'total']),
    );
    expect(result.artifacts.map((a) => a.kind)).toEqual(['transforms', 'weights', 'weights-int8', 'metrics']);
    expect(result.datasetSha256).toBe('a0f0ab49d6326671d6cd83be5c88dcf18007025fe9a53ecd699119c871176ca1');
  });

  it('stops with ENGINE_CANCELLED when the signal aborts mid-training', async () => {
    const abort = new AbortController();
    const run = executePlan(network(), {
      loadDataset: loadByPath,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.epoch !== null && p.epoch >= 1) abort.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'ENGINE_CANCELLED' });
  });
});
