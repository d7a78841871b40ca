// See column-transforms.h. Compiled with -ffp-contract=off (native/CMakeLists.txt): no fused multiply-adds.
#include "column-transforms.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace studio {

namespace {

constexpr int kBuckets = 4096;      // quantiles.ts's BUCKETS
constexpr int64_t kSmall = 65536;   // quantiles.ts's SMALL

/** quantiles.ts's `select`: a[k] ends where a sort would put it; the same swaps, so the same elements. */
void select_rank(double* a, int64_t k, int64_t left, int64_t right) {
  while (right > left) {
    const int64_t m = (left + right) >> 1;
    if (a[m] < a[left]) std::swap(a[m], a[left]);
    if (a[right] < a[left]) std::swap(a[right], a[left]);
    if (a[right] < a[m]) std::swap(a[right], a[m]);
    const double pivot = a[m];
    int64_t i = left;
    int64_t j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        std::swap(a[i], a[j]);
        i++;
        j--;
      }
    }
    if (k <= j)
      right = j;
    else if (k >= i)
      left = i;
    else
      return;
  }
}

/** quantiles.ts's `selectRanks` (ranks ascending, distinct). */
void select_ranks(double* a, const std::vector<int64_t>& ranks, int64_t left, int64_t right) {
  if (ranks.empty() || left >= right) return;
  const int64_t mid = ranks[ranks.size() >> 1];
  select_rank(a, mid, left, right);
  std::vector<int64_t> below, above;
  for (int64_t r : ranks) {
    if (r < mid) below.push_back(r);
    if (r > mid) above.push_back(r);
  }
  select_ranks(a, below, left, mid - 1);
  select_ranks(a, above, mid + 1, right);
}

/** JavaScript's `x | 0` for the bucket index of a value ≥ min: x is ≥ 0 or NaN (∞ · 0) and below 2^31. */
inline int64_t to_int32(double x) { return x != x ? 0 : int64_t(x); }

/**
 * quantiles.ts's `orderStatistics` of the present values (`present` of them, NaN skipped in order) at
 * `ranks` (ascending, distinct): the values at those ranks, in the order of `ranks`.
 */
std::vector<double> selected_values(const double* values, int64_t n, int64_t present,
                                    const std::vector<int64_t>& ranks) {
  std::vector<double> out(ranks.size());
  auto by_selection = [&]() {
    std::vector<double> copy;
    copy.reserve(size_t(present));
    for (int64_t i = 0; i < n; i++)
      if (values[i] == values[i]) copy.push_back(values[i]);
    select_ranks(copy.data(), ranks, 0, present - 1);
    for (size_t k = 0; k < ranks.size(); k++) out[k] = copy[size_t(ranks[k])];
  };
  if (present < kSmall) {
    by_selection();
    return out;
  }
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    if (v != v) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const double scale = kBuckets / (max - min);
  if (!std::isfinite(scale)) {
    by_selection();
    return out;
  }
  const int64_t top = kBuckets - 1;
  std::vector<int32_t> counts(kBuckets, 0);
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    if (v != v) continue;
    const int64_t b = to_int32((v - min) * scale);
    counts[size_t(b > top ? top : b)]++;
  }
  std::vector<double> before(kBuckets + 1, 0.0);
  for (int b = 0; b < kBuckets; b++) before[b + 1] = before[b] + counts[b];
  auto bucket_of_rank = [&](int64_t r) {
    int64_t lo = 0, hi = top;
    while (lo < hi) {
      const int64_t mid = (lo + hi) >> 1;
      if (before[size_t(mid + 1)] > double(r))
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  };
  std::vector<int32_t> slot(kBuckets, -1);
  std::vector<int64_t> wanted;
  for (int64_t r : ranks) wanted.push_back(bucket_of_rank(r));
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  int64_t size = 0;
  std::vector<int64_t> start;
  for (size_t k = 0; k < wanted.size(); k++) {
    slot[size_t(wanted[k])] = int32_t(k);
    start.push_back(size);
    size += counts[size_t(wanted[k])];
  }
  std::vector<double> gathered(static_cast<size_t>(size));
  std::vector<int64_t> fill = start;
  std::vector<double> lo(wanted.size(), std::numeric_limits<double>::infinity());
  std::vector<double> hi(wanted.size(), -std::numeric_limits<double>::infinity());
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    if (v != v) continue;
    const int64_t b = to_int32((v - min) * scale);
    const int32_t k = slot[size_t(b > top ? top : b)];
    if (k >= 0) {
      gathered[size_t(fill[size_t(k)]++)] = v;
      if (v < lo[size_t(k)]) lo[size_t(k)] = v;
      if (v > hi[size_t(k)]) hi[size_t(k)] = v;
    }
  }
  for (size_t k = 0; k < wanted.size(); k++) {
    const int64_t b = wanted[k];
    std::vector<int64_t> in_bucket;  // ranks ascending already
    for (int64_t r : ranks)
      if (bucket_of_rank(r) == b) in_bucket.push_back(r);
    if (lo[k] == hi[k]) {
      for (int64_t r : in_bucket)
        for (size_t q = 0; q < ranks.size(); q++)
          if (ranks[q] == r) out[q] = lo[k];
      continue;
    }
    const int64_t offset = start[k] - int64_t(before[size_t(b)]);
    std::vector<int64_t> local;
    for (int64_t r : in_bucket) local.push_back(r + offset);
    select_ranks(gathered.data(), local, start[k], start[k] + counts[size_t(b)] - 1);
    for (size_t j = 0; j < in_bucket.size(); j++)
      for (size_t q = 0; q < ranks.size(); q++)
        if (ranks[q] == in_bucket[j]) out[q] = gathered[size_t(local[j])];
  }
  return out;
}

/**
 * @studio/ir's `orderStatistics` of the present values at `ranks`: the selected values, with a zero's sign the
 * one a sort gives it (selection sees −0 and +0 as equal; the sort puts the −0s right after the negatives).
 */
std::vector<double> order_statistics(const double* values, int64_t n, int64_t present,
                                     const std::vector<int64_t>& ranks) {
  std::vector<double> out = selected_values(values, n, present, ranks);
  if (std::none_of(out.begin(), out.end(), [](double v) { return v == 0; })) return out;
  int64_t negatives = 0, negative_zeros = 0;
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    if (v < 0)
      negatives++;
    else if (v == 0 && std::signbit(v))
      negative_zeros++;
  }
  for (size_t k = 0; k < ranks.size(); k++)
    if (out[k] == 0) out[k] = ranks[k] >= negatives && ranks[k] < negatives + negative_zeros ? -0.0 : 0.0;
  return out;
}

}  // namespace

double column_median(const double* values, int64_t n, bool scaled, double mean, double scale, int64_t* present) {
  int64_t m = 0;
  for (int64_t i = 0; i < n; i++)
    if (values[i] == values[i]) m++;
  *present = m;
  if (m == 0) return std::numeric_limits<double>::quiet_NaN();
  // quantiles(present, [0.5]): ranks ⌊(m − 1)/2⌋ and the next one (the same rank when m = 1), ascending.
  const double h = double(m - 1) * 0.5;
  const int64_t lo = int64_t(std::floor(h));
  std::vector<int64_t> ranks{lo};
  const int64_t next = std::min(m - 1, lo + 1);
  if (next != lo) ranks.push_back(next);
  std::vector<double> at = order_statistics(values, n, m, ranks);
  if (scaled)
    for (double& v : at) v = (v - mean) / scale;
  const double a = at[0];
  return h == double(lo) ? a : a + (h - double(lo)) * (at[1] - a);
}

void column_mean_std(const double* values, int64_t n, double* mean, double* std) {
  int64_t i = 0;
  double shift = std::numeric_limits<double>::quiet_NaN();
  for (; i < n; i++)
    if (values[i] == values[i]) {
      shift = values[i];
      break;
    }
  if (shift != shift) {
    *mean = 0;
    *std = 0;
    return;
  }
  // Counted in a double as the TypeScript pass does (exact below 2^53).
  double count = 0, s = 0, ss = 0;
  for (; i < n; i++) {
    const double d = values[i] - shift;
    if (d != d) continue;
    count += 1;
    s += d;
    ss += d * d;
  }
  const double m = s / count;
  const double variance = ss / count - m * m;
  *mean = shift + m;
  *std = variance > 0 ? std::sqrt(variance) : 0;
}

int64_t count_nan(const double* values, int64_t n) {
  int64_t gaps = 0;
  for (int64_t i = 0; i < n; i++) gaps += values[i] != values[i];
  return gaps;
}

void code_counts(const int32_t* codes, int64_t n, int64_t levels, double* counts) {
  std::vector<int64_t> c(size_t(levels + 1), 0);
  for (int64_t i = 0; i < n; i++) {
    const uint64_t k = uint64_t(int64_t(codes[i]) + 1);
    if (k <= uint64_t(levels)) c[size_t(k)]++;
  }
  for (int64_t k = 0; k <= levels; k++) counts[k] = double(c[size_t(k)]);
}

void fill_gaps(const double* values, int64_t n, double fill, double* out, double* flag) {
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    const bool gap = v != v;
    out[i] = gap ? fill : v;
    if (flag != nullptr && gap) flag[i] = 1;
  }
}

PackResult pack_columns(const PackColumn* cols, int64_t width, int64_t rows, int64_t block_rows, float* X) {
  bool gap = false;
  for (int64_t r0 = 0; r0 < rows; r0 += block_rows) {
    const int64_t r1 = std::min(rows, r0 + block_rows);
    for (int64_t j = 0; j < width; j++) {
      const PackColumn& c = cols[j];
      float* o = X + r0 * width + j;
      if (c.codes != nullptr) {
        const uint64_t len = uint64_t(c.by_code_len);
        for (int64_t i = r0; i < r1; i++, o += width) {
          const uint64_t k = uint64_t(int64_t(c.codes[i]) + 1);
          if (k >= len) return PackResult::bad_code;
          const double v = c.by_code[k];
          gap |= v != v;
          *o = float(v);
        }
      } else {
        const double fa = c.fill_a, mean = c.mean, scale = c.scale, fb = c.fill_b;
        const double* values = c.values;
        for (int64_t i = r0; i < r1; i++, o += width) {
          double v = values[i];
          if (v != v) v = fa;
          v = (v - mean) / scale;
          if (v != v) v = fb;
          gap |= v != v;
          *o = float(v);
        }
      }
    }
  }
  return gap ? PackResult::gap : PackResult::complete;
}

}  // namespace studio
