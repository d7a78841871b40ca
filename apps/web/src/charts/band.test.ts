import { describe, expect, it } from 'vitest';
import { bandAt, bands } from './band';

describe('bands', () => {
  it('centres bars in equal bands with a gap', () => {
    expect(bands(2, 100, 0.2)).toEqual([
      { x: 5, width: 40 },
      { x: 55, width: 40 },
    ]);
    expect(bands(0, 100)).toEqual([]);
  });
  it('finds the band under the pointer, clamped to the ends', () => {
    expect(bandAt(4, 100, 60)).toBe(2);
    expect(bandAt(4, 100, -5)).toBe(0);
    expect(bandAt(4, 100, 500)).toBe(3);
    expect(bandAt(0, 100, 5)).toBe(-1);
  });
});
