import { describe, expect, it } from 'vitest';
import { extent, formatTick, linearScale, niceDomain, niceStep, ticks } from './scale';

describe('linearScale', () => {
  it('maps and inverts, including a flipped (SVG y) range', () => {
    const y = linearScale([0, 1], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(0.25)).toBe(150);
    expect(y.invert(50)).toBeCloseTo(0.75);
  });
  it('puts a zero-width domain in the middle rather than dividing by zero', () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });
});

describe('ticks', () => {
  it('chooses 1/2/5 steps and rounds away float noise', () => {
    expect(niceStep(0, 1, 5)).toBeCloseTo(0.2);
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
  it('widens a domain to whole steps', () => {
    expect(niceDomain(0.13, 0.87, 5)).toEqual([0, 1]);
    expect(niceDomain(-3.2, 41, 5)).toEqual([-10, 50]);
    expect(niceDomain(2, 2)).toEqual([0, 2]);
  });
  it('formats with the step precision', () => {
    expect(formatTick(0.2, 0.2)).toBe('0.2');
    expect(formatTick(20000, 10000)).toBe('20,000');
  });
});

describe('extent', () => {
  it('skips non-finite values and falls back to [0, 1]', () => {
    expect(extent([3, NaN, -1, Infinity])).toEqual([-1, 3]);
    expect(extent([], [])).toEqual([0, 1]);
    expect(extent([0.4, 0.6], [0])).toEqual([0, 0.6]);
  });
});
