// The GBM histogram kernels on a device run (bench/gpu.sh): the CUDA twin (cuda/gbm-hist.cu) against the CPU
// kernel (gbm::build_hist_cpu, one thread) on the same bins and gradients, for the root histogram (every row)
// and for an indexed node (every other row), with the CUDA result checked against the CPU one.
//   studio_gbm_hist_bench --rows 1500000 [--cols 10] [--runs 5] [--dump PREFIX]
// Prints one JSON line per (device, case): {"case","device","rows","cols","ms" (median),"runs","matches_cpu"}.
// --dump also writes PREFIX.x.f32 (raw features, row-major, NaN = missing) and PREFIX.y.u8 for the XGBoost
// device="cuda" anchor (bench/gbm/gpu_anchor.py). The bins here come from the same rows (255 equal-count cuts).
// Our trainer does not call the CUDA kernel yet (training histograms are built on the CPU), so this is a
// kernel benchmark, not a fit: the anchor's whole-fit time is reported beside it, not as a like-for-like ratio.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../src/backend/backend.h"
#include "../src/core/philox.h"
#include "../src/gbm/hist.h"

using namespace studio;
using namespace studio::gbm;

namespace {

std::string arg(int argc, char** argv, const char* name, const char* fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  return fallback;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? NAN : v[v.size() / 2];
}

bool same(const std::vector<HistBin>& a, const std::vector<HistBin>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].n != b[i].n) return false;
    const double tol = 1e-9 * std::max(1.0, std::abs(a[i].g) + std::abs(a[i].h));
    if (std::abs(a[i].g - b[i].g) > tol || std::abs(a[i].h - b[i].h) > tol) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t rows = std::stoll(arg(argc, argv, "--rows", "1500000"));
  const int cols = std::stoi(arg(argc, argv, "--cols", "10"));
  const int runs = std::stoi(arg(argc, argv, "--runs", "5"));
  const std::string dump = arg(argc, argv, "--dump", "");
  if (rows < 100 || cols < 1 || cols > 256 || runs < 1) {
    std::fprintf(stderr, "usage: studio_gbm_hist_bench --rows N(>=100) [--cols 1..256] [--runs R] [--dump PREFIX]\n");
    return 2;
  }
  // Skewed numeric features (one with 20% missing) and a logistic label, like the CPU benchmark's generator.
  PhiloxStream rng(7, 12);
  std::vector<float> x(size_t(rows) * size_t(cols));
  std::vector<uint8_t> y(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) {
    double z = -2.5;
    for (int f = 0; f < cols; ++f) {
      const float u = rng.uniform();
      float v = f % 2 == 0 ? std::exp(2.0f * u) : u * u;
      if (f == 3 && rng.uniform() < 0.2f) v = NAN;
      else z += (f % 3 == 0 ? 0.8 : -0.4) * v;
      x[size_t(r) * size_t(cols) + size_t(f)] = v;
    }
    y[size_t(r)] = rng.uniform() < 1 / (1 + std::exp(-z)) ? 1 : 0;
  }
  if (!dump.empty()) {
    FILE* fx = std::fopen((dump + ".x.f32").c_str(), "wb");
    FILE* fy = std::fopen((dump + ".y.u8").c_str(), "wb");
    if (!fx || !fy) {
      std::fprintf(stderr, "cannot write %s.*\n", dump.c_str());
      return 1;
    }
    std::fwrite(x.data(), sizeof(float), x.size(), fx);
    std::fwrite(y.data(), 1, y.size(), fy);
    std::fclose(fx);
    std::fclose(fy);
  }
  // Bins: 255 equal-count cuts per feature from a sorted sample, bin 0 = missing.
  std::vector<int32_t> offset(static_cast<size_t>(cols));
  int total = 0;
  std::vector<std::vector<float>> cuts(static_cast<size_t>(cols));
  for (int f = 0; f < cols; ++f) {
    std::vector<float> s;
    for (int64_t r = 0; r < rows; r += std::max<int64_t>(1, rows / 65536))
      if (!std::isnan(x[size_t(r) * size_t(cols) + size_t(f)])) s.push_back(x[size_t(r) * size_t(cols) + size_t(f)]);
    std::sort(s.begin(), s.end());
    for (int k = 1; k < 255 && !s.empty(); ++k) {
      const float c = s[s.size() * size_t(k) / 255];
      if (cuts[size_t(f)].empty() || c > cuts[size_t(f)].back()) cuts[size_t(f)].push_back(c);
    }
    offset[size_t(f)] = total;
    total += int(cuts[size_t(f)].size()) + 2;
  }
  std::vector<uint8_t> bins(x.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int f = 0; f < cols; ++f) {
      const float v = x[size_t(r) * size_t(cols) + size_t(f)];
      const auto& c = cuts[size_t(f)];
      bins[size_t(r) * size_t(cols) + size_t(f)] =
          std::isnan(v) ? 0 : uint8_t(1 + (std::lower_bound(c.begin(), c.end(), v) - c.begin()));
    }
  std::vector<GradPair> grad(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) grad[size_t(r)] = {float(0.07 - y[size_t(r)]), 0.065f};
  std::vector<int32_t> index;
  for (int64_t r = 0; r < rows; r += 2) index.push_back(int32_t(r));

  const CudaInfo info = cuda_info();
  const Backend* cuda = cuda_backend();
  std::printf("# CUDA compiled %s, devices %d%s%s\n", info.compiled ? "yes" : "no", info.devices, info.error.empty() ? "" : ": ",
              info.error.c_str());
  for (const bool indexed : {false, true}) {
    const int64_t n = indexed ? int64_t(index.size()) : rows;
    const char* name = indexed ? "gbm-hist-indexed-half" : "gbm-hist-root";
    const HistArgs cpu_args{bins.data(), grad.data(), indexed ? index.data() : nullptr, 0, n, cols, offset.data(), nullptr};
    std::vector<HistBin> cpu_out(static_cast<size_t>(total));
    std::vector<double> cpu_ms;
    for (int i = 0; i < runs; ++i) {
      std::fill(cpu_out.begin(), cpu_out.end(), HistBin{0, 0, 0, 0});
      HistArgs a = cpu_args;
      a.out = cpu_out.data();
      const auto t0 = std::chrono::steady_clock::now();
      build_hist_cpu(a);
      cpu_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::printf("{\"case\":\"%s\",\"device\":\"cpu-1-thread\",\"rows\":%lld,\"cols\":%d,\"ms\":%.4f,\"runs\":%d}\n", name,
                static_cast<long long>(n), cols, median(cpu_ms), runs);
    if (cuda == nullptr) {
      std::printf("{\"case\":\"%s\",\"device\":\"cuda\",\"skipped\":\"%s\"}\n", name,
                  info.error.empty() ? "no CUDA device" : info.error.c_str());
      continue;
    }
    BackendBuffer db(*cuda, bins.size()), dg(*cuda, grad.size() * sizeof(GradPair)), di(*cuda, index.size() * 4),
        doff(*cuda, offset.size() * 4), dout(*cuda, size_t(total) * sizeof(HistBin));
    cuda->copy(db.get(), bins.data(), bins.size(), CopyKind::HostToDevice);
    cuda->copy(dg.get(), grad.data(), grad.size() * sizeof(GradPair), CopyKind::HostToDevice);
    cuda->copy(di.get(), index.data(), index.size() * 4, CopyKind::HostToDevice);
    cuda->copy(doff.get(), offset.data(), offset.size() * 4, CopyKind::HostToDevice);
    const HistArgs gpu_args{static_cast<const uint8_t*>(db.get()), static_cast<const GradPair*>(dg.get()),
                            indexed ? static_cast<const int32_t*>(di.get()) : nullptr, 0, n, cols,
                            static_cast<const int32_t*>(doff.get()), static_cast<HistBin*>(dout.get())};
    std::vector<double> gpu_ms;
    for (int i = 0; i < runs + 1; ++i) {  // the first launch warms up and is not timed
      cuda->zero(dout.get(), dout.bytes());
      cuda->synchronize();
      const auto t0 = std::chrono::steady_clock::now();
      cuda->gbm_hist(gpu_args);
      cuda->synchronize();
      if (i > 0) gpu_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::vector<HistBin> gpu_out(static_cast<size_t>(total));
    cuda->copy(gpu_out.data(), dout.get(), dout.bytes(), CopyKind::DeviceToHost);
    const double g = median(gpu_ms), c = median(cpu_ms);
    std::printf("{\"case\":\"%s\",\"device\":\"cuda\",\"rows\":%lld,\"cols\":%d,\"ms\":%.4f,\"runs\":%d,\"matches_cpu\":%s,"
                "\"speedup_vs_cpu_1_thread\":%.2f}\n",
                name, static_cast<long long>(n), cols, g, runs, same(cpu_out, gpu_out) ? "true" : "false", c / g);
  }
  return 0;
}
