import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluationPass, hasScoreOrderKernel, scoreOrderDesc } from '@studio/engine';
import { orderByScoreDesc, useScoreOrderKernel } from '@studio/scoring';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEvaluation, useEvaluationKernel } from './evaluation';
import { metricsCases, metricsOutputs } from './metrics-fixture';

/** JSON in which −0, NaN and ±Infinity stay apart from 0 and null: equal strings, equal doubles. */
function exact(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'number' && (Object.is(x, -0) || !Number.isFinite(x))
      ? `#${Object.is(x, -0) ? '-0' : x}`
      : x,
  );
}

/** Screens the native pass gave (so a test can tell that the native path ran, not the fallback). */
let passes = 0;

function native(on: boolean): void {
  useScoreOrderKernel(on ? scoreOrderDesc : null);
  useEvaluationKernel(
    on
      ? (...args: Parameters<typeof evaluationPass>) => {
          const r = evaluationPass(...args);
          if (r) passes++;
          return r;
        }
      : null,
  );
}

/** Seeded scores: distinct, on a coarse grid (ties across classes), with ±0, on the cut-off grid's edges. */
function sample(n: number, seed: number, kind: 'distinct' | 'grid' | 'edges' | 'wide') {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const prob = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = rnd();
    prob[i] =
      kind === 'distinct'
        ? u
        : kind === 'grid'
          ? Math.round(u * 20) / 20
          : kind === 'edges'
            ? [0, -0, 0.01, 0.07, 0.5, 0.29, 1, 0.57 - 1e-12][Math.floor(u * 8)]!
            : (u - 0.2) * 1.6; // outside [0, 1] on both sides
    y[i] = rnd() < (kind === 'wide' ? 0.5 : Math.min(0.95, Math.max(0.05, prob[i]!))) ? 1 : 0;
  }
  y[0] = 1;
  y[n - 1] = 0;
  return { y, prob };
}

describe('the evaluation screen natively (evaluationPass, scoreOrderDesc) and in TypeScript agree to the bit', () => {
  afterEach(() => native(false));

  it('has the kernels in the loaded addon (rebuild native/ when this fails)', () => {
    expect(hasScoreOrderKernel).toBe(true);
  });

  it.each([
    [2, 1, 'distinct'],
    [37, 2, 'grid'],
    [1000, 3, 'edges'],
    [6000, 4, 'distinct'],
    [45_000, 5, 'distinct'],
    [45_000, 6, 'grid'],
    [20_001, 7, 'wide'],
    [5000, 8, 'edges'],
  ] as const)('%i rows, seed %i, %s scores', (n, seed, kind) => {
    const { y, prob } = sample(n, seed, kind);
    const ts = exact(buildEvaluation(y, prob, 0.5));
    native(true);
    const before = passes;
    expect(exact(buildEvaluation(y, prob, 0.5))).toBe(ts);
    expect(passes).toBe(before + 1);
    // A Float32Array of PDs (a float model's output) takes the native path through a copy.
    const f32 = Float32Array.from(prob);
    native(false);
    const ts32 = exact(buildEvaluation(y, f32, 0.5));
    native(true);
    expect(exact(buildEvaluation(y, f32, 0.5))).toBe(ts32);
    expect(passes).toBe(before + 2);
  });

  it('orders scores as orderByScoreDesc does: ties by index, −0 tied with +0, infinities at the ends', () => {
    const { prob } = sample(30_000, 9, 'edges');
    for (let i = 0; i < prob.length; i += 97) prob[i] = i % 2 ? Infinity : -Infinity;
    const ts = orderByScoreDesc(prob.slice());
    native(true);
    expect(orderByScoreDesc(prob.slice())).toEqual(ts);
    const order = new Uint32Array(3);
    expect(scoreOrderDesc(Float64Array.of(0.2, NaN, 0.1), order)).toBe(false);
  });

  it.each([
    ['METRIC_ONE_CLASS', Uint8Array.of(1, 1, 1), Float64Array.of(0.1, 0.2, 0.3)],
    ['METRIC_LABEL_NOT_BINARY', Uint8Array.of(0, 2, 1), Float64Array.of(0.1, 0.2, 0.3)],
    ['METRIC_SCORE_NOT_FINITE', Uint8Array.of(0, 1, 1), Float64Array.of(0.1, NaN, 0.3)],
    ['METRIC_SCORE_NOT_FINITE', Uint8Array.of(0, 1, 1), Float64Array.of(0.1, Infinity, 0.3)],
  ])('leaves invalid inputs to the TypeScript path, which reports %s', (code, y, prob) => {
    native(true);
    expect(evaluationPass(y, prob, 10, 200, 100, 0.01)).toBeNull();
    expect(() => buildEvaluation(y, prob, 0.5)).toThrow(expect.objectContaining({ code }));
  });

  it('gives the pinned screens and validation packs of metrics-pinned.json', () => {
    const pinned = JSON.parse(
      readFileSync(join(import.meta.dirname, 'metrics-pinned.json'), 'utf8'),
    ) as Record<string, unknown>;
    native(true);
    const before = passes;
    for (const c of metricsCases()) expect(metricsOutputs(c)).toEqual(pinned[c.name]);
    expect(passes).toBe(before + metricsCases().length);
  }, 240_000);
});
