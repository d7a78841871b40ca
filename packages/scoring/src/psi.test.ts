import { describe, expect, it } from 'vitest';
import { informationValue, informationValueOfBins } from './information-value';
import { psi } from './psi';

const uniform = (n: number, shift = 0) => Array.from({ length: n }, (_, i) => i / n + shift);

describe('psi', () => {
  it('is zero for the same distribution and large for a shifted one', () => {
    expect(psi(uniform(1000), uniform(500)).psi).toBeCloseTo(0, 2);
    expect(psi(uniform(1000), uniform(1000, 0.5)).psi).toBeGreaterThan(0.25);
  });

  it('matches the hand computation on two bins, with missing values in their own bin', () => {
    const r = psi([1, 1, 2, 2], [1, 2, 2, 2, NaN], 2);
    // bins: (≤1] and (>1]; expected 50/50; actual 20/60 and 20% missing.
    const c = (a: number, e: number) => (a - e) * Math.log(a / e);
    expect(r.psi).toBeCloseTo(c(0.2, 0.5) + c(0.6, 0.5) + c(0.2, 1e-4), 12);
    expect(r.bins).toHaveLength(3);
  });
});

describe('informationValue', () => {
  it('computes WOE = ln(%good/%bad) and IV, from counts and from bin indices', () => {
    const r = informationValue([80, 20], [20, 80], 0);
    expect(r.woe[0]).toBeCloseTo(Math.log(4), 12);
    expect(r.iv).toBeCloseTo(2 * 0.6 * Math.log(4), 12);
    const bins = [0, 0, 0, 0, 1, 1, 1, 1];
    const y = [0, 0, 0, 1, 1, 1, 1, 0];
    expect(informationValueOfBins(bins, y, 0).iv).toBeCloseTo(informationValue([3, 1], [1, 3], 0).iv, 12);
    expect(Number.isFinite(informationValue([5, 0], [0, 5]).iv)).toBe(true);
  });
});
