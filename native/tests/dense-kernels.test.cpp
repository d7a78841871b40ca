// The register-blocked dense kernels (16- and 8-column blocks, scalar column tails, 1-6 row
// blocks, the column-tail weight gradient) against a naive reference that does the same
// arithmetic: every output is one fused multiply-add per reduction index in ascending order, so
// the results must be bitwise equal, on odd shapes and tails, with and without a thread pool.
#include <cmath>
#include <cstring>
#include <vector>

#include "../src/backend/backend.h"
#include "../src/core/philox.h"
#include "../src/core/thread-pool.h"
#include "../src/ops/act-math.h"
#include "test.h"

using namespace studio;

namespace {

std::vector<float> random_vec(int64_t n, uint64_t seed) {
  PhiloxStream rng(seed, 5);
  std::vector<float> v(static_cast<size_t>(n));
  for (auto& x : v) x = 2.0f * rng.uniform() - 1.0f;
  return v;
}

struct DenseRun {
  std::vector<float> out, pre, dx, dw, db;
};

// Naive reference: pre = x W + b (fmaf, k ascending), out = act(pre); dpre = dout * act'(pre);
// dx += dpre W^T (n ascending), dW += x^T dpre (b ascending), db += sum_b dpre (b ascending).
DenseRun reference(Act act, float alpha, int64_t B, int64_t K, int64_t N, const std::vector<float>& x, const std::vector<float>& w,
                   const std::vector<float>& b, const std::vector<float>& dout, const DenseRun& init) {
  DenseRun r = init;
  r.out.assign(size_t(B * N), 0.0f);
  r.pre.assign(size_t(B * N), 0.0f);
  for (int64_t i = 0; i < B; ++i)
    for (int64_t n = 0; n < N; ++n) {
      float s = b[size_t(n)];
      for (int64_t k = 0; k < K; ++k) s = std::fmaf(x[size_t(i * K + k)], w[size_t(k * N + n)], s);
      r.pre[size_t(i * N + n)] = s;
      r.out[size_t(i * N + n)] = act_value(act, s, alpha);
    }
  std::vector<float> dpre(size_t(B * N));
  for (size_t i = 0; i < dpre.size(); ++i)
    dpre[i] = act == Act::Identity ? dout[i] : dout[i] * act_grad(act, r.pre[i], r.out[i], alpha);
  for (int64_t i = 0; i < B; ++i)
    for (int64_t k = 0; k < K; ++k) {
      float s = r.dx[size_t(i * K + k)];
      for (int64_t n = 0; n < N; ++n) s = std::fmaf(dpre[size_t(i * N + n)], w[size_t(k * N + n)], s);
      r.dx[size_t(i * K + k)] = s;
    }
  for (int64_t k = 0; k < K; ++k)
    for (int64_t n = 0; n < N; ++n) {
      float s = r.dw[size_t(k * N + n)];
      for (int64_t i = 0; i < B; ++i) s = std::fmaf(x[size_t(i * K + k)], dpre[size_t(i * N + n)], s);
      r.dw[size_t(k * N + n)] = s;
    }
  for (int64_t i = 0; i < B; ++i)
    for (int64_t n = 0; n < N; ++n) r.db[size_t(n)] += dpre[size_t(i * N + n)];
  return r;
}

DenseRun run_kernel(Act act, float alpha, int64_t B, int64_t K, int64_t N, std::vector<float> x, std::vector<float> w,
                    std::vector<float> b, std::vector<float> dout, const DenseRun& init, ThreadPool* pool, bool training) {
  DenseRun r = init;
  r.out.assign(size_t(B * N), -7.0f);
  std::vector<float> aux(size_t(B * N), -7.0f);  // backward reuses it for d(pre)
  OpParams p;
  p.act = act;
  p.alpha = alpha;
  OpCtx c;
  c.op = Op::FusedDense;
  c.p = &p;
  c.n_in = 3;
  c.in[0] = View{x.data(), B, K};
  c.in[1] = View{w.data(), K, N};
  c.in[2] = View{b.data(), 1, N};
  c.out = View{r.out.data(), B, N};
  if (act != Act::Identity) c.aux = View{aux.data(), B, N};
  c.pool = pool;
  c.training = training;
  cpu_backend().forward(c);
  r.pre = act == Act::Identity ? r.out : aux;
  if (!training) return r;
  c.dout = View{dout.data(), B, N};
  c.din[0] = View{r.dx.data(), B, K};
  c.din[1] = View{r.dw.data(), K, N};
  c.din[2] = View{r.db.data(), 1, N};
  cpu_backend().backward(c);
  return r;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(float) * a.size()) == 0;
}

}  // namespace

TEST(dense_kernels_match_a_naive_reference_bitwise_on_odd_shapes) {
  ThreadPool pool(3);
  int cases = 0, bad = 0;
  for (Act act : {Act::Identity, Act::Relu, Act::LeakyRelu, Act::Sigmoid})
    for (int64_t B : {1, 2, 5, 6, 7, 13, 50, 101, 300})
      for (int64_t K : {1, 3, 10, 33})
        for (int64_t N : {1, 3, 7, 8, 9, 16, 17, 24, 31, 32, 64, 65}) {
          const uint64_t seed = uint64_t(B * 10007 + K * 101 + N);
          const auto x = random_vec(B * K, seed), w = random_vec(K * N, seed + 1), b = random_vec(N, seed + 2);
          const auto dout = random_vec(B * N, seed + 3);
          // Nonzero starting gradients: backward accumulates.
          DenseRun init{{}, {}, random_vec(B * K, seed + 4), random_vec(K * N, seed + 5), random_vec(N, seed + 6)};
          const DenseRun want = reference(act, 0.1f, B, K, N, x, w, b, dout, init);
          for (ThreadPool* p : {static_cast<ThreadPool*>(nullptr), &pool}) {
            const DenseRun got = run_kernel(act, 0.1f, B, K, N, x, w, b, dout, init, p, true);
            const DenseRun inf = run_kernel(act, 0.1f, B, K, N, x, w, b, dout, init, p, false);
            const bool ok = same_bits(got.out, want.out) && same_bits(got.pre, want.pre) && same_bits(got.dx, want.dx) &&
                            same_bits(got.dw, want.dw) && same_bits(got.db, want.db) && same_bits(inf.out, want.out);
            if (!ok && bad++ < 5)
              std::fprintf(stderr, "  act %d B %lld K %lld N %lld pool %d: out %d pre %d dx %d dw %d db %d inference %d\n", int(act),
                           (long long)B, (long long)K, (long long)N, p != nullptr, same_bits(got.out, want.out), same_bits(got.pre, want.pre),
                           same_bits(got.dx, want.dx), same_bits(got.dw, want.dw), same_bits(got.db, want.db), same_bits(inf.out, want.out));
            ++cases;
          }
        }
  CHECK(bad == 0);
  CHECK(cases == 4 * 9 * 4 * 12 * 2);
}

TEST(dense_relu_epilogue_maps_nan_to_zero_as_the_scalar_relu) {
  // A NaN input row gives NaN pre-activations; relu(NaN) is 0 in act_value and must stay 0 in
  // the vector epilogue (maxps), on the 16-, 8-column and scalar-tail paths.
  const int64_t B = 7, K = 4, N = 27;
  auto x = random_vec(B * K, 1), w = random_vec(K * N, 2), b = random_vec(N, 3);
  x[size_t(2 * K + 1)] = std::nanf("");
  DenseRun init{{}, {}, std::vector<float>(size_t(B * K)), std::vector<float>(size_t(K * N)), std::vector<float>(size_t(N))};
  const DenseRun got = run_kernel(Act::Relu, 0.0f, B, K, N, x, w, b, random_vec(B * N, 4), init, nullptr, false);
  for (int64_t n = 0; n < N; ++n) CHECK(got.out[size_t(2 * N + n)] == 0.0f && !std::signbit(got.out[size_t(2 * N + n)]));
}
