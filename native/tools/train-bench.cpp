// The GPU benchmark's engine side, in C++ so it runs where there is no Node.js (the device machine):
// the seeded synthetic credit data of bench/engine/credit-data.ts (same generator, ported), median
// imputation + standardisation fitted on the first 80 % of rows, then the 10-64-32-1 ReLU MLP with Adam
// (lr 1e-3, batch 1024, 5 epochs) on the chosen device, and the AUC on the held-out 20 %.
//
//   studio_train_bench --rows 1500000 --device cuda|cpu [--seed 7] [--train-seed 1] [--dump PREFIX [--dump-only]]
//
// Prints one JSON line: {"device","rows","seconds","auc","loss","threads"} (seconds = train_model alone).
// --dump writes PREFIX.x.f32 (the standardised matrix, row-major) and PREFIX.y.u8 for the torch anchor
// (bench/engine/gpu_anchor.py), so both sides train on the same rows.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../src/core/errors.h"
#include "../src/core/thread-pool.h"
#include "../src/runtime/metrics.h"
#include "../src/runtime/predict.h"
#include "../src/runtime/trainer.h"

using namespace studio;

namespace {

constexpr int kFeatures = 10;

struct Mulberry32 {
  uint32_t a;
  double operator()() {
    a += 0x6d2b79f5u;
    uint32_t t = a;
    t = (t ^ (t >> 15)) * (t | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    return double(t ^ (t >> 14)) / 4294967296.0;
  }
};

void features(Mulberry32& r, double* out) {
  auto normal = [&] { return std::sqrt(-2 * std::log(1 - r())) * std::cos(2 * M_PI * r()); };
  out[0] = std::exp(10.5 + 0.5 * normal());
  out[1] = std::pow(r(), 2) * 1.5;
  out[2] = 21 + 50 * std::pow(r(), 1.5);
  out[3] = r() < 0.2 ? NAN : -60 * std::log(1 - r());
  out[4] = std::floor(-3 * std::log(1 - r()));
  out[5] = std::sqrt(r());
  out[6] = std::floor(-0.4 * std::log(1 - r()));
  out[7] = std::exp(9 + 0.8 * normal());
  out[8] = std::floor(-1.2 * std::log(1 - r()));
  out[9] = -4 * std::log((1 - r()) * (1 - r()));
}

double logit(const double* x) {
  const double employed = std::isnan(x[3]) ? 0.4 : -0.006 * x[3];
  return 1.6 * x[5] * x[5] - 0.6 * std::log(x[0] / 36000) + 0.7 * x[6] + 1.1 * x[1] - 0.015 * (x[2] - 40) + 0.25 * x[8] +
         0.4 * std::sin(x[9] / 3) + 0.3 * std::log(x[7] / 8000) * x[1] + employed;
}

std::string arg(int argc, char** argv, const char* name, const char* fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t rows = std::stoll(arg(argc, argv, "--rows", "150000"));
  const std::string device = arg(argc, argv, "--device", "cpu");
  const uint32_t seed = uint32_t(std::stoul(arg(argc, argv, "--seed", "7")));
  const uint64_t train_seed = std::stoull(arg(argc, argv, "--train-seed", "1"));
  const std::string dump = arg(argc, argv, "--dump", "");
  if (rows < 100 || (device != "cpu" && device != "cuda")) {
    std::fprintf(stderr, "usage: studio_train_bench --rows N(>=100) --device cpu|cuda [--seed 7] [--dump PREFIX]\n");
    return 2;
  }
  // About 7 % defaults: the intercept shift is calibrated on a sample, as in credit-data.ts.
  Mulberry32 sample{seed ^ 0x5a5au};
  double x[kFeatures];
  std::vector<double> z;
  for (int i = 0; i < 20000; ++i) {
    features(sample, x);
    z.push_back(logit(x));
  }
  double lo = -20, hi = 20;
  for (int it = 0; it < 60; ++it) {
    const double mid = (lo + hi) / 2;
    double rate = 0;
    for (double v : z) rate += 1 / (1 + std::exp(-(v + mid)));
    (rate / double(z.size()) > 0.07 ? hi : lo) = mid;
  }
  Mulberry32 r{seed};
  std::vector<float> X(static_cast<size_t>(rows * kFeatures));
  std::vector<float> y(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i) {
    features(r, x);
    for (int c = 0; c < kFeatures; ++c) X[size_t(i * kFeatures + c)] = float(x[c]);
    y[size_t(i)] = r() < 1 / (1 + std::exp(-(logit(x) + lo))) ? 1.0f : 0.0f;
  }
  // Median imputation and standardisation fitted on the training rows (sklearn SimpleImputer + StandardScaler).
  const int64_t train_rows = rows * 8 / 10, test_rows = rows - train_rows;
  for (int c = 0; c < kFeatures; ++c) {
    std::vector<double> present;
    for (int64_t i = 0; i < train_rows; ++i)
      if (!std::isnan(X[size_t(i * kFeatures + c)])) present.push_back(X[size_t(i * kFeatures + c)]);
    const size_t mid = present.size() / 2;
    std::nth_element(present.begin(), present.begin() + long(mid), present.end());
    double median = present[mid];
    if (present.size() % 2 == 0) median = (median + *std::max_element(present.begin(), present.begin() + long(mid))) / 2;
    double s = 0, ss = 0;
    for (int64_t i = 0; i < rows; ++i) {
      float& v = X[size_t(i * kFeatures + c)];
      if (std::isnan(v)) v = float(median);
      if (i < train_rows) {
        s += v;
        ss += double(v) * v;
      }
    }
    const double mean = s / double(train_rows), sd = std::sqrt(std::max(ss / double(train_rows) - mean * mean, 0.0));
    for (int64_t i = 0; i < rows; ++i) {
      float& v = X[size_t(i * kFeatures + c)];
      v = float((v - mean) / (sd > 0 ? sd : 1));
    }
  }
  if (!dump.empty()) {
    FILE* fx = std::fopen((dump + ".x.f32").c_str(), "wb");
    FILE* fy = std::fopen((dump + ".y.u8").c_str(), "wb");
    if (!fx || !fy) {
      std::fprintf(stderr, "cannot write %s.*\n", dump.c_str());
      return 1;
    }
    std::fwrite(X.data(), sizeof(float), X.size(), fx);
    for (float v : y) std::fputc(v > 0.5f ? 1 : 0, fy);
    std::fclose(fx);
    std::fclose(fy);
    for (int i = 1; i < argc; ++i)
      if (std::strcmp(argv[i], "--dump-only") == 0) return 0;
  }
  try {
    ModelSpec spec;
    spec.kind = ModelKind::Mlp;
    spec.inputs = kFeatures;
    spec.layers = {{64, Act::Relu, 0.01f, 0.0f, Norm::None}, {32, Act::Relu, 0.01f, 0.0f, Norm::None}};
    Model model(spec, size_t(8) << 30);
    TrainOptions o;
    o.optim.kind = OptimKind::Adam;
    o.optim.lr = 1e-3f;
    o.epochs = 5;
    o.batch = 1024;
    o.seed = train_seed;
    o.device = device == "cuda" ? DeviceChoice::Cuda : DeviceChoice::Cpu;
    ThreadPool& pool = ThreadPool::global();
    const Dataset train{X.data(), y.data(), train_rows, kFeatures};
    const auto t0 = std::chrono::steady_clock::now();
    const TrainResult res = train_model(model, train, nullptr, o, nullptr, &pool);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::vector<float> logits(static_cast<size_t>(test_rows));
    predict_logits(model, X.data() + train_rows * kFeatures, test_rows, logits.data(), &pool);
    const double auc = roc_auc(logits.data(), y.data() + train_rows, test_rows);
    std::printf("{\"device\":\"%s\",\"rows\":%lld,\"seconds\":%.6f,\"auc\":%.6f,\"loss\":%.6f,\"threads\":%u}\n", res.device,
                (long long)rows, seconds, auc, res.loss, pool.size());
  } catch (const EngineError& e) {
    std::fprintf(stderr, "studio_train_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
