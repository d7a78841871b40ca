// The evaluation screen's native pass (src/stats/score-order.cpp) against direct computations: the order
// against a stable comparison sort, the pass's counts against pairwise and row-by-row ones. Its agreement with
// the TypeScript screen, bit for bit, is packages/engine/src/score-order.test.ts.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "../src/stats/score-order.h"
#include "test.h"

using studio::EvaluationPass;
using studio::evaluation_pass;
using studio::score_order_desc;

namespace {

std::vector<uint32_t> reference_order(const std::vector<double>& s) {
  std::vector<uint32_t> o(s.size());
  std::iota(o.begin(), o.end(), 0u);
  std::stable_sort(o.begin(), o.end(), [&](uint32_t a, uint32_t b) { return s[a] > s[b]; });
  return o;
}

/** Scores with many ties, both zeros, negatives and infinities (the order allows them; the pass does not). */
std::vector<double> tied_scores(std::mt19937_64& rng, size_t n, bool infinities) {
  std::vector<double> s(n);
  std::uniform_int_distribution<int> pick(0, 9);
  std::uniform_real_distribution<double> u(-3, 3);
  for (size_t i = 0; i < n; i++) {
    const int k = pick(rng);
    s[i] = k == 0 ? 0.0 : k == 1 ? -0.0 : k < 5 ? std::round(u(rng) * 4) / 4 : u(rng);
    if (infinities && k == 9 && i % 3 == 0) s[i] = (i % 2 ? 1 : -1) * std::numeric_limits<double>::infinity();
  }
  return s;
}

}  // namespace

TEST(score_order_matches_stable_sort) {
  std::mt19937_64 rng(7);
  for (size_t n : {size_t(1), size_t(2), size_t(17), size_t(1000), size_t(70000)}) {
    const std::vector<double> s = tied_scores(rng, n, true);
    std::vector<uint32_t> o(n);
    CHECK(score_order_desc(s.data(), int64_t(n), o.data()));
    CHECK(o == reference_order(s));
  }
  // Distinct probabilities: the radix passes over the low bytes do all the work.
  std::vector<double> p(5000);
  std::uniform_real_distribution<double> u(0, 1);
  for (double& v : p) v = u(rng);
  std::vector<uint32_t> o(p.size());
  CHECK(score_order_desc(p.data(), int64_t(p.size()), o.data()));
  CHECK(o == reference_order(p));
}

TEST(score_order_refuses_nan) {
  std::vector<double> s = {0.5, std::nan(""), 0.25};
  std::vector<uint32_t> o(3);
  CHECK(!score_order_desc(s.data(), 3, o.data()));
}

TEST(evaluation_pass_matches_direct_counts) {
  std::mt19937_64 rng(11);
  for (size_t n : {size_t(2), size_t(9), size_t(300), size_t(2500)}) {
    std::vector<double> s = tied_scores(rng, n, false);
    for (double& v : s) v = std::fabs(v) / 3;  // probabilities, ties and −0 kept
    std::vector<uint8_t> y(n);
    std::bernoulli_distribution bad(0.3);
    for (size_t i = 0; i < n; i++) y[i] = bad(rng) ? 1 : 0;
    y[0] = 1;
    y[1] = 0;
    EvaluationPass r;
    CHECK(evaluation_pass(y.data(), s.data(), int64_t(n), 10, 200, 100, 0.01, r));
    double nb = 0;
    for (uint8_t v : y) nb += v;
    const double ng = double(n) - nb;
    CHECK(r.total_bad == nb);
    // Pairwise Mann–Whitney count.
    double u = 0;
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j < n; j++)
        if (y[i] && !y[j]) u += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
    CHECK(r.u == u);
    // KS: the largest gap over thresholds at the distinct scores.
    double ks = 0;
    for (double t : s) {
      double b = 0, g = 0;
      for (size_t i = 0; i < n; i++)
        if (s[i] >= t) (y[i] ? b : g) += 1;
      ks = std::max(ks, std::fabs(b / nb - g / ng));
    }
    CHECK_NEAR(r.ks, ks, 1e-12);
    // Bands cover the rows in order, never split a tie, and count their bads.
    const std::vector<uint32_t> o = reference_order(s);
    CHECK(r.band_start.front() == 0 && r.band_end.back() == double(n));
    double bads = 0;
    for (size_t b = 0; b < r.band_start.size(); b++) {
      const size_t lo = size_t(r.band_start[b]), hi = size_t(r.band_end[b]);
      if (b > 0) CHECK(r.band_start[b] == r.band_end[b - 1]);
      if (hi < n) CHECK(s[o[hi]] != s[o[hi - 1]]);
      double c = 0;
      for (size_t k = lo; k < hi; k++) c += y[o[k]];
      CHECK(r.band_bads[b] == c);
      CHECK(r.band_max[b] == s[o[lo]] && r.band_min[b] == s[o[hi - 1]]);
      bads += c;
    }
    CHECK(bads == nb);
    // The last ROC point takes every row; the cut-off counts cover every row.
    CHECK(r.roc_goods.back() == ng && r.roc_bads.back() == nb);
    double cut = 0, brier = 0;
    for (size_t k = 0; k < r.cut_bad.size(); k++) cut += r.cut_bad[k] + r.cut_good[k];
    CHECK(cut == double(n));
    for (size_t i = 0; i < n; i++) brier += (s[i] - y[i]) * (s[i] - y[i]);
    CHECK(r.brier_sum == brier);
  }
}

TEST(evaluation_pass_refuses_what_the_reference_reports) {
  EvaluationPass r;
  std::vector<double> s = {0.1, 0.2, 0.3};
  std::vector<uint8_t> one_class = {1, 1, 1}, not_binary = {0, 2, 1}, y = {0, 1, 0};
  CHECK(!evaluation_pass(one_class.data(), s.data(), 3, 10, 200, 100, 0.01, r));
  CHECK(!evaluation_pass(not_binary.data(), s.data(), 3, 10, 200, 100, 0.01, r));
  s[1] = std::numeric_limits<double>::infinity();
  CHECK(!evaluation_pass(y.data(), s.data(), 3, 10, 200, 100, 0.01, r));
  s[1] = std::nan("");
  CHECK(!evaluation_pass(y.data(), s.data(), 3, 10, 200, 100, 0.01, r));
}
