// The column transform kernels (native/src/transforms) against plain references: medians by a full sort,
// mean and standard deviation by two passes, and the fused pack cell by cell. (Bit-for-bit agreement with the
// TypeScript passes is proven in packages/engine/src/transforms.test.ts.)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "../src/transforms/column-transforms.h"
#include "../src/transforms/matrix-memory.h"
#include "test.h"

using namespace studio;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

uint64_t next(uint64_t& s) {
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

double sorted_median(const std::vector<double>& v) {
  std::vector<double> p;
  for (double x : v)
    if (x == x) p.push_back(x);
  std::sort(p.begin(), p.end());
  const size_t n = p.size();
  return n % 2 ? p[n / 2] : p[n / 2 - 1] + 0.5 * (p[n / 2] - p[n / 2 - 1]);
}

}  // namespace

TEST(column_median_matches_a_full_sort_small_and_large_with_gaps) {
  uint64_t s = 88172645463325252ull;
  for (int64_t n : {1, 2, 3, 10, 1001, 65535, 65536, 70001, 200000}) {
    for (int kind = 0; kind < 3; kind++) {
      std::vector<double> v(static_cast<size_t>(n));
      for (auto& x : v) {
        const uint64_t r = next(s);
        x = kind == 0 ? double(r % 1000003) / 7.0 : kind == 1 ? double(r % 5) : std::ldexp(double(r >> 11), -40);
        if (r % 17 == 0 && n > 3) x = kNaN;
      }
      int64_t present = 0;
      const double m = column_median(v.data(), n, false, 0, 1, &present);
      int64_t want = 0;
      for (double x : v) want += x == x;
      CHECK(present == want);
      CHECK(m == sorted_median(v));
      // Scaled: the median of the mapped values (the map is monotone).
      const double mean = 3.25, scale = 1.75;
      std::vector<double> mapped(v);
      for (auto& x : mapped) x = (x - mean) / scale;
      const double ms = column_median(v.data(), n, true, mean, scale, &present);
      const double ref = sorted_median(mapped);
      CHECK(std::abs(ms - ref) <= 1e-12 * std::max(1.0, std::abs(ref)));
    }
  }
}

TEST(column_median_of_no_values_is_nan_and_of_a_constant_the_constant) {
  std::vector<double> gaps(100, kNaN);
  int64_t present = -1;
  CHECK(std::isnan(column_median(gaps.data(), 100, false, 0, 1, &present)));
  CHECK(present == 0);
  CHECK(std::isnan(column_median(nullptr, 0, false, 0, 1, &present)));
  std::vector<double> same(100000, 2.5);
  same[7] = kNaN;
  CHECK(column_median(same.data(), 100000, false, 0, 1, &present) == 2.5);
  CHECK(present == 99999);
  // Infinite values: the range is infinite, every value lands in one bucket, the median is still exact.
  std::vector<double> wide(70000);
  for (size_t i = 0; i < wide.size(); i++) wide[i] = double(i % 9);
  wide[3] = std::numeric_limits<double>::infinity();
  wide[4] = -std::numeric_limits<double>::infinity();
  CHECK(column_median(wide.data(), int64_t(wide.size()), false, 0, 1, &present) == sorted_median(wide));
}

TEST(column_mean_std_matches_two_passes) {
  uint64_t s = 12345;
  std::vector<double> v(50000);
  for (auto& x : v) {
    const uint64_t r = next(s);
    x = r % 11 == 0 ? kNaN : 1e6 + double(r % 100000) / 1000.0;
  }
  double mean = 0, sd = 0;
  column_mean_std(v.data(), int64_t(v.size()), &mean, &sd);
  double sum = 0, n = 0;
  for (double x : v)
    if (x == x) sum += x, n += 1;
  const double m = sum / n;
  double ss = 0;
  for (double x : v)
    if (x == x) ss += (x - m) * (x - m);
  CHECK_NEAR(mean, m, 1e-6);
  CHECK_NEAR(sd, std::sqrt(ss / n), 1e-9);
  std::vector<double> gaps(10, kNaN);
  column_mean_std(gaps.data(), 10, &mean, &sd);
  CHECK(mean == 0 && sd == 0);
  std::vector<double> constant(10, -4.0);
  column_mean_std(constant.data(), 10, &mean, &sd);
  CHECK(mean == -4.0 && sd == 0);
}

TEST(pack_columns_writes_each_cell_and_reports_gaps_and_bad_codes) {
  const int64_t rows = 5000;
  std::vector<double> a(rows), by_code{0, 1, 0, 1};  // codes −1..2
  std::vector<int32_t> codes(rows);
  for (int64_t i = 0; i < rows; i++) {
    a[size_t(i)] = i % 7 == 0 ? kNaN : double(i) * 0.5;
    codes[size_t(i)] = int32_t(i % 4) - 1;
  }
  PackColumn cols[3];
  cols[0].values = a.data();
  cols[0].fill_a = 9;
  cols[0].mean = 2;
  cols[0].scale = 3;
  cols[0].fill_b = kNaN;
  cols[1].codes = codes.data();
  cols[1].by_code = by_code.data();
  cols[1].by_code_len = 4;
  cols[2].values = a.data();
  cols[2].fill_a = kNaN;
  cols[2].mean = 0;
  cols[2].scale = 1;
  cols[2].fill_b = kNaN;
  std::vector<float> X(size_t(rows * 3));
  CHECK(pack_columns(cols, 3, rows, 64, X.data()) == PackResult::gap);
  bool same = true;
  for (int64_t i = 0; i < rows; i++) {
    const double v = a[size_t(i)];
    same &= X[size_t(i * 3)] == float(((v == v ? v : 9.0) - 2) / 3);
    same &= X[size_t(i * 3 + 1)] == float(by_code[size_t(codes[size_t(i)] + 1)]);
    same &= v == v ? X[size_t(i * 3 + 2)] == float(v) : std::isnan(X[size_t(i * 3 + 2)]);
  }
  CHECK(same);
  cols[2].fill_b = 0;
  CHECK(pack_columns(cols, 3, rows, 2048, X.data()) == PackResult::complete);
  codes[4321] = 3;
  CHECK(pack_columns(cols, 3, rows, 2048, X.data()) == PackResult::bad_code);
  codes[4321] = -2;
  CHECK(pack_columns(cols, 3, rows, 2048, X.data()) == PackResult::bad_code);
}

TEST(matrix_memory_is_zeroed_aligned_writable_and_released) {
  for (size_t bytes : {size_t(1), size_t(4096), size_t(3) << 20, (size_t(14) << 20) + 123}) {
    const MatrixMemory m = matrix_memory(bytes);
    CHECK(m.data != nullptr);
    if (m.data == nullptr) continue;
    CHECK(reinterpret_cast<uintptr_t>(m.data) % (size_t(2) << 20) == 0);
    CHECK(static_cast<char*>(m.data) + bytes <= static_cast<char*>(m.base) + m.mapped);
    const unsigned char* p = static_cast<const unsigned char*>(m.data);
    bool zero = true;
    for (size_t i = 0; i < bytes; i += 997) zero &= p[i] == 0;
    zero &= p[bytes - 1] == 0;
    CHECK(zero);
    static_cast<unsigned char*>(m.data)[bytes - 1] = 7;
    CHECK(p[bytes - 1] == 7);
    release_matrix_memory(m);
  }
}
