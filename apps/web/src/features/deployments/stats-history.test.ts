import { describe, expect, it } from 'vitest';
import type { DeploymentStats } from '@studio/api';
import { MAX_SAMPLES, addSample, psiLevel, trafficSeries } from './stats-history';

const stats = (requests: number): DeploymentStats => ({
  slug: 's',
  requests,
  byVersion: [],
  latencyMs: requests ? { p50: 1, p95: 2, p99: 3 } : null,
  psi: [],
  psiMinSample: 500,
  psiSample: requests,
  windowStart: null,
});

describe('stats history', () => {
  it('keeps the newest samples and skips a repeat at the same moment', () => {
    let h = addSample([], stats(0), 0);
    h = addSample(h, stats(0), 0);
    expect(h).toEqual([{ at: 0, requests: 0, p50: null, p95: null }]);
    for (let i = 1; i <= MAX_SAMPLES + 5; i++) h = addSample(h, stats(i), i * 1000);
    expect(h).toHaveLength(MAX_SAMPLES);
    expect(h[h.length - 1]).toMatchObject({ requests: MAX_SAMPLES + 5, p95: 2 });
  });

  it('turns request counts into requests per minute between polls', () => {
    const h = [0, 10, 10, 40].map((r, i) => ({ at: i * 30_000, requests: r, p50: null, p95: null }));
    expect(trafficSeries(h)).toEqual([
      { x: 30, y: 20 },
      { x: 60, y: 0 },
      { x: 90, y: 60 },
    ]);
  });

  it('reads PSI by the rule of thumb', () => {
    expect([0.05, 0.1, 0.3].map(psiLevel)).toEqual(['stable', 'shift', 'major']);
  });
});
