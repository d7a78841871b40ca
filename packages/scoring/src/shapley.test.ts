import { describe, expect, it } from 'vitest';
import { logitOf, shapleyCoalitions } from './shapley';

/** A value function with interactions: the coalition's value from its member flags. */
function valuesOf(
  c: ReturnType<typeof shapleyCoalitions>,
  f: (present: (i: number) => boolean) => number,
): Float64Array {
  return Float64Array.from({ length: c.rows }, (_, r) => f((i) => c.members[r * c.players + i] === 1));
}

/** Shapley values by brute force over every ordering of the players (the definition). */
function byOrderings(k: number, f: (present: (i: number) => boolean) => number): number[] {
  const phi = new Array<number>(k).fill(0);
  let count = 0;
  const permute = (order: number[], rest: number[]) => {
    if (rest.length === 0) {
      count++;
      const inS = new Set<number>();
      for (const i of order) {
        const before = f((j) => inS.has(j));
        inS.add(i);
        phi[i]! += f((j) => inS.has(j)) - before;
      }
      return;
    }
    rest.forEach((r, idx) => permute([...order, r], [...rest.slice(0, idx), ...rest.slice(idx + 1)]));
  };
  permute(
    [],
    Array.from({ length: k }, (_, i) => i),
  );
  return phi.map((v) => v / count);
}

const interacting = (present: (i: number) => boolean) =>
  (present(0) ? 1.5 : 0) +
  (present(1) ? -0.7 : 0) +
  (present(0) && present(2) ? 2 : 0) +
  (present(1) && present(2) && present(3) ? -1.2 : 0) +
  Math.tanh((present(3) ? 0.9 : 0) + (present(4) ? 0.4 : 0));

describe('shapley values', () => {
  it('lists every coalition up to the exact limit and matches the definition over all orderings', () => {
    const c = shapleyCoalitions(5);
    expect(c.exact).toBe(true);
    expect(c.rows).toBe(32);
    const phi = c.combine(valuesOf(c, interacting));
    const expected = byOrderings(5, interacting);
    phi.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('adds up to the value of the whole coalition minus the empty one, exact or sampled', () => {
    for (const k of [0, 1, 3, 10, 11, 30]) {
      const c = shapleyCoalitions(k);
      expect(c.exact).toBe(k <= 10);
      const weights = Array.from({ length: k }, (_, i) => Math.sin(i + 1));
      const f = (present: (i: number) => boolean) => {
        let s = 0;
        for (let i = 0; i < k; i++) if (present(i)) s += weights[i]!;
        return Math.tanh(s) + (k > 2 && present(0) && present(2) ? 0.5 : 0);
      };
      const phi = c.combine(valuesOf(c, f));
      const total = phi.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - (f(() => true) - f(() => false)))).toBeLessThan(1e-12);
      expect(c.rows).toBeLessThanOrEqual(1024);
    }
  });

  it('samples reproducibly, and is exact for an additive model even when sampled', () => {
    const k = 20;
    const a = shapleyCoalitions(k);
    const b = shapleyCoalitions(k);
    expect(Buffer.from(a.members).equals(Buffer.from(b.members))).toBe(true);
    const w = Array.from({ length: k }, (_, i) => i - 7.5);
    const phi = a.combine(valuesOf(a, (present) => w.reduce((s, wi, i) => s + (present(i) ? wi : 0), 0)));
    phi.forEach((v, i) => expect(v).toBeCloseTo(w[i]!, 10));
    expect(shapleyCoalitions(k, { seed: 7 }).members).not.toEqual(a.members);
  });

  it('gives an additive model its exact values from k + 1 rows', () => {
    const k = 25;
    const c = shapleyCoalitions(k, { additive: true });
    expect(c.rows).toBe(26);
    const w = Array.from({ length: k }, (_, i) => Math.cos(i));
    const f = (present: (i: number) => boolean) => 0.3 + w.reduce((s, wi, i) => s + (present(i) ? wi : 0), 0);
    const phi = c.combine(valuesOf(c, f));
    phi.forEach((v, i) => expect(v).toBeCloseTo(w[i]!, 12));
  });

  it('keeps the log-odds finite at probabilities 0 and 1', () => {
    expect(logitOf(0.5)).toBe(0);
    expect(logitOf(0.25)).toBeCloseTo(Math.log(1 / 3), 14);
    expect(Number.isFinite(logitOf(0))).toBe(true);
    expect(Number.isFinite(logitOf(1))).toBe(true);
  });
});
