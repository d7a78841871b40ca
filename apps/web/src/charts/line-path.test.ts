import { describe, expect, it } from 'vitest';
import { linePath, nearestByX } from './line-path';
import { linearScale } from './scale';

const x = linearScale([0, 1], [0, 100]);
const y = linearScale([0, 1], [100, 0]);

describe('linePath', () => {
  it('draws a polyline in pixel space', () => {
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 0.5, y: 0.5 },
          { x: 1, y: 1 },
        ],
        x,
        y,
      ),
    ).toBe('M0,100L50,50L100,0');
  });
  it('joins the measured neighbours of unmeasured points', () => {
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 0.5, y: null },
          { x: 1, y: 1 },
        ],
        x,
        y,
      ),
    ).toBe('M0,100L100,0');
  });
});

describe('nearestByX', () => {
  it('finds the closest defined point', () => {
    const pts = [
      { x: 0, y: 1 },
      { x: 1, y: null },
      { x: 2, y: 3 },
    ];
    expect(nearestByX(pts, 1.1)).toEqual({ x: 2, y: 3 });
    expect(nearestByX([], 0)).toBeNull();
  });
});
