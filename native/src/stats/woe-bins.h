// WOE binning's passes over a numeric column (packages/data/src/transforms/woe): the fine quantile cuts and
// the goods/bads per fine bin, special code and gap in one call, and the WOE lookup of a fitted column. The
// same cuts, counts and values as the TypeScript reference (order statistics are exact; counts are integers).
#pragma once
#include <cstdint>
#include <vector>

namespace studio {

struct WoeFineBins {
  /** Fine upper edges: order statistics at ranks ⌈k·n/F⌉ − 1 (k = 1..F−1), deduplicated, below the maximum. */
  std::vector<double> cuts;
  /** Per bin: cuts.size() + 1 range bins, then one per special code, then the gaps (NaN). */
  std::vector<double> goods, bads;
  /** Rows in the range bins (neither a gap nor a special code). */
  int64_t regular = 0;
};

/** `y` holds 0/1; a value equal to special[j] (the first such j) counts in special bin j. */
WoeFineBins woe_fine_bins(const double* values, const uint8_t* y, int64_t n, const double* special,
                          int64_t specials, int64_t fine_bins);

/** out[i] = woe[first j with values[i] ≤ cuts[j], else m], a gap taking woe[m + 1] (m = cuts count). */
void woe_by_range(const double* values, int64_t n, const double* cuts, int64_t m, const double* woe,
                  double* out);

}  // namespace studio
