#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace studio {

double roc_auc(const float* score, const float* y, int64_t n) {
  std::vector<int64_t> idx(static_cast<size_t>(n));
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) { return score[a] < score[b]; });
  double pos = 0, rank_sum = 0;
  for (int64_t i = 0; i < n;) {
    int64_t j = i;
    while (j < n && score[idx[size_t(j)]] == score[idx[size_t(i)]]) ++j;
    const double avg_rank = 0.5 * double(i + j + 1);  // ranks are 1-based
    for (int64_t k = i; k < j; ++k)
      if (y[idx[size_t(k)]] > 0.5f) {
        pos += 1;
        rank_sum += avg_rank;
      }
    i = j;
  }
  const double neg = double(n) - pos;
  if (pos == 0 || neg == 0) return std::numeric_limits<double>::quiet_NaN();
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

double mean_bce_logits(const float* z, const float* y, int64_t n, double neg_weight, double pos_weight) {
  double s = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double zi = z[i], yi = y[i];
    s += (yi * pos_weight + (1 - yi) * neg_weight) * (std::max(zi, 0.0) - zi * yi + std::log1p(std::exp(-std::abs(zi))));
  }
  return s / double(n);
}

double mean_softmax_ce(const float* z, const float* y, int64_t n, int64_t classes) {
  double s = 0;
  for (int64_t i = 0; i < n; ++i) {
    const float* r = z + i * classes;
    const double m = *std::max_element(r, r + classes);
    double e = 0;
    for (int64_t j = 0; j < classes; ++j) e += std::exp(r[j] - m);
    s += m + std::log(e) - r[int64_t(y[i])];
  }
  return s / double(n);
}

}  // namespace studio
