// The GBM histogram build through the backend table: the CPU entry against a plain loop, and the CUDA twin
// against the CPU one (SKIPPED without a device).
#include <cstring>
#include <vector>

#include "../src/backend/backend.h"
#include "../src/core/philox.h"
#include "../src/gbm/hist.h"
#include "test.h"

using namespace studio;
using namespace studio::gbm;

namespace {

struct HistCase {
  int cols = 12;
  int64_t rows = 50000;
  std::vector<int32_t> offset, nbins;
  int total = 0;
  std::vector<uint8_t> bins;
  std::vector<GradPair> grad;
  std::vector<int32_t> index;  // every third row
  HistCase() {
    PhiloxStream rng(3, 9);
    for (int f = 0; f < cols; ++f) {
      offset.push_back(total);
      nbins.push_back(f == 0 ? 256 : 2 + int(rng.below(200)));
      total += nbins.back();
    }
    for (int64_t r = 0; r < rows; ++r) {
      for (int f = 0; f < cols; ++f) bins.push_back(uint8_t(rng.below(uint64_t(nbins[size_t(f)]))));
      grad.push_back({rng.uniform() - 0.5f, rng.uniform() * 0.25f});
      if (r % 3 == 0) index.push_back(int32_t(r));
    }
  }
};

}  // namespace

TEST(gbm_hist_cpu_table_entry_matches_a_plain_loop) {
  const HistCase c;
  std::vector<HistBin> got(size_t(c.total), HistBin{0, 0, 0, 0}), want(size_t(c.total), HistBin{0, 0, 0, 0});
  cpu_backend().gbm_hist({c.bins.data(), c.grad.data(), c.index.data(), 0, int64_t(c.index.size()), c.cols, c.offset.data(), got.data()});
  for (int32_t r : c.index)
    for (int f = 0; f < c.cols; ++f) {
      HistBin& b = want[size_t(c.offset[size_t(f)] + c.bins[size_t(r) * size_t(c.cols) + size_t(f)])];
      b.g += c.grad[size_t(r)].g;
      b.h += c.grad[size_t(r)].h;
      b.n += 1;
    }
  for (int i = 0; i < c.total; ++i) {
    CHECK(got[size_t(i)].n == want[size_t(i)].n);
    CHECK(got[size_t(i)].g == want[size_t(i)].g);
    CHECK(got[size_t(i)].h == want[size_t(i)].h);
  }
}

TEST(gbm_hist_cuda_matches_cpu) {
  const Backend* be = cuda_backend();
  if (be == nullptr) SKIP("%s", cuda_info().error.c_str());
  const HistCase c;
  for (const bool indexed : {false, true}) {
    const int64_t n = indexed ? int64_t(c.index.size()) : c.rows;
    std::vector<HistBin> cpu(size_t(c.total), HistBin{0, 0, 0, 0}), gpu(size_t(c.total));
    cpu_backend().gbm_hist({c.bins.data(), c.grad.data(), indexed ? c.index.data() : nullptr, 0, n, c.cols, c.offset.data(), cpu.data()});
    BackendBuffer bins(*be, c.bins.size()), grad(*be, c.grad.size() * sizeof(GradPair)), index(*be, c.index.size() * 4),
        offset(*be, c.offset.size() * 4), out(*be, gpu.size() * sizeof(HistBin));
    be->copy(bins.get(), c.bins.data(), c.bins.size(), CopyKind::HostToDevice);
    be->copy(grad.get(), c.grad.data(), c.grad.size() * sizeof(GradPair), CopyKind::HostToDevice);
    be->copy(index.get(), c.index.data(), c.index.size() * 4, CopyKind::HostToDevice);
    be->copy(offset.get(), c.offset.data(), c.offset.size() * 4, CopyKind::HostToDevice);
    be->zero(out.get(), out.bytes());
    be->gbm_hist({static_cast<const uint8_t*>(bins.get()), static_cast<const GradPair*>(grad.get()),
                  indexed ? static_cast<const int32_t*>(index.get()) : nullptr, 0, n, c.cols, static_cast<const int32_t*>(offset.get()),
                  static_cast<HistBin*>(out.get())});
    be->synchronize();
    be->copy(gpu.data(), out.get(), out.bytes(), CopyKind::DeviceToHost);
    for (int i = 0; i < c.total; ++i) {
      CHECK(gpu[size_t(i)].n == cpu[size_t(i)].n);
      CHECK_NEAR(gpu[size_t(i)].g, cpu[size_t(i)].g, 1e-9);
      CHECK_NEAR(gpu[size_t(i)].h, cpu[size_t(i)].h, 1e-9);
    }
  }
}
