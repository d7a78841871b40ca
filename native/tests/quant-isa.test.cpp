// The INT8 dense kernels of every instruction set this CPU runs (AVX2, AVX-VNNI, AVX-512 VNNI) against
// the AVX2 kernel and a scalar reference, bitwise: integer sums are exact, and the epilogue
// (fma dequantize + bias, activation, divide-round-clamp requantize) gives the same bytes in every
// path (the 512-bit one multiplies by 1 / out_scale and redoes near-tie vectors with the division). Shapes cover row tails (past blocks of 4, 5 and 6 rows), column tails (n_pad % 16 == 8, n < n_pad)
// and k not a multiple of 4. Kernels this CPU lacks are listed as not tested here.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "../src/core/errors.h"
#include "../src/core/philox.h"
#include "../src/core/thread-pool.h"
#include "../src/ops/act-math.h"
#include "../src/quant/int8-dense-cpu.h"
#include "../src/quant/quantize-model.h"
#include "../src/quant/quantized-predict.h"
#include "test.h"

using namespace studio;
using namespace studio::quant;

namespace {

constexpr Int8Isa kIsas[] = {Int8Isa::Avx2, Int8Isa::AvxVnni, Int8Isa::Avx512Vnni};

std::vector<int8_t> bytes(size_t n, int lo, uint32_t stream) {
  PhiloxStream rng(13, stream);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = int8_t(lo + int(rng.uniform() * (127.999 - lo)));
  // The extremes, so the widest products (127 x -127) and sign flips of -127 are exercised.
  for (size_t i = 0; i < n; i += 7) v[i] = int8_t(i % 14 == 0 ? 127 : lo);
  return v;
}

std::vector<float> floats(size_t n, float lo, float hi, uint32_t stream) {
  PhiloxStream rng(17, stream);
  std::vector<float> v(n);
  for (auto& x : v) x = float(lo + (hi - lo) * rng.uniform());
  return v;
}

struct Case {
  int64_t rows, k, n;
};

// What every kernel must produce, computed one value at a time.
void scalar_reference(const Int8DenseArgs& a, const std::vector<int8_t>& xs, const std::vector<int8_t>& ws, int64_t k, std::vector<float>& out,
                      std::vector<int8_t>& out_q) {
  for (int64_t r = 0; r < a.rows; ++r) {
    for (int64_t c = 0; c < a.n; ++c) {
      int32_t s = 0;
      for (int64_t j = 0; j < k; ++j) s += int32_t(xs[size_t(r * k + j)]) * int32_t(ws[size_t(j * a.n + c)]);
      float y = std::fma(float(s), a.scale[c], a.bias[c]);
      if (a.act != Act::Identity) y = act_value(a.act, y, a.alpha);
      if (a.out_q) out_q[size_t(r * a.out_pad + c)] = quantize_value(y, a.out_scale);
      else out[size_t(r * a.n + c)] = y;
    }
    if (a.out_q)
      for (int64_t c = a.n; c < a.out_pad; ++c) out_q[size_t(r * a.out_pad + c)] = 0;
  }
}

}  // namespace

TEST(quant_isa_selection) {
  CHECK(int8_isa_supported(Int8Isa::Avx2));  // the build's baseline (x86-64-v3)
  for (Int8Isa isa : kIsas) {
    const bool ok = int8_isa_supported(isa);
    std::printf("  %s: %s\n", int8_isa_name(isa), ok ? "supported" : "not on this CPU (its kernel is not tested here)");
    CHECK(int8_isa_for(int8_isa_name(isa)) == (ok ? isa : Int8Isa::Avx2));
  }
  CHECK(int8_isa_for("avx2") == Int8Isa::Avx2);
  CHECK(int8_isa_for("sse2") == Int8Isa::Avx2);  // unknown names fall back to the baseline
  const Int8Isa best = int8_isa_for(nullptr);
  CHECK(int8_isa_for("") == best);
  CHECK(int8_isa_supported(best));
  for (Int8Isa isa : kIsas)
    if (int8_isa_supported(isa)) CHECK(int(isa) <= int(best));
  std::printf("  in use: %s (widest supported: %s)\n", int8_isa_name(int8_isa()), int8_isa_name(best));
}

TEST(quant_every_isa_matches_avx2_and_scalar_bitwise) {
  // n_pad: 8 (mask-only tail), 16, 24 (16 + 8), 40, 72 (64 + 8), 136, 256; k % 4 = 1, 2, 3, 0.
  const Case cases[] = {{1, 1, 1},   {7, 23, 5},   {6, 3, 17},    {33, 100, 9},  {4, 256, 256}, {13, 37, 70},
                        {5, 64, 24}, {9, 203, 45}, {17, 5, 129},  {3, 48, 8},    {2, 16, 16},   {11, 44, 40},
                        {64, 256, 256} /* over the serial threshold: rows split across the pool */,
                        // Row counts through every row tail of the 6-row (512-bit, x >= 0), 5-row (AVX-VNNI) and
                        // 4-row (512-bit signed, AVX2) blocks, on the benchmark MLP's shapes (23 -> 256 -> 256 -> 1).
                        {8, 23, 256}, {10, 256, 256}, {14, 256, 1}, {19, 23, 256}, {12, 256, 24}, {15, 24, 72}};
  const Act acts[] = {Act::Identity, Act::Relu, Act::LeakyRelu, Act::Sigmoid, Act::Tanh, Act::Gelu};
  int checked = 0, mismatches = 0;
  for (const Case& t : cases) {
    const int64_t k_pad = int8_padded(t.k, kInt8KAlign), n_pad = int8_padded(t.n, kInt8NAlign), out_pad = int8_padded(t.n, kInt8KAlign);
    const auto ws = bytes(size_t(t.k * t.n), -127, 2);
    const auto w = pack_weights(ws.data(), t.k, t.n);
    auto scale = floats(size_t(n_pad), 1e-4f, 2e-3f, 3), bias = floats(size_t(n_pad), -1.0f, 1.0f, 4);
    for (int64_t c = t.n; c < n_pad; ++c) scale[size_t(c)] = bias[size_t(c)] = 0.0f;
    for (bool nonneg : {false, true}) {
      const auto xs = bytes(size_t(t.rows * t.k), nonneg ? 0 : -127, nonneg ? 5 : 6);
      std::vector<int8_t> x(size_t(t.rows * k_pad), 0);
      for (int64_t r = 0; r < t.rows; ++r) std::memcpy(&x[size_t(r * k_pad)], &xs[size_t(r * t.k)], size_t(t.k));
      for (Act act : acts) {
        for (bool requant : {false, true}) {
          Int8DenseArgs a;
          a.x = x.data();
          a.w = w.data();
          a.scale = scale.data();
          a.bias = bias.data();
          a.rows = t.rows;
          a.k_pad = k_pad;
          a.n = t.n;
          a.n_pad = n_pad;
          a.x_nonneg = nonneg;
          a.act = act;
          a.alpha = 0.03f;
          a.out_pad = requant ? out_pad : 0;
          a.out_scale = 0.013f;
          a.pool = &ThreadPool::global();
          std::vector<float> ref(size_t(t.rows * t.n), -7.0f), base(ref.size(), -8.0f);
          std::vector<int8_t> ref_q(size_t(t.rows * out_pad), 99), base_q(ref_q.size(), 98);
          a.out = requant ? nullptr : ref.data();
          a.out_q = requant ? ref_q.data() : nullptr;
          scalar_reference(a, xs, ws, t.k, ref, ref_q);
          a.out = requant ? nullptr : base.data();
          a.out_q = requant ? base_q.data() : nullptr;
          int8_dense_cpu_isa(a, Int8Isa::Avx2);
          for (Int8Isa isa : kIsas) {
            if (!int8_isa_supported(isa)) continue;
            std::vector<float> got(ref.size(), -9.0f);
            std::vector<int8_t> got_q(ref_q.size(), 97);
            a.out = requant ? nullptr : got.data();
            a.out_q = requant ? got_q.data() : nullptr;
            int8_dense_cpu_isa(a, isa);
            const bool same = requant ? got_q == ref_q && got_q == base_q
                                      : std::memcmp(got.data(), ref.data(), got.size() * sizeof(float)) == 0 &&
                                            std::memcmp(got.data(), base.data(), got.size() * sizeof(float)) == 0;
            if (!same) {
              ++mismatches;
              std::fprintf(stderr, "  %s rows %lld k %lld n %lld nonneg %d act %d requant %d differs\n", int8_isa_name(isa), (long long)t.rows,
                           (long long)t.k, (long long)t.n, int(nonneg), int(act), int(requant));
            }
            ++checked;
          }
        }
      }
    }
  }
  std::printf("  %d kernel runs compared bitwise\n", checked);
  CHECK(mismatches == 0);
  CHECK(checked > 0);
}

TEST(quant_every_isa_requantizes_ties_like_quantize_value) {
  // Zero inputs, so each output is its bias, set next to (m + 1/2) x out_scale: the requantized value
  // then hangs on the correctly rounded y / out_scale (a multiply by 1 / out_scale would round some
  // of these the other way), on half-to-even and on the ±127 clamp.
  // n = 61 ends in a partial block; 64 and 256 are whole blocks of 16 columns, where the 512-bit
  // kernel multiplies by 1 / out_scale and redoes near-tie vectors with the division; identity and relu
  // take different clamps there.
  for (const int64_t rows : {int64_t(5), int64_t(13)})
  for (const int64_t n : {int64_t(61), int64_t(64), int64_t(256)})
  for (const Act act : {Act::Identity, Act::Relu}) {
  const int64_t k = 8, n_pad = int8_padded(n, kInt8NAlign), out_pad = int8_padded(n, kInt8KAlign);
  const std::vector<int8_t> x(size_t(rows * k), 0), ws = bytes(size_t(k * n), -127, 8);
  const auto w = pack_weights(ws.data(), k, n);
  for (float out_scale : {0.013f, 0.1f, 0.3f, 0.7f, 1.1f, 3e-39f /* subnormal: no inverse */, 1e38f /* inverse subnormal */}) {
    std::vector<float> scale(size_t(n_pad), 1.0f), bias(size_t(n_pad), 0.0f);
    for (int64_t c = 0; c < n; ++c) {
      const float m = float(c % 61 - 30) * 4.5f;  // -135 .. 135, past the clamp both ways
      bias[size_t(c)] = (std::floor(m) + 0.5f) * out_scale;
      if (c % 3 == 1) bias[size_t(c)] = std::nextafter(bias[size_t(c)], 1e9f);
      if (c % 3 == 2) bias[size_t(c)] = std::nextafter(bias[size_t(c)], -1e9f);
      if (c % 61 == 60 && c % 2 == 0) bias[size_t(c)] = float(c) * 0.37f * out_scale;  // far from ties
    }
    std::vector<int8_t> want(size_t(rows * out_pad), 0);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < n; ++c) {
        const float y = bias[size_t(c)];
        want[size_t(r * out_pad + c)] = quantize_value(act == Act::Relu ? std::max(y, 0.0f) : y, out_scale);
      }
    for (Int8Isa isa : kIsas) {
      if (!int8_isa_supported(isa)) continue;
      for (bool nonneg : {false, true}) {
        Int8DenseArgs a;
        a.x = x.data();
        a.w = w.data();
        a.scale = scale.data();
        a.bias = bias.data();
        a.rows = rows;
        a.k_pad = k;
        a.n = n;
        a.n_pad = n_pad;
        a.x_nonneg = nonneg;
        a.act = act;
        std::vector<int8_t> got(want.size(), 55);
        a.out_q = got.data();
        a.out_pad = out_pad;
        a.out_scale = out_scale;
        int8_dense_cpu_isa(a, isa);
        CHECK(got == want);
      }
    }
  }
  }
}

TEST(quant_model_predictions_identical_on_every_isa) {
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = 21;
  s.layers = {{40, Act::Relu, 0.01f, 0.0f, Norm::None}, {24, Act::Sigmoid, 0.01f, 0.0f, Norm::None}, {9, Act::Tanh, 0.01f, 0.0f, Norm::None}};
  Model m(s, size_t(1) << 26);
  m.init_params(11);
  m.meta = "{\"kind\":\"mlp\"}";
  const auto X = floats(size_t(1000 * 21), -2.5f, 2.5f, 7);
  auto q = quantize_model(m, X.data(), 500, {CalibMethod::MinMax, 0}, &ThreadPool::global());
  const Int8Isa before = int8_isa();
  std::vector<std::vector<float>> outs;
  int runs = 0;
  for (int64_t rows : {int64_t(1), int64_t(3), int64_t(300), int64_t(1000)}) {  // serial, one chunk, a partial chunk, the pool
    std::vector<float> base;
    for (Int8Isa isa : kIsas) {
      if (!int8_isa_supported(isa)) continue;
      set_int8_isa(isa);
      std::vector<float> p(static_cast<size_t>(rows));
      quantized_proba(*q, X.data(), rows, p.data(), &ThreadPool::global());
      if (base.empty()) base = p;
      CHECK(std::memcmp(p.data(), base.data(), p.size() * sizeof(float)) == 0);
      ++runs;
    }
  }
  set_int8_isa(before);
  CHECK(int8_isa() == before);
  std::printf("  %d model predictions compared bitwise\n", runs);
}
