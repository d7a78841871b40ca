import { describe, expect, it } from 'vitest';
import { stratifiedFolds } from './stratified-folds';

describe('stratifiedFolds', () => {
  const y = Uint8Array.from({ length: 703 }, (_, i) => (i % 10 < 3 ? 1 : 0));

  it('partitions the rows: each row is held out exactly once and trained on in the other folds', () => {
    const folds = stratifiedFolds(y, 5, 7);
    const held = new Int32Array(y.length);
    for (const f of folds) {
      for (const r of f.valid) held[r]!++;
      expect(f.train.length + f.valid.length).toBe(y.length);
      const inValid = new Set(f.valid);
      expect([...f.train].some((r) => inValid.has(r))).toBe(false);
    }
    expect([...held].every((n) => n === 1)).toBe(true);
  });

  it('keeps the class shares of the whole in every fold to within one row', () => {
    const bads = y.reduce((n, v) => n + v, 0);
    for (const f of stratifiedFolds(y, 5, 7)) {
      const foldBads = [...f.valid].reduce((n, r) => n + y[r]!, 0);
      expect(Math.abs(foldBads - bads / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(f.valid.length - foldBads - (y.length - bads) / 5)).toBeLessThanOrEqual(1);
    }
  });

  it('is the same for a seed and differs between seeds', () => {
    const a = stratifiedFolds(y, 5, 7).map((f) => [...f.valid]);
    expect(stratifiedFolds(y, 5, 7).map((f) => [...f.valid])).toEqual(a);
    expect(stratifiedFolds(y, 5, 8).map((f) => [...f.valid])).not.toEqual(a);
  });
});
