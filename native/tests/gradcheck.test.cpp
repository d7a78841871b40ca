// Finite-difference gradient checks of every CPU op: L = sum(out * r) for a fixed random r.
#include "../src/core/philox.h"
#include "op-harness.h"
#include "test.h"

using namespace studio;

namespace {

double weighted_sum(const std::vector<float>& out, const std::vector<float>& r) {
  double s = 0;
  for (size_t i = 0; i < out.size(); ++i) s += double(out[i]) * r[i];
  return s;
}

}  // namespace

TEST(gradcheck_every_op) {
  for (const auto& c : test::all_op_cases()) {
    const auto in = test::make_inputs(c, 11);
    const auto os = test::out_shape(c);
    std::vector<float> r(static_cast<size_t>(os[0] * os[1]));
    PhiloxStream rng(3, 9);
    for (auto& v : r) v = 2.0f * rng.uniform() - 1.0f;
    const auto analytic = test::run_cpu(c, in, &r);
    int bad = 0;
    for (size_t i = 0; i < c.shapes.size(); ++i) {
      if (!c.diff[i]) continue;
      for (size_t k = 0; k < in[i].size(); ++k) {
        const float h = 1e-2f;
        auto plus = in, minus = in;
        plus[i][k] += h;
        minus[i][k] -= h;
        const double numeric = (weighted_sum(test::run_cpu(c, plus, nullptr).out, r) - weighted_sum(test::run_cpu(c, minus, nullptr).out, r)) / (2.0 * h);
        const double got = analytic.din[i][k];
        if (std::abs(numeric - got) > 1e-2 + 1e-2 * std::abs(numeric)) {
          if (bad++ < 3) std::fprintf(stderr, "  %s: input %zu[%zu] numeric %.6f analytic %.6f\n", c.label.c_str(), i, k, numeric, got);
        }
      }
    }
    CHECK(bad == 0);
  }
}

TEST(gradcheck_cases_cover_every_op) {
  std::vector<bool> seen(size_t(Op::Count), false);
  for (const auto& c : test::all_op_cases()) seen[size_t(c.op)] = true;
  for (size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) std::fprintf(stderr, "  op %s has no gradient check\n", op_name(Op(i)));
    CHECK(seen[i]);
  }
}
