import { describe, expect, it } from 'vitest';
import type { CategoricalProfile, NumericProfile } from '@studio/data';
import { formatEdge, hasBadRates, profileBars } from './profile-bars';

const numeric: NumericProfile = {
  name: 'LIMIT_BAL',
  type: 'numeric',
  count: 10,
  missingCount: 0,
  missingRate: 0,
  distinctCount: 4,
  min: 0,
  max: 200000,
  mean: 1,
  std: 1,
  quantiles: null,
  histogram: [
    { lower: 0, upper: 100000, count: 6, badRate: 0.3 },
    { lower: 100000, upper: 200000, count: 4, badRate: null },
  ],
};
const categorical: CategoricalProfile = {
  name: 'purpose',
  type: 'categorical',
  count: 10,
  missingCount: 0,
  missingRate: 0,
  distinctCount: 5,
  top: [{ value: 'car', count: 7 }],
  otherCount: 3,
};

describe('profileBars', () => {
  it('labels histogram bins by their edges and keeps bad rates', () => {
    expect(profileBars(numeric)).toEqual([
      { label: '0 – 100K', tick: '0', count: 6, badRate: 0.3 },
      { label: '100K – 200K', tick: '100K', count: 4, badRate: null },
    ]);
    expect(hasBadRates(profileBars(numeric))).toBe(true);
  });
  it('adds an "other" bar after the top categories', () => {
    expect(profileBars(categorical).map((b) => b.label)).toEqual(['car', 'other']);
    expect(hasBadRates(profileBars(categorical))).toBe(false);
  });
  it('formats edges by type', () => {
    expect(formatEdge(0.123456, 'numeric')).toBe('0.123');
    expect(formatEdge(Date.UTC(2024, 0, 2), 'date')).toBe('2024-01-02');
  });
});
