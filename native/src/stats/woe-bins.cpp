#include "woe-bins.h"

#include <algorithm>
#include <cmath>

namespace studio {

namespace {

/** First j with v ≤ cuts[j], else m (rangeIndex): for ascending cuts, the number of cuts below v. A few
 *  cuts (fine bins: 19) are counted without branches (vectorised); many are searched. */
inline int64_t range_index(const double* cuts, int64_t m, double v) {
  if (m <= 64) {
    int64_t k = 0;
    for (int64_t j = 0; j < m; j++) k += v > cuts[j] ? 1 : 0;
    return k;
  }
  int64_t lo = 0, hi = m;
  while (lo < hi) {
    const int64_t mid = (lo + hi) >> 1;
    if (v > cuts[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Puts the order statistics at the ascending, distinct `ranks` (all in [lo, hi)) in place: the middle rank
 * first, then each side on its own part (O(n log k) rather than one selection per rank over the rest).
 */
void select_ranks(double* a, int64_t lo, int64_t hi, const int64_t* ranks, int64_t count) {
  if (count == 0) return;
  const int64_t mid = count / 2;
  const int64_t r = ranks[mid];
  std::nth_element(a + lo, a + r, a + hi);
  select_ranks(a, lo, r, ranks, mid);
  select_ranks(a, r + 1, hi, ranks + mid + 1, count - mid - 1);
}

/**
 * The values at ascending, distinct `ranks` of `values` (n of them, no NaN) into `at`: counted into equal-width
 * buckets over [min, max] (a monotone map, so bucket b holds the ranks before[b]..before[b+1]−1), then only the
 * buckets holding a wanted rank are gathered and selected in. Exact order statistics, two passes.
 */
void order_statistics(const std::vector<double>& values, double min, double max, const std::vector<int64_t>& ranks,
                      std::vector<double>& at) {
  const int64_t n = int64_t(values.size());
  constexpr int64_t kBuckets = 4096;
  const double scale = double(kBuckets) / (max - min);
  at.assign(ranks.size(), 0.0);
  if (!std::isfinite(min) || !std::isfinite(max) || !std::isfinite(scale) || !(scale > 0) || n < 4096) {
    std::vector<double> scratch(values);
    select_ranks(scratch.data(), 0, n, ranks.data(), int64_t(ranks.size()));
    for (size_t k = 0; k < ranks.size(); k++) at[k] = scratch[size_t(ranks[k])];
    return;
  }
  auto bucket = [&](double v) {
    const int64_t b = int64_t((v - min) * scale);
    return b < kBuckets - 1 ? b : kBuckets - 1;
  };
  std::vector<int64_t> before(kBuckets + 1, 0);
  for (double v : values) before[size_t(bucket(v)) + 1]++;
  for (int64_t b = 0; b < kBuckets; b++) before[size_t(b) + 1] += before[size_t(b)];
  // slot[b]: start of bucket b's values in `gathered`, or −1 when no wanted rank lies in it.
  std::vector<int64_t> slot(kBuckets, -1);
  std::vector<int64_t> wanted;
  int64_t size = 0;
  for (int64_t r : ranks) {
    const int64_t b = int64_t(std::upper_bound(before.begin(), before.end(), r) - before.begin()) - 1;
    if (slot[size_t(b)] < 0) {
      slot[size_t(b)] = size;
      size += before[size_t(b) + 1] - before[size_t(b)];
      wanted.push_back(b);
    }
  }
  std::vector<double> gathered(static_cast<size_t>(size));
  std::vector<int64_t> fill(slot);
  for (double v : values) {
    const int64_t s = fill[size_t(bucket(v))];
    if (s >= 0) gathered[size_t(fill[size_t(bucket(v))]++)] = v;
  }
  for (int64_t b : wanted) {
    const int64_t start = slot[size_t(b)];
    const int64_t len = before[size_t(b) + 1] - before[size_t(b)];
    std::vector<int64_t> local;
    for (int64_t r : ranks)
      if (r >= before[size_t(b)] && r < before[size_t(b) + 1]) local.push_back(start + r - before[size_t(b)]);
    select_ranks(gathered.data(), start, start + len, local.data(), int64_t(local.size()));
    for (size_t k = 0; k < ranks.size(); k++)
      if (ranks[k] >= before[size_t(b)] && ranks[k] < before[size_t(b) + 1])
        at[k] = gathered[size_t(start + ranks[k] - before[size_t(b)])];
  }
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
  double min = INFINITY, max = -INFINITY;
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
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const int64_t m = int64_t(regular.size());
  out.regular = m;
  if (m > 0) {
    // Ranks as fineCuts computes them (the same double arithmetic), then exact order statistics by selection.
    std::vector<int64_t> ranks;
    for (int64_t k = 0; k + 1 < fine_bins; k++)
      ranks.push_back(int64_t(std::ceil((double(k + 1) * double(m)) / double(fine_bins))) - 1);
    std::vector<int64_t> sorted_ranks(ranks);
    sorted_ranks.push_back(m - 1);
    std::sort(sorted_ranks.begin(), sorted_ranks.end());
    sorted_ranks.erase(std::unique(sorted_ranks.begin(), sorted_ranks.end()), sorted_ranks.end());
    std::vector<double> at;
    order_statistics(regular, min, max, sorted_ranks, at);
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
