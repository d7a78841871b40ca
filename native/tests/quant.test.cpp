// INT8 quantisation: the CPU kernel in use against exact integer and fp32 references, calibration
// rules, model-level accuracy, the version-2 file, determinism, bad input, and the CUDA twin
// (skipped without a device).
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

#include "../src/backend/backend.h"
#include "../src/core/errors.h"
#include "../src/core/philox.h"
#include "../src/core/thread-pool.h"
#include "../src/quant/int8-dense-cpu.h"
#include "../src/quant/quant-format.h"
#include "../src/quant/quantize-model.h"
#include "../src/quant/quantized-predict.h"
#include "../src/runtime/predict.h"
#include "../src/runtime/serialize.h"
#include "test.h"

using namespace studio;
using namespace studio::quant;

namespace {

std::vector<float> uniform(size_t n, float lo, float hi, uint32_t stream) {
  PhiloxStream rng(7, stream);
  std::vector<float> v(n);
  for (auto& x : v) x = float(lo + (hi - lo) * rng.uniform());
  return v;
}

std::vector<int8_t> int8s(size_t n, int lo, uint32_t stream) {
  PhiloxStream rng(9, stream);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = int8_t(lo + int(rng.uniform() * (127.999 - lo)));
  return v;
}

// Rows of k int8 values zero padded to the kernel's row stride.
std::vector<int8_t> padded_rows(const std::vector<int8_t>& xs, int64_t rows, int64_t k) {
  const int64_t k_pad = int8_padded(k, kInt8KAlign);
  std::vector<int8_t> x(static_cast<size_t>(rows * k_pad), 0);
  for (int64_t r = 0; r < rows; ++r) std::memcpy(&x[size_t(r * k_pad)], &xs[size_t(r * k)], size_t(k));
  return x;
}

Int8DenseArgs args(const std::vector<int8_t>& x, const std::vector<int8_t>& w, const std::vector<float>& scale, const std::vector<float>& bias,
                   int64_t rows, int64_t k, int64_t n) {
  Int8DenseArgs a;
  a.x = x.data();
  a.w = w.data();
  a.scale = scale.data();
  a.bias = bias.data();
  a.rows = rows;
  a.k_pad = int8_padded(k, kInt8KAlign);
  a.n = n;
  a.n_pad = int8_padded(n, kInt8NAlign);
  return a;
}

ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const EngineError& e) {
    return e.code;
  }
  return ErrorCode::Internal;
}

ModelSpec mlp_spec(int32_t inputs, Norm norm) {
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = inputs;
  s.layers = {{48, Act::Relu, 0.01f, 0.0f, norm}, {20, Act::Tanh, 0.01f, 0.0f, Norm::None}};
  return s;
}

// A model with seeded weights; with batch norm, running statistics far from identity.
std::unique_ptr<Model> seeded_model(Norm norm) {
  auto m = std::make_unique<Model>(mlp_spec(12, norm), size_t(1) << 28);
  m->init_params(5);
  for (auto& p : m->params()) {
    if (p.name.find("running_mean") != std::string::npos)
      for (int64_t i = 0; i < p.size(); ++i) p.data.data[i] = 0.1f * float(i % 7) - 0.3f;
    if (p.name.find("running_var") != std::string::npos)
      for (int64_t i = 0; i < p.size(); ++i) p.data.data[i] = 0.5f + 0.05f * float(i % 11);
  }
  m->meta = "{\"kind\":\"mlp\"}";
  return m;
}

}  // namespace

TEST(quant_kernel_integer_sums_are_exact) {
  for (bool nonneg : {false, true}) {
    for (auto [rows, k, n] : {std::array<int64_t, 3>{7, 23, 5}, {4, 256, 256}, {1, 64, 1}, {33, 100, 9}, {6, 3, 17}}) {
      const auto xs = int8s(static_cast<size_t>(rows * k), nonneg ? 0 : -127, 1), ws = int8s(static_cast<size_t>(k * n), -127, 2);
      const auto x = padded_rows(xs, rows, k);
      const auto w = pack_weights(ws.data(), k, n);
      const int64_t n_pad = int8_padded(n, kInt8NAlign);
      std::vector<float> ones(static_cast<size_t>(n_pad), 1.0f), zeros(static_cast<size_t>(n_pad), 0.0f), out(static_cast<size_t>(rows * n));
      Int8DenseArgs a = args(x, w, ones, zeros, rows, k, n);
      a.x_nonneg = nonneg;
      a.out = out.data();
      a.pool = &ThreadPool::global();
      cpu_backend().int8_dense(a);
      int bad = 0;
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < n; ++c) {
          int32_t s = 0;
          for (int64_t j = 0; j < k; ++j) s += int32_t(xs[size_t(r * k + j)]) * ws[size_t(j * n + c)];
          bad += out[size_t(r * n + c)] != float(s);
        }
      CHECK(bad == 0);
    }
  }
}

TEST(quant_dense_matches_fp32_within_the_rounding_bound) {
  const int64_t rows = 9, k = 70, n = 13;
  const auto xf = uniform(static_cast<size_t>(rows * k), -2.0f, 2.0f, 3), wf = uniform(static_cast<size_t>(k * n), -0.5f, 0.5f, 4);
  const auto b = uniform(static_cast<size_t>(n), -1, 1, 5);
  DenseF32 d;
  d.in = k;
  d.out = n;
  d.w = wf;
  d.b = b;
  QuantLayer q;
  quantize_weights(d, q);
  q.x_scale = 2.0f / 127.0f;
  const int64_t k_pad = int8_padded(k, kInt8KAlign), n_pad = int8_padded(n, kInt8NAlign);
  std::vector<int8_t> xq(static_cast<size_t>(rows * k_pad));
  quantize_rows(xf.data(), rows, k, k_pad, q.x_scale, xq.data());
  std::vector<float> scale(static_cast<size_t>(n_pad)), bias(static_cast<size_t>(n_pad)), out(static_cast<size_t>(rows * n));
  for (int64_t c = 0; c < n; ++c) {
    scale[size_t(c)] = q.x_scale * q.w_scale[size_t(c)];
    bias[size_t(c)] = b[size_t(c)];
  }
  const auto w = pack_weights(q.w.data(), k, n);
  Int8DenseArgs a = args(xq, w, scale, bias, rows, k, n);
  a.out = out.data();
  quant::int8_dense_cpu(a);
  // |x w - x^ w^| <= |x - x^| |w| + |x^| |w - w^| with |x - x^| <= sx/2 and |w - w^| <= sw/2.
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < n; ++c) {
      double ref = b[size_t(c)], bound = 1e-5;
      for (int64_t j = 0; j < k; ++j) {
        const double x = xf[size_t(r * k + j)], wv = wf[size_t(j * n + c)];
        ref += x * wv;
        bound += q.x_scale / 2.0 * std::abs(wv) + (std::abs(x) + q.x_scale / 2.0) * q.w_scale[size_t(c)] / 2.0;
      }
      CHECK_NEAR(out[size_t(r * n + c)], ref, bound);
    }
}

TEST(quant_requantized_output_and_padding) {
  for (Act act : {Act::Relu, Act::Tanh, Act::Identity}) {
    const int64_t rows = 5, k = 32, n = 6, pad = int8_padded(n, kInt8KAlign);
    const auto x = int8s(static_cast<size_t>(rows * k), -127, 6), ws = int8s(static_cast<size_t>(k * n), -127, 7);
    const auto w = pack_weights(ws.data(), k, n);
    std::vector<float> scale(8, 1e-3f), bias = uniform(8, -1, 1, 8), out(static_cast<size_t>(rows * n));
    std::vector<int8_t> q(static_cast<size_t>(rows * pad), 55);
    Int8DenseArgs a = args(x, w, scale, bias, rows, k, n);
    a.act = act;
    a.out = out.data();
    quant::int8_dense_cpu(a);
    a.out = nullptr;
    a.out_q = q.data();
    a.out_pad = pad;
    a.out_scale = 0.05f;
    quant::int8_dense_cpu(a);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < pad; ++c) {
        const int8_t want = c < n ? quantize_value(out[size_t(r * n + c)], 0.05f) : 0;
        CHECK(q[size_t(r * pad + c)] == want);
      }
  }
  // The vector body of quantize_rows agrees with quantize_value, ties and saturation included.
  std::vector<float> xs = uniform(3 * 21, -3, 3, 9);
  for (size_t i = 0; i < xs.size(); i += 5) xs[i] = (float(int(i % 9) - 4) + 0.5f) * 0.5f;  // exact ties of x / 0.5
  xs[7] = 1e6f;
  xs[8] = -1e6f;
  std::vector<int8_t> qs(3 * 24, 99);
  quantize_rows(xs.data(), 3, 21, 24, 0.5f, qs.data());
  for (int64_t r = 0; r < 3; ++r)
    for (int64_t j = 0; j < 24; ++j) CHECK(qs[size_t(r * 24 + j)] == (j < 21 ? quantize_value(xs[size_t(r * 21 + j)], 0.5f) : 0));
  // Values next to (m + 1/2) x scale, where a multiply by 1 / scale would round some the other way:
  // quantize_rows multiplies and redoes near-tie vectors with the division, so it must still agree
  // with quantize_value everywhere; shapes cover a tail stored with its padding (k_pad >= 8 past it),
  // a tail copied alone, whole vectors, and scales without a normal inverse.
  for (const float scale : {0.013f, 0.1f, 0.3f, 0.7f, 1.1f, 0.0372f, 3e-39f, 1e38f})
    for (const auto& [k, k_pad] : {std::pair<int64_t, int64_t>{23, 24}, {21, 24}, {8, 8}, {5, 8}, {17, 20}, {16, 16}, {3, 4}, {31, 32}}) {
      const int64_t rows = 7;
      std::vector<float> v(size_t(rows * k));
      for (size_t i = 0; i < v.size(); ++i) {
        const float m = float(int(i % 61) - 30) * 4.5f;  // -135 .. 135, past the clamp both ways
        v[i] = (std::floor(m) + 0.5f) * scale;
        if (i % 3 == 1) v[i] = std::nextafter(v[i], 1e9f);
        if (i % 3 == 2) v[i] = std::nextafter(v[i], -1e9f);
        if (i % 7 == 3) v[i] = float(int(i) - 200) * 0.37f * scale;  // far from ties
      }
      std::vector<int8_t> got(size_t(rows * k_pad), 99);
      quantize_rows(v.data(), rows, k, k_pad, scale, got.data());
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < k_pad; ++j)
          CHECK(got[size_t(r * k_pad + j)] == (j < k ? quantize_value(v[size_t(r * k + j)], scale) : 0));
    }
  CHECK(quantize_value(2.5f, 1.0f) == 2);  // half to even, as ONNX QuantizeLinear
  CHECK(quantize_value(-3.5f, 1.0f) == -4);
  CHECK(quantize_value(1e9f, 1.0f) == 127);
  CHECK(quantize_value(-1e9f, 1.0f) == -127);
}

TEST(quant_calibration_rules_match_packages_onnx) {
  std::vector<float> v(1001);
  for (size_t i = 0; i < v.size(); ++i) v[i] = float((i % 2 ? -1.0 : 1.0) * double(i) / 1000.0);
  RangeObserver mm({CalibMethod::MinMax, 0});
  mm.observe(v.data(), int64_t(v.size()));
  CHECK_NEAR(mm.scale(), 1.0 / 127.0, 1e-9);
  RangeObserver p50({CalibMethod::Percentile, 50});
  p50.observe(v.data(), 500);
  p50.observe(v.data() + 500, 501);
  CHECK_NEAR(p50.scale(), 0.5 / 127.0, 1e-9);
  RangeObserver zero({CalibMethod::MinMax, 0});
  const float z[3] = {0, 0, 0};
  zero.observe(z, 3);
  CHECK(zero.scale() == 1.0f);
}

TEST(quant_model_tracks_fp32_and_folds_batch_norm) {
  for (Norm norm : {Norm::None, Norm::Batch}) {
    auto m = seeded_model(norm);
    const int64_t rows = 600;
    const auto X = uniform(static_cast<size_t>(rows * 12), -2, 2, 11);
    auto q = quantize_model(*m, X.data(), rows, {CalibMethod::MinMax, 0}, &ThreadPool::global());
    CHECK(q->layers.size() == 3);
    CHECK(q->layers[1].x_nonneg && !q->layers[0].x_nonneg && !q->layers[2].x_nonneg);
    std::vector<float> p32(static_cast<size_t>(rows)), p8(static_cast<size_t>(rows));
    predict_logits(*m, X.data(), rows, p32.data(), &ThreadPool::global());
    quantized_logits(*q, X.data(), rows, p8.data(), &ThreadPool::global());
    double worst = 0, spread = 0;
    for (int64_t i = 0; i < rows; ++i) {
      worst = std::max(worst, double(std::abs(p32[size_t(i)] - p8[size_t(i)])));
      spread = std::max(spread, double(std::abs(p32[size_t(i)] - p32[0])));
    }
    std::printf("  norm %d: max |logit int8 - fp32| = %.4g (logit spread %.3g)\n", int(norm), worst, spread);
    CHECK(worst < 0.05 * spread + 1e-3);
    CHECK(spread > 0.1);
    const WeightReport r = weight_report(*q);
    // 12-48-20-1: fp32 weights + biases; int8 weights + f32 weight scales, biases, one activation scale per layer.
    CHECK(r.fp32_bytes == 4 * (12 * 48 + 48 + 48 * 20 + 20 + 20 + 1));
    CHECK(r.int8_bytes == (12 * 48 + 8 * 48 + 4) + (48 * 20 + 8 * 20 + 4) + (20 + 8 + 4));
  }
}

TEST(quant_file_round_trip_and_determinism) {
  auto m = seeded_model(Norm::Batch);
  const int64_t rows = 300;
  const auto X = uniform(static_cast<size_t>(rows * 12), -2, 2, 12);
  auto q = quantize_model(*m, X.data(), rows, {CalibMethod::Percentile, 99.9}, &ThreadPool::global());
  auto q_again = quantize_model(*m, X.data(), rows, {CalibMethod::Percentile, 99.9}, nullptr);
  const auto bytes = save_quantized(*q);
  CHECK(bytes == save_quantized(*q_again));
  auto loaded = load_quantized(bytes.data(), bytes.size());
  CHECK(save_quantized(*loaded) == bytes);
  CHECK(loaded->meta == m->meta);
  std::vector<float> a(static_cast<size_t>(rows)), b(static_cast<size_t>(rows)), c(static_cast<size_t>(rows));
  quantized_proba(*q, X.data(), rows, a.data(), &ThreadPool::global());
  quantized_proba(*loaded, X.data(), rows, b.data(), nullptr);
  for (int64_t i = 0; i < rows; ++i) quantized_proba(*loaded, X.data() + i * 12, 1, c.data() + i, nullptr);
  CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
  CHECK(std::memcmp(a.data(), c.data(), a.size() * sizeof(float)) == 0);
}

TEST(quant_file_rejects_damage_and_fp32_files) {
  auto m = seeded_model(Norm::None);
  const auto X = uniform(static_cast<size_t>(40 * 12), -2, 2, 13);
  const auto bytes = save_quantized(*quantize_model(*m, X.data(), 40, {}, nullptr));
  auto flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  CHECK(code_of([&] { load_quantized(flipped.data(), flipped.size()); }) == ErrorCode::BadModelFile);
  for (size_t cut : {size_t(3), size_t(20), bytes.size() - 1})
    CHECK(code_of([&] { load_quantized(bytes.data(), cut); }) == ErrorCode::BadModelFile);
  const auto v1 = save_model(*m);
  CHECK(code_of([&] { load_quantized(v1.data(), v1.size()); }) == ErrorCode::BadModelFile);
  CHECK(code_of([&] { load_model(bytes.data(), bytes.size(), 1 << 26); }) == ErrorCode::BadModelFile);
}

TEST(quant_rejects_bad_calibration_and_unsupported_models) {
  auto m = seeded_model(Norm::None);
  auto X = uniform(static_cast<size_t>(10 * 12), -1, 1, 14);
  CHECK(code_of([&] { quantize_model(*m, X.data(), 0, {}, nullptr); }) == ErrorCode::EmptyDataset);
  CHECK(code_of([&] { quantize_model(*m, X.data(), 10, {CalibMethod::Percentile, 0}, nullptr); }) == ErrorCode::BadOption);
  X[3 * 12 + 4] = std::nanf("");
  try {
    quantize_model(*m, X.data(), 10, {}, nullptr);
    CHECK(false);
  } catch (const EngineError& e) {
    CHECK(e.code == ErrorCode::NonFiniteInput && e.row == 3 && e.col == 4);
  }
  Model layer_norm(mlp_spec(12, Norm::Layer), size_t(1) << 26);
  X[3 * 12 + 4] = 0;
  CHECK(code_of([&] { quantize_model(layer_norm, X.data(), 10, {}, nullptr); }) == ErrorCode::BadSpec);
}

TEST(quant_cuda_int8_dense_matches_cpu) {
  const Backend* be = cuda_backend();
  if (be == nullptr) {
    SKIP("%s", cuda_info().error.c_str());
  }
  const int64_t rows = 37, k = 203, n = 45, pad = int8_padded(n, kInt8KAlign), n_pad = int8_padded(n, kInt8NAlign);
  const auto x = padded_rows(int8s(static_cast<size_t>(rows * k), -127, 20), rows, k);
  const auto ws = int8s(static_cast<size_t>(k * n), -127, 21);
  const auto w = pack_weights(ws.data(), k, n);
  auto scale = uniform(static_cast<size_t>(n_pad), 1e-4f, 1e-3f, 22), bias = uniform(static_cast<size_t>(n_pad), -1, 1, 23);
  auto put = [&](const void* host, size_t bytes) {
    void* p = be->alloc(bytes);
    be->copy(p, host, bytes, CopyKind::HostToDevice);
    return p;
  };
  void* dx = put(x.data(), x.size());
  void* dw = put(w.data(), w.size());
  void* ds = put(scale.data(), scale.size() * sizeof(float));
  void* db = put(bias.data(), bias.size() * sizeof(float));
  void* dout = be->alloc(static_cast<size_t>(rows * n) * sizeof(float));
  for (Act act : {Act::Identity, Act::Relu, Act::Gelu, Act::Sigmoid, Act::Tanh, Act::LeakyRelu}) {
    for (bool requant : {false, true}) {
      std::vector<float> out_cpu(static_cast<size_t>(rows * n)), out_dev(static_cast<size_t>(rows * n));
      std::vector<int8_t> q_cpu(static_cast<size_t>(rows * pad)), q_dev(static_cast<size_t>(rows * pad));
      Int8DenseArgs c = args(x, w, scale, bias, rows, k, n);
      c.act = act;
      c.out_pad = requant ? pad : 0;
      c.out_scale = 0.02f;
      c.out = requant ? nullptr : out_cpu.data();
      c.out_q = requant ? q_cpu.data() : nullptr;
      quant::int8_dense_cpu(c);
      Int8DenseArgs d = c;
      d.x = static_cast<int8_t*>(dx);
      d.w = static_cast<int8_t*>(dw);
      d.scale = static_cast<float*>(ds);
      d.bias = static_cast<float*>(db);
      d.out = requant ? nullptr : static_cast<float*>(dout);
      d.out_q = requant ? static_cast<int8_t*>(dout) : nullptr;
      be->int8_dense(d);
      be->synchronize();
      if (requant) be->copy(q_dev.data(), dout, q_dev.size(), CopyKind::DeviceToHost);
      else be->copy(out_dev.data(), dout, out_dev.size() * sizeof(float), CopyKind::DeviceToHost);
      int bad = 0;
      for (size_t i = 0; i < out_cpu.size(); ++i) bad += std::abs(out_cpu[i] - out_dev[i]) > 1e-4f + 1e-4f * std::abs(out_cpu[i]);
      for (size_t i = 0; i < q_cpu.size(); ++i) bad += std::abs(int(q_cpu[i]) - int(q_dev[i])) > 1;
      if (bad) std::fprintf(stderr, "  act %d requant %d: %d mismatches\n", int(act), int(requant), bad);
      CHECK(bad == 0);
    }
  }
  for (void* p : {dx, dw, ds, db, dout}) be->free(p);
}
