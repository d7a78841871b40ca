#include "woe-bins.h"

#include <algorithm>
#include <cmath>

namespace studio {

namespace {

/** First j with v ≤ cuts[j], else m (rangeIndex). */
inline int64_t range_index(const double* cuts, int64_t m, double v) {
  int64_t lo = 0, hi = m;
  while (lo < hi) {
    const int64_t mid = (lo + hi) >> 1;
    if (v > cuts[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

}  // namespace

WoeFineBins woe_fine_bins(const double* values, const uint8_t* y, int64_t n, const double* special,
                          int64_t specials, int64_t fine_bins) {
  WoeFineBins out;
  std::vector<double> regular;
  std::vector<uint8_t> regular_y;
  regular.reserve(size_t(n));
  regular_y.reserve(size_t(n));
  std::vector<double> sg(size_t(specials) + 1, 0.0), sb(size_t(specials) + 1, 0.0);
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    int64_t sp = -1;
    if (std::isnan(v)) {
      sp = specials;
    } else {
      for (int64_t j = 0; j < specials; j++)
        if (special[j] == v) {
          sp = j;
          break;
        }
    }
    if (sp >= 0) {
      (y[i] ? sb : sg)[size_t(sp)] += 1;
      continue;
    }
    regular.push_back(v);
    regular_y.push_back(y[i]);
  }
  const int64_t m = int64_t(regular.size());
  out.regular = m;
  if (m > 0) {
    // Ranks as fineCuts computes them (the same double arithmetic), then exact order statistics by selection.
    std::vector<int64_t> ranks;
    for (int64_t k = 0; k + 1 < fine_bins; k++)
      ranks.push_back(int64_t(std::ceil((double(k + 1) * double(m)) / double(fine_bins))) - 1);
    std::vector<double> scratch(regular);
    std::vector<int64_t> sorted_ranks(ranks);
    sorted_ranks.push_back(m - 1);
    std::sort(sorted_ranks.begin(), sorted_ranks.end());
    sorted_ranks.erase(std::unique(sorted_ranks.begin(), sorted_ranks.end()), sorted_ranks.end());
    std::vector<double> at(sorted_ranks.size());
    int64_t from = 0;
    for (size_t k = 0; k < sorted_ranks.size(); k++) {
      const int64_t r = sorted_ranks[k];
      std::nth_element(scratch.begin() + from, scratch.begin() + r, scratch.end());
      at[k] = scratch[size_t(r)];
      from = r + 1;
    }
    auto value_at = [&](int64_t r) {
      return at[size_t(std::lower_bound(sorted_ranks.begin(), sorted_ranks.end(), r) - sorted_ranks.begin())];
    };
    const double max = value_at(m - 1);
    for (int64_t r : ranks) {
      const double v = value_at(r);
      if (v < max && (out.cuts.empty() || v > out.cuts.back())) out.cuts.push_back(v);
    }
  }
  const int64_t c = int64_t(out.cuts.size());
  std::vector<int64_t> counts(2 * size_t(c + 1), 0);
  for (int64_t i = 0; i < m; i++) counts[2 * size_t(range_index(out.cuts.data(), c, regular[size_t(i)])) + regular_y[size_t(i)]]++;
  for (int64_t j = 0; j <= c; j++) {
    out.goods.push_back(double(counts[2 * size_t(j)]));
    out.bads.push_back(double(counts[2 * size_t(j) + 1]));
  }
  out.goods.insert(out.goods.end(), sg.begin(), sg.end());
  out.bads.insert(out.bads.end(), sb.begin(), sb.end());
  return out;
}

void woe_by_range(const double* values, int64_t n, const double* cuts, int64_t m, const double* woe,
                  double* out) {
  const double missing = woe[m + 1];
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    out[i] = std::isnan(v) ? missing : woe[range_index(cuts, m, v)];
  }
}

}  // namespace studio
