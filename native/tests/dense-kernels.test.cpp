// The register-blocked dense kernels (AVX2: 16- and 8-column blocks, scalar and transposed column
// tails, 1-6 row blocks, the column-tail weight gradient; AVX-512: 16-wide vectors up to 64
// columns, masked last vectors) against a naive reference that does the same arithmetic: every
// output is one fused multiply-add per reduction index in ascending order, so the results must be
// bitwise equal, on odd shapes and tails, with and without a thread pool, on every ISA this CPU
// runs; and whole-model training must give the same bytes on every ISA.
#include <cmath>
#include <cstring>
#include <vector>

#include "../src/backend/backend.h"
#include "../src/core/philox.h"
#include "../src/core/thread-pool.h"
#include "../src/ops/act-math.h"
#include "../src/cpu/simd.h"
#include "../src/runtime/predict.h"
#include "../src/runtime/serialize.h"
#include "../src/runtime/trainer.h"
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

bool same_run(const DenseRun& a, const DenseRun& b) {
  return same_bits(a.out, b.out) && same_bits(a.pre, b.pre) && same_bits(a.dx, b.dx) && same_bits(a.dw, b.dw) && same_bits(a.db, b.db);
}

// The ISAs of the fp32 kernels this CPU runs, AVX2 first.
std::vector<Fp32Isa> isas() {
  std::vector<Fp32Isa> v;
  for (Fp32Isa i : {Fp32Isa::Avx2, Fp32Isa::Avx512})
    if (fp32_isa_supported(i)) v.push_back(i);
  return v;
}

// Puts back the ISA in use when a test ends.
struct IsaGuard {
  Fp32Isa saved = fp32_isa();
  ~IsaGuard() { set_fp32_isa(saved); }
};

}  // namespace

TEST(dense_kernels_match_a_naive_reference_bitwise_on_odd_shapes_on_every_isa) {
  IsaGuard guard;
  const std::vector<Fp32Isa> run_isas = isas();
  std::fprintf(stderr, "  fp32 ISAs tested:");
  for (Fp32Isa i : run_isas) std::fprintf(stderr, " %s", fp32_isa_name(i));
  std::fprintf(stderr, "\n");
  CHECK(!run_isas.empty() && run_isas[0] == Fp32Isa::Avx2);
  ThreadPool pool(3);
  int cases = 0, bad = 0;
  // N (and K, the output width of dx = dy W^T) cover every column tail: of 8 (AVX2 blocks), of
  // 16 (AVX-512 vectors, masked when 8-15 columns are left, AVX2 tail kernels when 1-7 are),
  // and 1-4 vectors of 16 past the 64-column tiles.
  for (Act act : {Act::Identity, Act::Relu, Act::LeakyRelu, Act::Sigmoid, Act::Gelu, Act::Tanh})
    for (int64_t B : {1, 2, 5, 6, 7, 13, 50, 101, 300})
      for (int64_t K : {1, 3, 10, 24, 33, 70})
        for (int64_t N : {1, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 47, 48, 63, 64, 65, 80, 129}) {
          if ((act == Act::Gelu || act == Act::Tanh) && (B == 2 || B == 6 || K == 24)) continue;  // fewer cases for the slow ones
          const uint64_t seed = uint64_t(B * 10007 + K * 101 + N);
          const auto x = random_vec(B * K, seed), w = random_vec(K * N, seed + 1), b = random_vec(N, seed + 2);
          const auto dout = random_vec(B * N, seed + 3);
          // Nonzero starting gradients: backward accumulates.
          DenseRun init{{}, {}, random_vec(B * K, seed + 4), random_vec(K * N, seed + 5), random_vec(N, seed + 6)};
          const DenseRun want = reference(act, 0.1f, B, K, N, x, w, b, dout, init);
          DenseRun avx2[2];
          for (Fp32Isa isa : run_isas) {
            set_fp32_isa(isa);
            CHECK(fp32_isa() == isa);
            for (int with_pool = 0; with_pool < 2; ++with_pool) {
              ThreadPool* p = with_pool ? &pool : nullptr;
              const DenseRun got = run_kernel(act, 0.1f, B, K, N, x, w, b, dout, init, p, true);
              const DenseRun inf = run_kernel(act, 0.1f, B, K, N, x, w, b, dout, init, p, false);
              if (isa == Fp32Isa::Avx2) avx2[with_pool] = got;
              const bool ok = same_run(got, want) && same_bits(inf.out, want.out) && same_run(got, avx2[with_pool]);
              if (!ok && bad++ < 5)
                std::fprintf(stderr, "  %s act %d B %lld K %lld N %lld pool %d: out %d pre %d dx %d dw %d db %d inference %d\n",
                             fp32_isa_name(isa), int(act), (long long)B, (long long)K, (long long)N, with_pool, same_bits(got.out, want.out),
                             same_bits(got.pre, want.pre), same_bits(got.dx, want.dx), same_bits(got.dw, want.dw),
                             same_bits(got.db, want.db), same_bits(inf.out, want.out));
              ++cases;
            }
          }
        }
  CHECK(bad == 0);
  CHECK(cases == int(run_isas.size()) * 2 * (4 * 9 * 6 * 19 + 2 * 7 * 5 * 19));
}

TEST(fp32_isa_override_falls_back_to_avx2_when_unsupported) {
  IsaGuard guard;
  CHECK(fp32_isa_supported(Fp32Isa::Avx2));
  set_fp32_isa(Fp32Isa::Avx2);
  CHECK(fp32_isa() == Fp32Isa::Avx2);
  set_fp32_isa(Fp32Isa::Avx512);
  CHECK(fp32_isa() == (fp32_isa_supported(Fp32Isa::Avx512) ? Fp32Isa::Avx512 : Fp32Isa::Avx2));
  CHECK(std::strcmp(fp32_isa_name(Fp32Isa::Avx512), "avx512") == 0 && std::strcmp(fp32_isa_name(Fp32Isa::Avx2), "avx2") == 0);
}

TEST(mlp_training_and_prediction_are_bitwise_identical_on_every_isa) {
  IsaGuard guard;
  // Widths with every kind of column tail (70: 64 + 6, 40: 32 + 8 masked, 17, 1), batches that are
  // not multiples of the row blocks, the vector and the per-element activations.
  const int64_t rows = 1500, cols = 11;
  const std::vector<float> x = random_vec(rows * cols, 41);
  std::vector<float> y(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) y[size_t(r)] = x[size_t(r * cols)] - 0.5f * x[size_t(r * cols + 3)] + 0.2f > 0.0f ? 1.0f : 0.0f;
  const Dataset data{x.data(), y.data(), rows, cols};
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = cols;
  s.layers = {{70, Act::Relu, 0.01f, 0.0f, Norm::None},
              {40, Act::LeakyRelu, 0.1f, 0.0f, Norm::None},
              {17, Act::Gelu, 0.01f, 0.0f, Norm::None},
              {16, Act::Tanh, 0.01f, 0.0f, Norm::None}};
  std::vector<uint8_t> want;
  std::vector<float> want_pred;
  int runs = 0;
  for (Fp32Isa isa : isas())
    for (ThreadPool* pool : {static_cast<ThreadPool*>(nullptr), &ThreadPool::global()}) {
      set_fp32_isa(isa);
      Model m(s, 1 << 26);
      TrainOptions o;
      o.optim.lr = 0.01f;
      o.epochs = 3;
      o.batch = 97;
      o.seed = 5;
      train_model(m, data, nullptr, o, nullptr, pool);
      const std::vector<uint8_t> bytes = save_model(m);
      std::vector<float> pred(size_t(rows) + 1);
      predict_proba(m, x.data(), rows, pred.data(), pool);
      predict_one(m, x.data() + 7 * cols, &pred[size_t(rows)]);
      if (runs++ == 0) {
        want = bytes;
        want_pred = pred;
      }
      const bool same = bytes == want && same_bits(pred, want_pred);
      if (!same) std::fprintf(stderr, "  %s pool %d: model %d predictions %d\n", fp32_isa_name(isa), pool != nullptr, bytes == want, same_bits(pred, want_pred));
      CHECK(same);
    }
  CHECK(runs == 2 * int(isas().size()));
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
