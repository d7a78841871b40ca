// The vectorised softplus term of the BCE loss against libm, and the loss it gives.
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "../src/backend/backend.h"
#include "../src/core/philox.h"
#include "../src/cpu/cpu-ops.h"
#include "test.h"

using namespace studio;

namespace {

int64_t ulps(double a, double b) {
  if (a == b) return 0;
  int64_t ia, ib;
  std::memcpy(&ia, &a, 8);
  std::memcpy(&ib, &b, 8);
  return ia > ib ? ia - ib : ib - ia;
}

}  // namespace

TEST(softplus_term_is_within_4_ulp_of_libm) {
  std::vector<float> z;
  for (float v : {0.0f, -0.0f, 1e-30f, 1e-8f, 1e-3f, 0.34f, 0.3466f, 0.35f, 0.8813f, 0.8814f, 1.0f, 2.5f, 17.0f, 36.7f, 50.0f, 100.0f,
                  700.0f, 707.9f, 708.5f, 745.2f, 800.0f, 3e38f})
    z.push_back(v), z.push_back(-v);
  PhiloxStream rng(9, 1);
  for (int i = 0; i < 20000; ++i) z.push_back((rng.uniform() - 0.5f) * (i % 2 ? 20.0f : 1500.0f));
  z.push_back(0.5f);  // odd count: the scalar tail
  std::vector<double> got(z.size());
  cpu::softplus_neg_abs(z.data(), got.data(), int64_t(z.size()));
  int64_t worst = 0;
  for (size_t i = 0; i < z.size(); ++i) {
    const double want = std::log1p(std::exp(-std::fabs(double(z[i]))));
    // Past |z| = 708 the term (below 1e-307) is taken as 0.
    if (std::fabs(double(z[i])) > 708.0) {
      CHECK(got[i] == 0.0 || ulps(got[i], want) <= 4);
      continue;
    }
    const int64_t u = ulps(got[i], want);
    if (u > worst) worst = u;
    if (u > 4 && worst == u) std::fprintf(stderr, "  z %.9g: %.17g vs libm %.17g (%lld ulp)\n", double(z[i]), got[i], want, (long long)u);
  }
  CHECK(worst <= 4);
  std::printf("  softplus term: worst %lld ulp (double) vs libm\n", (long long)worst);
  const float bad[4] = {std::numeric_limits<float>::quiet_NaN(), 1.0f, std::numeric_limits<float>::infinity(), -2.0f};
  double out[4];
  cpu::softplus_neg_abs(bad, out, 4);
  CHECK(std::isnan(out[0]));
  CHECK(out[2] == 0.0);
}

TEST(bce_loss_matches_the_libm_formula) {
  for (int64_t B : {1, 3, 4, 7, 256, 1000, 1024}) {
    std::vector<float> z(static_cast<size_t>(B)), y(static_cast<size_t>(B));
    PhiloxStream rng(uint64_t(B), 2);
    for (int64_t b = 0; b < B; ++b) {
      z[size_t(b)] = (rng.uniform() - 0.5f) * 12.0f;
      y[size_t(b)] = rng.uniform() < 0.3f ? 1.0f : 0.0f;
    }
    OpParams p;
    p.pos_weight = 2.0f;
    p.neg_weight = 0.5f;
    float loss = 0;
    OpCtx c;
    c.op = Op::BceLogits;
    c.p = &p;
    c.n_in = 2;
    c.in[0] = View{z.data(), B, 1};
    c.in[1] = View{y.data(), B, 1};
    c.out = View{&loss, 1, 1};
    cpu_backend().forward(c);
    double s = 0;
    for (int64_t b = 0; b < B; ++b) {
      const double zz = z[size_t(b)], yy = y[size_t(b)];
      const float w = y[size_t(b)] * p.pos_weight + (1.0f - y[size_t(b)]) * p.neg_weight;
      s += w * (std::max(zz, 0.0) - zz * yy + std::log1p(std::exp(-std::fabs(zz))));
    }
    const float want = float(s / double(B));
    // Within one float ulp of the libm formula (the terms differ by a few double ulp at most).
    CHECK(std::fabs(loss - want) <= std::fabs(want) * 0x1p-23f);
  }
}
