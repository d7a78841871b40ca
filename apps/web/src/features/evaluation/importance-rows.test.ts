import { describe, expect, it } from 'vitest';
import { importanceRows } from './importance-rows';

const importance = [
  { feature: 'duration', source: 'duration', gain: 40, splits: 12, meanAbsShap: 0.1 },
  { feature: 'housing=rent', source: 'housing', gain: 10, splits: 3, meanAbsShap: 0.3 },
  { feature: 'age', source: 'age', gain: 20, splits: 5, meanAbsShap: 0.05 },
  { feature: 'unused', source: 'unused', gain: 0, splits: 0, meanAbsShap: 0 },
];

describe('importanceRows', () => {
  it('orders by gain or by mean |SHAP|, leaves out unused features, and scales bars to the largest', () => {
    expect(importanceRows(importance, 'gain').map((r) => r.feature)).toEqual([
      'duration',
      'age',
      'housing=rent',
    ]);
    const byShap = importanceRows(importance, 'shap');
    expect(byShap.map((r) => r.feature)).toEqual(['housing=rent', 'duration', 'age']);
    expect(byShap[0]).toMatchObject({ shapShare: 1, gainShare: 0.25, source: 'housing' });
    expect(importanceRows(importance, 'gain', 1)).toHaveLength(1);
  });
});
