import { describe, expect, it } from 'vitest';
import { emptyGraph } from '@studio/ir';
import { freeSpot } from './free-spot';

describe('freeSpot', () => {
  it('keeps a free spot and steps past occupied ones', () => {
    const g = {
      ...emptyGraph('g'),
      nodes: [
        { id: 'a', op: 'split', params: {}, position: { x: 100, y: 100 } },
        { id: 'b', op: 'split', params: {}, position: { x: 140, y: 140 } },
      ],
    };
    expect(freeSpot(g, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
    expect(freeSpot(g, { x: 110, y: 90 })).toEqual({ x: 190, y: 170 });
  });
});
