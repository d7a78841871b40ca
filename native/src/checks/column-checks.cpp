// The dataset checks' column passes and the row gather (see column-checks.h). Built with -ffp-contract=off
// (CMakeLists.txt) like the stats kernels: the pair sums must round as JavaScript's do.
#include "column-checks.h"

#include "../core/huge-pages.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <new>
#include <utility>
#include <vector>

namespace studio {

namespace {

/** JavaScript's ToInt32 (`x | 0`): NaN and ±∞ give 0, else the integer part modulo 2^32, signed. */
int64_t to_int32(double x) {
  if (!std::isfinite(x)) return 0;
  double t = std::trunc(x);
  if (t >= -2147483648.0 && t <= 2147483647.0) return int64_t(t);
  t = std::fmod(t, 4294967296.0);
  if (t < 0) t += 4294967296.0;
  const uint32_t u = uint32_t(t);
  return int64_t(int32_t(u));
}

/** The filled values of a column, ascending (−0 and +0 compare equal, so they sit together). */
std::vector<double> sorted_filled(const double* values, int64_t n) {
  std::vector<double> v;
  v.reserve(size_t(n));
  for (int64_t i = 0; i < n; i++)
    if (values[i] == values[i]) v.push_back(values[i]);
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

void scan_values(const double* values, const uint8_t* y, int64_t n, double* st) {
  double filled = st[0], filled_bads = st[1], missing_goods = st[2], missing_bads = st[3];
  bool integers = st[4] == 1, up = st[5] == 1, down = st[6] == 1;
  double prev = st[7], min_good = st[8], max_good = st[9], min_bad = st[10], max_bad = st[11];
  double candidate = st[12], lead = st[13];
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    const bool bad = y != nullptr && y[i] == 1;
    if (v != v) {
      up = down = false;
      if (bad)
        missing_bads++;
      else
        missing_goods++;
      continue;
    }
    // Number.isInteger: finite with no fractional part.
    if (integers && !(std::isfinite(v) && std::trunc(v) == v)) integers = false;
    if (filled > 0) {
      if (!(v > prev)) up = false;
      if (!(v < prev)) down = false;
    }
    prev = v;
    filled++;
    if (bad) {
      filled_bads++;
      if (v > max_bad) max_bad = v;
      if (v < min_bad) min_bad = v;
    } else {
      if (v > max_good) max_good = v;
      if (v < min_good) min_good = v;
    }
    if (lead == 0) {
      candidate = v;
      lead = 1;
    } else if (v == candidate) {
      lead++;
    } else {
      lead--;
    }
  }
  st[0] = filled;
  st[1] = filled_bads;
  st[2] = missing_goods;
  st[3] = missing_bads;
  st[4] = integers ? 1 : 0;
  st[5] = up ? 1 : 0;
  st[6] = down ? 1 : 0;
  st[7] = prev;
  st[8] = min_good;
  st[9] = max_good;
  st[10] = min_bad;
  st[11] = max_bad;
  st[12] = candidate;
  st[13] = lead;
}

void scan_categories(const int32_t* codes, const uint8_t* y, int64_t n, double* goods, double* bads,
                     int64_t slots) {
  for (int64_t i = 0; i < n; i++) {
    const int64_t k = int64_t(codes[i]) + 1;
    if (k < 0 || k >= slots) continue;  // a typed array ignores such a write
    if (y != nullptr && y[i] == 1)
      bads[k]++;
    else
      goods[k]++;
  }
}

void scan_auc_bounds(const double* values, const uint8_t* y, int64_t n, double min, double scale,
                     int64_t buckets, double missing_goods, double missing_bads, double goods, double bads,
                     double* out) {
  std::vector<double> g(size_t(buckets), 0.0), b(size_t(buckets), 0.0);
  const int64_t top = buckets - 1;
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    if (v != v) continue;
    const int64_t at = to_int32((v - min) * scale);
    // A negative bucket (never met: v ≥ min) would be an ignored typed-array write in the TypeScript pass.
    if (at < 0) continue;
    const int64_t j = at > top ? top : at;
    if (y[i] == 1)
      b[size_t(j)]++;
    else
      g[size_t(j)]++;
  }
  // aucBoundsOfBuckets
  double pairs = 0.5 * missing_bads * missing_goods;
  double inside = 0;
  double below = missing_goods;
  for (int64_t j = 0; j < buckets; j++) {
    pairs += b[size_t(j)] * below;
    inside += b[size_t(j)] * g[size_t(j)];
    below += g[size_t(j)];
  }
  out[0] = pairs / (goods * bads);
  out[1] = (pairs + inside) / (goods * bads);
}

double tally_auc(const double* values, const uint8_t* y, int64_t n) {
  double missing_goods = 0, missing_bads = 0;
  // Each filled value with its outcome, sorted by value: the distinct values in ascending order, each a run.
  std::vector<std::pair<double, uint8_t>> rows;
  rows.reserve(size_t(n));
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    const bool bad = y[i] == 1;
    if (v != v) {
      if (bad)
        missing_bads++;
      else
        missing_goods++;
      continue;
    }
    rows.emplace_back(v, bad ? 1 : 0);
  }
  std::sort(rows.begin(), rows.end(),
            [](const std::pair<double, uint8_t>& a, const std::pair<double, uint8_t>& b) { return a.first < b.first; });
  double ng = 0, nb = 0;
  for (const auto& r : rows) {
    if (r.second)
      nb++;
    else
      ng++;
  }
  const double goods = ng + missing_goods;
  const double bads = nb + missing_bads;
  if (goods == 0 || bads == 0) return 0.5;
  double pairs = 0.5 * missing_bads * missing_goods;
  double below = missing_goods;
  for (size_t i = 0; i < rows.size();) {
    double g = 0, b = 0;
    size_t j = i;
    for (; j < rows.size() && rows[j].first == rows[i].first; j++) {
      if (rows[j].second)
        b++;
      else
        g++;
    }
    pairs += b * below + 0.5 * b * g;
    below += g;
    i = j;
  }
  return pairs / (goods * bads);
}

int64_t top_count(const double* values, int64_t n) {
  const std::vector<double> v = sorted_filled(values, n);
  int64_t top = 0;
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    while (j < v.size() && v[j] == v[i]) j++;
    top = std::max(top, int64_t(j - i));
    i = j;
  }
  return top;
}

bool any_repeat(const double* values, int64_t n) {
  // Most columns repeat a value within their first rows: those sorted first, the whole column only if not.
  if (n > 1024) {
    const std::vector<double> early = sorted_filled(values, 1024);
    for (size_t i = 1; i < early.size(); i++)
      if (early[i] == early[i - 1]) return true;
  }
  const std::vector<double> v = sorted_filled(values, n);
  for (size_t i = 1; i < v.size(); i++)
    if (v[i] == v[i - 1]) return true;
  return false;
}

int64_t count_equal(const double* values, int64_t n, double c) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++) count += values[i] == c ? 1 : 0;
  return count;
}

void shuffle_mulberry32(int32_t* order, int64_t n, int32_t* state) {
  uint32_t a = uint32_t(*state);
  for (int64_t i = n - 1; i > 0; i--) {
    a += 0x6d2b79f5u;
    uint32_t t = (a ^ (a >> 15)) * (1u | a);
    t = (t + ((t ^ (t >> 7)) * (61u | t))) ^ t;
    const double u = double(t ^ (t >> 14)) / 4294967296.0;
    const int64_t j = int64_t(std::floor(u * double(i + 1)));
    const int32_t swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  *state = int32_t(a);
}

int64_t first_distinct(const double* values, int64_t n, double* first, int64_t cap, int64_t* missing) {
  int64_t found = 0, nan = 0;
  double last = std::numeric_limits<double>::quiet_NaN();
  for (int64_t i = 0; i < n; i++) {
    const double v = values[i];
    if (v != v) {
      nan++;
    } else if (v != last) {
      // A repeat of the previous value is known already (or the list is full): skip the search.
      last = v;
      if (found < cap) {
        bool seen = false;
        for (int64_t k = 0; k < found && !seen; k++) seen = first[k] == v;
        if (!seen) first[found++] = v == 0 ? 0.0 : v;
      }
    }
  }
  *missing = nan;
  return found;
}

void equal_mask(const double* values, int64_t n, double bad, uint8_t* y) {
  for (int64_t i = 0; i < n; i++) y[i] = values[i] == bad ? 1 : 0;
}

void class_counts(const uint8_t* y, int64_t n, int64_t* zeros, int64_t* ones) {
  int64_t z = 0, o = 0;
  for (int64_t i = 0; i < n; i++) {
    z += y[i] == 0 ? 1 : 0;
    o += y[i] == 1 ? 1 : 0;
  }
  *zeros = z;
  *ones = o;
}

void stratified_sides(const uint8_t* y, int64_t n, int64_t k0, int64_t k1, int32_t seed, int32_t* train,
                      int32_t* test) {
  int64_t zeros = 0, ones = 0;
  class_counts(y, n, &zeros, &ones);
  std::vector<int32_t> by0(static_cast<size_t>(zeros)), by1(static_cast<size_t>(ones));
  for (int64_t i = 0, a = 0, b = 0; i < n; i++) {
    if (y[i] == 0)
      by0[size_t(a++)] = int32_t(i);
    else if (y[i] == 1)
      by1[size_t(b++)] = int32_t(i);
  }
  std::vector<uint8_t> is_test(static_cast<size_t>(n), 0);
  int32_t state = seed;
  shuffle_mulberry32(by0.data(), zeros, &state);
  for (int64_t m = 0; m < k0; m++) is_test[size_t(by0[size_t(m)])] = 1;
  shuffle_mulberry32(by1.data(), ones, &state);
  for (int64_t m = 0; m < k1; m++) is_test[size_t(by1[size_t(m)])] = 1;
  for (int64_t i = 0, a = 0, b = 0; i < n; i++) {
    if (is_test[size_t(i)])
      test[b++] = int32_t(i);
    else
      train[a++] = int32_t(i);
  }
}

void* alloc_columns(size_t bytes) {
  try {
    return huge_page_alloc(bytes);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

void free_columns(void* p) { huge_page_free(p); }

void gather_f64(const double* from, const int32_t* index, int64_t n, double* out) {
  for (int64_t i = 0; i < n; i++) out[i] = from[index[i]];
}

void gather_i32(const int32_t* from, const int32_t* index, int64_t n, int32_t* out) {
  for (int64_t i = 0; i < n; i++) out[i] = from[index[i]];
}

void gather_u8(const uint8_t* from, const int32_t* index, int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; i++) out[i] = from[index[i]];
}

}  // namespace studio
