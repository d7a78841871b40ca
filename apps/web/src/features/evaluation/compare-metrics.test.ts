import { describe, expect, it } from 'vitest';
import type { Evaluation } from '@studio/api';
import { compareMetrics, deltaTone } from './compare-metrics';

const ev = (auc: number, brier: number) => ({ auc, gini: 2 * auc - 1, ks: 0.4, brier }) as Evaluation;

describe('compareMetrics', () => {
  it('takes the first run as the baseline', () => {
    const rows = compareMetrics([{ evaluation: ev(0.7, 0.2) }, { evaluation: ev(0.75, 0.18) }]);
    const auc = rows.find((r) => r.key === 'auc');
    expect(auc?.values).toEqual([0.7, 0.75]);
    expect(auc?.deltas[0]).toBeNull();
    expect(auc?.deltas[1]).toBeCloseTo(0.05);
  });
  it('leaves a run without evaluation blank', () => {
    const rows = compareMetrics([{ evaluation: ev(0.7, 0.2) }, { evaluation: null }]);
    expect(rows[0]?.values[1]).toBeNull();
    expect(rows[0]?.deltas[1]).toBeNull();
  });
});

describe('deltaTone', () => {
  it('knows a lower Brier score is better', () => {
    expect(deltaTone(-0.01, false)).toBe('better');
    expect(deltaTone(0.01, true)).toBe('better');
    expect(deltaTone(-0.01, true)).toBe('worse');
    expect(deltaTone(0, true)).toBe('same');
  });
});
