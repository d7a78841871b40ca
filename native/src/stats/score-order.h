// The evaluation screen's pass over held-out scores (packages/pipeline/src/execute/evaluation.ts): the rows in
// descending order of score (ties by row index, −0 tied with +0) by an LSD radix sort, and from that order
// every count the screen's metrics need, with the same sums in the same order as the TypeScript reference so
// the doubles it returns are bit-identical to it.
#pragma once
#include <cstdint>
#include <vector>

namespace studio {

/**
 * Writes to `order` the row indices 0..n−1 sorted by (−score, index), as `orderByScoreDesc` of
 * @studio/scoring does; −0 and +0 are one value. Returns false (order unspecified) when a score is NaN.
 */
bool score_order_desc(const double* score, int64_t n, uint32_t* order);

/** What `evaluation_pass` computes: counts and sums the TypeScript side turns into the screen's tables. */
struct EvaluationPass {
  double total_bad = 0;
  double ks = 0;
  double ks_at = 0;
  /** Score bands (`rankGroups(score, bands)`): [start, end) of the order, min/max score, bads, Σ score. */
  std::vector<double> band_start, band_end, band_min, band_max, band_bads, band_score_sum;
  /** Mann–Whitney count of (bad, good) pairs the bad one outranks, ties one half. */
  double u = 0;
  /** Kept ROC points after the origin: goods and bads taken from the top (see `rocCurve`). */
  std::vector<double> roc_goods, roc_bads;
  /** Σ (score − y)² in row order. */
  double brier_sum = 0;
  /** Rows whose cut-off grid index (min(steps, ⌊score/step + 1e−9⌋)) is k, per class, k = 0..steps+1. */
  std::vector<double> cut_bad, cut_good;
};

/**
 * The pass over n rows (labels y ∈ {0, 1}, finite scores, both classes present; returns false otherwise, and
 * the caller's reference path reports the error): the order, KS and where it is reached, `bands` bands, the
 * AUC's pair count, about `roc_points` ROC points, the Brier sum and the cut-off grid's counts on `steps`
 * steps of size `step`.
 */
bool evaluation_pass(const uint8_t* y, const double* score, int64_t n, int64_t bands, int64_t roc_points,
                     int64_t steps, double step, EvaluationPass& out);

}  // namespace studio
