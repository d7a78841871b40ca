import { describe, expect, it } from 'vitest';
import { confusionAtCutoff, cutoffRange } from './confusion-at-cutoff';

const grid = [
  { cutoff: 0.1, tp: 90, fp: 400, tn: 400, fn: 10 },
  { cutoff: 0.5, tp: 50, fp: 50, tn: 750, fn: 50 },
  { cutoff: 0.9, tp: 5, fp: 0, tn: 800, fn: 95 },
];

describe('confusionAtCutoff', () => {
  it('snaps to the closest tabulated cutoff and derives the rates', () => {
    const c = confusionAtCutoff(grid, 0.47);
    expect(c?.cutoff).toBe(0.5);
    expect(c?.total).toBe(900);
    expect(c?.accuracy).toBeCloseTo(800 / 900);
    expect(c?.precision).toBeCloseTo(0.5);
    expect(c?.recall).toBeCloseTo(0.5);
    expect(c?.falsePositiveRate).toBeCloseTo(50 / 800);
    expect(c?.approvalRate).toBeCloseTo(800 / 900);
  });
  it('reports 0 rather than NaN when nothing is predicted bad', () => {
    expect(confusionAtCutoff([{ cutoff: 1, tp: 0, fp: 0, tn: 9, fn: 1 }], 1)?.precision).toBe(0);
  });
  it('is null without a grid', () => {
    expect(confusionAtCutoff([], 0.5)).toBeNull();
  });
});

describe('cutoffRange', () => {
  it('spans the grid with its finest step', () => {
    expect(cutoffRange(grid)).toEqual({ min: 0.1, max: 0.9, step: 0.4 });
    expect(cutoffRange([])).toEqual({ min: 0, max: 1, step: 0.01 });
  });
});
