import { describe, expect, it } from 'vitest';
import type { Evaluation } from '@studio/api';
import { diagonalWithin, gainsPoints, ksSeries, rocPoints } from './eval-series';

describe('evaluation series', () => {
  it('closes the ROC curve at both corners', () => {
    expect(rocPoints([{ fpr: 0.2, tpr: 0.6 }])).toEqual([
      { x: 0, y: 0 },
      { x: 0.2, y: 0.6 },
      { x: 1, y: 1 },
    ]);
  });
  it('starts KS and gains curves at the origin', () => {
    const ks = ksSeries([
      {
        band: 1,
        count: 10,
        bads: 5,
        badRate: 0.5,
        minScore: 0,
        maxScore: 1,
        goods: 5,
        cumBadShare: 0.5,
        cumGoodShare: 0.1,
        ks: 0.4,
      },
    ] as Evaluation['ksTable']);
    expect(ks.gap).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 0.4 },
    ]);
    const gains = gainsPoints(
      [{ band: 1, count: 50, bads: 5, badRate: 0.1, cumCount: 50, cumBadShare: 0.5, lift: 5, cumLift: 5 }],
      100,
    );
    expect(gains[1]).toEqual({ x: 0.5, y: 0.5 });
  });

  it('keeps the calibration diagonal inside a zoomed domain', () => {
    expect(diagonalWithin([0, 0.4])).toEqual([
      { x: 0, y: 0 },
      { x: 0.4, y: 0.4 },
    ]);
  });
});
