// The dataset checks' column kernels (native/src/checks): scans, counts, AUCs and gathers on small columns whose
// answers are worked out by hand, with the edge cases of the TypeScript passes (NaN, ±0, ±∞, empty columns).
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "../src/checks/column-checks.h"
#include "test.h"

using namespace studio;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

std::vector<double> fresh_state() {
  return {0, 0, 0, 0, 1, 1, 1, kNaN, kInf, -kInf, kInf, -kInf, kNaN, 0};
}

}  // namespace

TEST(checks_scan_values_counts_ranges_order_and_the_vote) {
  const std::vector<double> v = {3, kNaN, 1, 2, 2, 7.5};
  const std::vector<uint8_t> y = {1, 1, 0, 0, 1, 0};
  std::vector<double> st = fresh_state();
  scan_values(v.data(), y.data(), int64_t(v.size()), st.data());
  CHECK(st[0] == 5);   // filled
  CHECK(st[1] == 2);   // filled bads: 3, 2
  CHECK(st[2] == 0);   // missing goods
  CHECK(st[3] == 1);   // missing bads
  CHECK(st[4] == 0);   // 7.5 is not an integer
  CHECK(st[5] == 0 && st[6] == 0);  // a gap ends any order
  CHECK(st[8] == 1 && st[9] == 7.5);  // goods' range
  CHECK(st[10] == 2 && st[11] == 3);  // bads' range
  // Votes: 3 (lead 1), 1 cancels (0), 2 (1), 2 (2), 7.5 (1): candidate 2, lead 1.
  CHECK(st[12] == 2 && st[13] == 1);
}

TEST(checks_scan_values_keeps_the_first_signed_zero_and_rejects_infinite_integers) {
  const std::vector<double> v = {-0.0, 0.0, kInf};
  std::vector<double> st = fresh_state();
  scan_values(v.data(), nullptr, int64_t(v.size()), st.data());
  CHECK(std::signbit(st[8]));  // min stays the first zero, −0 (0 < −0 is false)
  CHECK(st[9] == kInf);
  CHECK(st[4] == 0);           // ∞ is not an integer (Number.isInteger)
  CHECK(st[5] == 0);           // 0 > −0 is false: not strictly increasing
  CHECK(st[12] == 0 && std::signbit(st[12]) && st[13] == 1);  // −0 and 0 are one vote; ∞ cancels one
  // A sequence stays increasing and integral, across calls (the state carries over).
  std::vector<double> s2 = fresh_state();
  const std::vector<double> a = {1, 2}, b = {3, 4};
  scan_values(a.data(), nullptr, 2, s2.data());
  scan_values(b.data(), nullptr, 2, s2.data());
  CHECK(s2[0] == 4 && s2[4] == 1 && s2[5] == 1 && s2[6] == 0 && s2[7] == 4);
}

TEST(checks_scan_categories_counts_missing_in_slot_zero) {
  const std::vector<int32_t> codes = {0, -1, 1, 1, 2, 7};
  const std::vector<uint8_t> y = {1, 0, 0, 1, 1, 1};
  std::vector<double> goods(4, 0), bads(4, 0);
  scan_categories(codes.data(), y.data(), int64_t(codes.size()), goods.data(), bads.data(), 4);
  CHECK(goods[0] == 1 && bads[0] == 0);
  CHECK(goods[1] == 0 && bads[1] == 1);
  CHECK(goods[2] == 1 && bads[2] == 1);
  CHECK(goods[3] == 0 && bads[3] == 1);  // code 7 lies outside: skipped, as a typed array would
}

TEST(checks_tally_auc_counts_ties_as_halves_and_gaps_below_every_number) {
  // Scores: bads 3, 2, NaN; goods 1, 2, NaN. Pairs (bad above good): 3>1, 3>2, 2>1, 2=2 (½), NaN>... NaN=NaN (½),
  // numbers above the missing good: 3, 2 (2). Total 1 + 1 + 1 + 0.5 + 0.5 + 2 = 6 of 9.
  const std::vector<double> v = {3, 2, kNaN, 1, 2, kNaN};
  const std::vector<uint8_t> y = {1, 1, 1, 0, 0, 0};
  CHECK(tally_auc(v.data(), y.data(), 6) == 6.0 / 9.0);
  // One class only: 0.5. ±0 are one value: one tie, AUC ½.
  const std::vector<uint8_t> none = {0, 0, 0, 0, 0, 0};
  CHECK(tally_auc(v.data(), none.data(), 6) == 0.5);
  const std::vector<double> z = {-0.0, 0.0};
  const std::vector<uint8_t> yz = {1, 0};
  CHECK(tally_auc(z.data(), yz.data(), 2) == 0.5);
}

TEST(checks_auc_bounds_bracket_the_exact_auc_and_survive_overflowing_ranges) {
  const std::vector<double> v = {0, 1, 2, 3, 4, 5, 6, 7};
  const std::vector<uint8_t> y = {0, 0, 0, 1, 0, 1, 1, 1};
  double out[2];
  scan_auc_bounds(v.data(), y.data(), 8, 0, 1024.0 / 7, 1024, 0, 0, 4, 4, out);
  const double auc = tally_auc(v.data(), y.data(), 8);
  CHECK(out[0] == auc && out[1] == auc);  // one value per bucket: the bounds meet
  scan_auc_bounds(v.data(), y.data(), 8, 0, 2.0 / 7, 2, 0, 0, 4, 4, out);
  CHECK(out[0] <= auc && auc <= out[1] && out[0] < out[1]);
  // −1e308 to 1e308: the range overflows, the scale is 0 and (v − min)·0 is 0 or NaN: every row in bucket 0.
  const std::vector<double> w = {-1e308, 1e308, 0, kNaN};
  const std::vector<uint8_t> yw = {0, 1, 1, 0};
  scan_auc_bounds(w.data(), yw.data(), 4, -1e308, 0.0, 1024, 1, 0, 2, 2, out);
  CHECK(out[0] == 0.5 && out[1] == 1.0);  // the missing good below both bads; the rest one bucket
}

TEST(checks_counts_repeats_and_equal_values) {
  const std::vector<double> v = {5, kNaN, -0.0, 0.0, 5, 5, kNaN};
  CHECK(top_count(v.data(), 7) == 3);
  CHECK(any_repeat(v.data(), 7));
  CHECK(count_equal(v.data(), 7, 0.0) == 2);
  CHECK(count_equal(v.data(), 7, kNaN) == 0);
  const std::vector<double> u = {kNaN, 1, kNaN, -0.0, 2};
  CHECK(!any_repeat(u.data(), 5));
  CHECK(top_count(u.data(), 5) == 1);
  CHECK(top_count(u.data(), 0) == 0 && !any_repeat(u.data(), 0));
}

TEST(checks_gather_rows_of_each_type) {
  const std::vector<double> f = {1.5, -0.0, kNaN};
  const std::vector<int32_t> c = {7, -1, 3};
  const std::vector<uint8_t> b = {1, 0, 1};
  const std::vector<int32_t> index = {2, 0, 0, 1};
  std::vector<double> fo(4);
  std::vector<int32_t> co(4);
  std::vector<uint8_t> bo(4);
  gather_f64(f.data(), index.data(), 4, fo.data());
  gather_i32(c.data(), index.data(), 4, co.data());
  gather_u8(b.data(), index.data(), 4, bo.data());
  CHECK(std::isnan(fo[0]) && fo[1] == 1.5 && fo[2] == 1.5 && std::signbit(fo[3]));
  CHECK(co[0] == 3 && co[1] == 7 && co[2] == 7 && co[3] == -1);
  CHECK(bo[0] == 1 && bo[1] == 1 && bo[2] == 1 && bo[3] == 0);
}

TEST(checks_shuffle_continues_one_mulberry32_stream_as_the_typescript_split) {
  // splits.ts shuffleInPlace with mulberry32(42): 0..9, then 0..4 from the same stream (worked out in node).
  std::vector<int32_t> a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, b = {0, 1, 2, 3, 4};
  int32_t state = 42;
  shuffle_mulberry32(a.data(), 10, &state);
  shuffle_mulberry32(b.data(), 5, &state);
  CHECK((a == std::vector<int32_t>{0, 7, 3, 5, 2, 1, 8, 9, 4, 6}));
  CHECK((b == std::vector<int32_t>{3, 1, 4, 0, 2}));
  std::vector<int32_t> one = {5};
  shuffle_mulberry32(one.data(), 1, &state);  // no draw: the state stays
  CHECK(one[0] == 5);
}

TEST(checks_stratified_sides_shuffle_each_class_from_one_stream) {
  // Class 0 rows 0, 2, 4, 5, 7, 8, 9 (7 rows), class 1 rows 1, 3, 6, row 10 has outcome 2 (training side).
  const std::vector<uint8_t> y = {0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 2};
  int64_t zeros = 0, ones = 0;
  class_counts(y.data(), 11, &zeros, &ones);
  CHECK(zeros == 7 && ones == 3);
  std::vector<int32_t> train(7), test(4);
  stratified_sides(y.data(), 11, 3, 1, 42, train.data(), test.data());
  // The same draws by hand: class 0 indices shuffled by the first 6 draws of mulberry32(42), class 1 by the next 2.
  std::vector<int32_t> c0 = {0, 2, 4, 5, 7, 8, 9}, c1 = {1, 3, 6};
  int32_t state = 42;
  shuffle_mulberry32(c0.data(), 7, &state);
  shuffle_mulberry32(c1.data(), 3, &state);
  std::vector<uint8_t> is_test(11, 0);
  for (int m = 0; m < 3; m++) is_test[size_t(c0[size_t(m)])] = 1;
  is_test[size_t(c1[0])] = 1;
  std::vector<int32_t> want_train, want_test;
  for (int32_t i = 0; i < 11; i++) (is_test[size_t(i)] ? want_test : want_train).push_back(i);
  CHECK(train == want_train);
  CHECK(test == want_test);
  CHECK(train.back() == 10);
}

TEST(checks_first_distinct_and_equal_mask_read_a_target) {
  const std::vector<double> v = {1, 1, kNaN, -0.0, 0, 3, 1, 2, kNaN};
  double first[3];
  int64_t missing = 0;
  CHECK(first_distinct(v.data(), 9, first, 3, &missing) == 3);  // 1, 0, 3; then full: 2 is not kept
  CHECK(missing == 2);
  CHECK(first[0] == 1 && first[1] == 0 && !std::signbit(first[1]) && first[2] == 3);
  std::vector<uint8_t> y(9);
  equal_mask(v.data(), 9, 1, y.data());
  CHECK((y == std::vector<uint8_t>{1, 1, 0, 0, 0, 0, 1, 0, 0}));
  equal_mask(v.data(), 9, kNaN, y.data());
  CHECK((y == std::vector<uint8_t>(9, 0)));
}
