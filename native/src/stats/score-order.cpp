// The evaluation screen's pass over held-out scores; see score-order.h. Compiled without fused multiply-adds
// (CMakeLists.txt), so every sum and quotient rounds as the TypeScript reference's does.
#include "score-order.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace studio {

namespace {

/** A key whose unsigned order is the descending order of the score; −0 maps as +0. */
inline uint64_t descending_key(double s) {
  if (s == 0) s = 0;  // −0 → +0: the reference ties them
  uint64_t bits;
  std::memcpy(&bits, &s, sizeof bits);
  const uint64_t sign = uint64_t(1) << 63;
  const uint64_t ascending = (bits & sign) ? ~bits : (bits | sign);
  return ~ascending;
}

/** Math.round of a non-negative double: the nearest integer, halves up. */
inline double round_half_up(double x) {
  const double f = std::floor(x);
  return x - f >= 0.5 ? f + 1 : f;
}

}  // namespace

bool score_order_desc(const double* score, int64_t n, uint32_t* order) {
  if (n <= 0) return true;
  std::vector<uint64_t> keys(static_cast<size_t>(n)), keys2(static_cast<size_t>(n));
  std::vector<uint32_t> idx2(static_cast<size_t>(n));
  // One pass: the keys and the eight 8-bit digit histograms of an LSD radix sort (stable, so ties keep the
  // ascending row order the keys were written in).
  std::vector<uint32_t> hist(8 * 256, 0);
  for (int64_t i = 0; i < n; i++) {
    const double s = score[i];
    if (s != s) return false;
    const uint64_t k = descending_key(s);
    keys[size_t(i)] = k;
    order[i] = uint32_t(i);
    for (int d = 0; d < 8; d++) hist[size_t(d * 256 + ((k >> (8 * d)) & 0xff))]++;
  }
  uint64_t* kin = keys.data();
  uint64_t* kout = keys2.data();
  uint32_t* iin = order;
  uint32_t* iout = idx2.data();
  for (int d = 0; d < 8; d++) {
    uint32_t* h = &hist[size_t(d * 256)];
    // A digit every key shares orders nothing: skip its pass (the high bytes of probabilities, say).
    if (h[(kin[0] >> (8 * d)) & 0xff] == uint32_t(n)) continue;
    uint32_t at = 0;
    for (int b = 0; b < 256; b++) {
      const uint32_t c = h[b];
      h[b] = at;
      at += c;
    }
    for (int64_t i = 0; i < n; i++) {
      const uint64_t k = kin[i];
      const uint32_t p = h[(k >> (8 * d)) & 0xff]++;
      kout[p] = k;
      iout[p] = iin[i];
    }
    std::swap(kin, kout);
    std::swap(iin, iout);
  }
  if (iin != order) std::memcpy(order, iin, size_t(n) * sizeof(uint32_t));
  return true;
}

bool evaluation_pass(const uint8_t* y, const double* score, int64_t n, int64_t bands, int64_t roc_points,
                     int64_t steps, double step, EvaluationPass& out) {
  out = EvaluationPass();
  if (n <= 0 || bands < 1 || roc_points < 1 || steps < 0) return false;
  double total_bad = 0;
  for (int64_t i = 0; i < n; i++) {
    if (y[i] > 1 || !std::isfinite(score[i])) return false;
    total_bad += y[i];
  }
  if (total_bad == 0 || total_bad == double(n)) return false;
  const double total_good = double(n) - total_bad;
  out.total_bad = total_bad;
  std::vector<uint32_t> order(static_cast<size_t>(n));
  if (!score_order_desc(score, n, order.data())) return false;
  const uint32_t* o = order.data();

  // KS (`ksStatistic`): the gap at the last row of every tie group, from the highest score down.
  out.ks = 0;
  out.ks_at = score[o[0]];
  double cum_bad = 0;
  for (int64_t i = 0; i < n; i++) {
    cum_bad += y[o[i]];
    const bool last = i + 1 == n || score[o[i + 1]] != score[o[i]];
    if (!last) continue;
    const double gap = std::fabs(cum_bad / total_bad - (double(i + 1) - cum_bad) / total_good);
    if (gap > out.ks) {
      out.ks = gap;
      out.ks_at = score[o[i]];
    }
  }

  // Bands (`rankGroups`): near-equal counts, never splitting a tie group; bads and Σ score per band.
  int64_t start = 0;
  for (int64_t g = 1; g <= bands && start < n; g++) {
    int64_t end = g == bands ? n
                             : std::max<int64_t>(start + 1, int64_t(round_half_up(double(g * n) / double(bands))));
    while (end < n && score[o[end]] == score[o[end - 1]]) end++;
    double bads = 0;
    double sum = 0;
    for (int64_t k = start; k < end; k++) {
      bads += y[o[k]];
      sum += score[o[k]];
    }
    out.band_start.push_back(double(start));
    out.band_end.push_back(double(end));
    out.band_max.push_back(score[o[start]]);
    out.band_min.push_back(score[o[end - 1]]);
    out.band_bads.push_back(bads);
    out.band_score_sum.push_back(sum);
    start = end;
  }

  // Tie groups from the highest score down: ROC points (`rocCurve`) and the AUC's pair count. Each term of the
  // count is a half-integer and every partial sum stays below 2^52, so it is exact in any order.
  int64_t groups = 0;
  for (int64_t i = 0; i < n; i++)
    if (i + 1 == n || score[o[i + 1]] != score[o[i]]) groups++;
  const int64_t count = groups + 1;
  const int64_t stride = std::max<int64_t>(1, (count + roc_points - 1) / roc_points);
  double goods_above = 0;
  double bads_above = 0;
  double u_pairs = 0;
  int64_t gi = 0;
  for (int64_t i = 0; i < n;) {
    int64_t j = i;
    double gb = 0;
    while (j < n && score[o[j]] == score[o[i]]) gb += y[o[j++]];
    const double gg = double(j - i) - gb;
    // Bads of this group outrank the goods below it, tie the group's goods.
    u_pairs += gb * ((total_good - goods_above - gg) + gg / 2);
    goods_above += gg;
    bads_above += gb;
    gi++;
    if (gi % stride == 0 || gi == count - 1) {
      out.roc_goods.push_back(goods_above);
      out.roc_bads.push_back(bads_above);
    }
    i = j;
  }
  out.u = u_pairs;

  // Brier sum, row order.
  double brier = 0;
  for (int64_t i = 0; i < n; i++) {
    const double d = score[i] - double(y[i]);
    brier += d * d;
  }
  out.brier_sum = brier;

  // Cut-off grid counts (`cutoffGrid`): row i is predicted bad at grid points 0..min(steps, ⌊score/step + 1e−9⌋).
  out.cut_bad.assign(size_t(steps + 2), 0);
  out.cut_good.assign(size_t(steps + 2), 0);
  for (int64_t i = 0; i < n; i++) {
    const double q = std::floor(score[i] / step + 1e-9);
    const double k = q < double(steps) ? q : double(steps);
    if (!(k >= 0)) continue;  // the reference's typed-array write at a negative index does nothing
    (y[i] ? out.cut_bad : out.cut_good)[size_t(k)] += 1;
  }
  return true;
}

}  // namespace studio
