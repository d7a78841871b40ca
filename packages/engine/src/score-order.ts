/** The evaluation screen's pass over held-out scores, run natively (one thread; no JIT warm-up). */
import { native } from './binding';

/**
 * Whether the loaded addon has these kernels (an addon built before them lacks them: callers then keep their
 * TypeScript paths, which give the same results; the engine's tests fail on such an addon).
 */
export const hasScoreOrderKernel =
  typeof native.scoreOrderDesc === 'function' && typeof native.evaluationPass === 'function';

/**
 * Row indices by descending score, ties by ascending index, −0 tied with +0 (`@studio/scoring`'s
 * `orderByScoreDesc`), written to `order` (same length); false, with `order` unspecified, when a score is NaN.
 */
export function scoreOrderDesc(score: Float64Array, order: Uint32Array): boolean {
  return native.scoreOrderDesc(score, order);
}

/** Counts and sums of one pass over the held-out rows (see native/src/stats/score-order.h). */
export interface EvaluationPass {
  totalBad: number;
  ks: number;
  ksAt: number;
  bandStart: Float64Array;
  bandEnd: Float64Array;
  bandMin: Float64Array;
  bandMax: Float64Array;
  bandBads: Float64Array;
  bandScoreSum: Float64Array;
  u: number;
  rocGoods: Float64Array;
  rocBads: Float64Array;
  brierSum: number;
  cutBad: Float64Array;
  cutGood: Float64Array;
}

/**
 * The evaluation screen's pass (`@studio/pipeline`'s `EvaluationKernel`): the descending score order, KS and
 * its score, `bands` score bands with their bads and score sums, the AUC's Mann–Whitney count, the kept points
 * of a ROC curve of about `rocPoints`, the Brier sum and the cut-off grid's counts on `steps` steps of `step`;
 * the same doubles as the TypeScript screen. Null when a label is not 0/1, a score not finite or one class is
 * missing (the TypeScript path then reports which).
 */
export function evaluationPass(
  y: Uint8Array,
  score: Float64Array,
  bands: number,
  rocPoints: number,
  steps: number,
  step: number,
): EvaluationPass | null {
  return native.evaluationPass(y, score, bands, rocPoints, steps, step);
}
