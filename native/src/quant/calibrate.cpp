#include "calibrate.h"

#include <algorithm>
#include <cmath>

namespace studio::quant {

void RangeObserver::observe(const float* v, int64_t n) {
  if (c_.method == CalibMethod::MinMax) {
    for (int64_t i = 0; i < n; ++i) max_ = std::max(max_, std::abs(v[i]));
    return;
  }
  for (int64_t i = 0; i < n; ++i) abs_.push_back(std::abs(v[i]));
}

float RangeObserver::scale() {
  double range = max_;
  if (c_.method == CalibMethod::Percentile && !abs_.empty()) {
    // Linear interpolation between the ranks around p/100 * (n - 1), as packages/onnx does.
    const double rank = c_.percentile / 100.0 * double(abs_.size() - 1);
    const auto lo = size_t(std::floor(rank));
    std::nth_element(abs_.begin(), abs_.begin() + lo, abs_.end());
    const double a = abs_[lo];
    const double b = lo + 1 < abs_.size() ? *std::min_element(abs_.begin() + lo + 1, abs_.end()) : a;
    range = a + (b - a) * (rank - double(lo));
  }
  return range > 0 ? float(range / 127.0) : 1.0f;
}

}  // namespace studio::quant
