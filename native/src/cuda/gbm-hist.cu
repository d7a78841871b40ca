// GBM histogram on the device. Each block accumulates a tile of rows into a shared-memory histogram of
// a slice of features (gradient and hessian in f64, count in u64, added to the f64 count), then adds it to the global one with
// atomics. Atomic f64 sums make the last bits depend on the order blocks finish; the CPU path is the
// bitwise-reproducible reference (tests/gbm-cuda.test.cpp compares the two).
#include <vector>

#include "common.cuh"
#include "gbm-hist.cuh"

namespace studio::cuda {

namespace {

constexpr int kRowsPerBlock = 4096;
constexpr int kSharedBins = 1024;  // bins per feature slice held in shared memory (24 KiB)

__global__ void hist_kernel(const uint8_t* __restrict__ bins, const gbm::GradPair* __restrict__ grad, const int32_t* __restrict__ index,
                            int64_t begin, int64_t end, int cols, const int32_t* __restrict__ offset, int f0, int f1, int bin0, int nbins,
                            gbm::HistBin* __restrict__ out) {
  __shared__ double sg[kSharedBins];
  __shared__ double sh[kSharedBins];
  __shared__ unsigned long long sn[kSharedBins];
  for (int i = threadIdx.x; i < nbins; i += blockDim.x) {
    sg[i] = 0;
    sh[i] = 0;
    sn[i] = 0;
  }
  __syncthreads();
  const int64_t first = begin + int64_t(blockIdx.x) * kRowsPerBlock;
  const int64_t last = first + kRowsPerBlock < end ? first + kRowsPerBlock : end;
  const int width = f1 - f0;
  for (int64_t k = first * width + threadIdx.x; k < last * width; k += blockDim.x) {
    const int64_t i = k / width;
    const int f = f0 + int(k - i * width);
    const int64_t r = index ? index[i] : i;
    const int b = offset[f] + bins[r * cols + f] - bin0;
    const gbm::GradPair gp = grad[r];
    atomicAdd(&sg[b], double(gp.g));
    atomicAdd(&sh[b], double(gp.h));
    atomicAdd(&sn[b], 1ull);
  }
  __syncthreads();
  for (int i = threadIdx.x; i < nbins; i += blockDim.x) {
    if (sn[i] == 0) continue;
    atomicAdd(&out[bin0 + i].g, sg[i]);
    atomicAdd(&out[bin0 + i].h, sh[i]);
    atomicAdd(&out[bin0 + i].n, double(sn[i]));
  }
}

}  // namespace

void gbm_hist(const gbm::HistArgs& a) {
  const int64_t n = a.end - a.begin;
  if (n <= 0) return;
  // Host copy of the offsets to cut the features into slices whose bins fit in shared memory.
  std::vector<int32_t> off(size_t(a.cols) + 1);
  check(cudaMemcpy(off.data(), a.offset, sizeof(int32_t) * size_t(a.cols), cudaMemcpyDeviceToHost), "gbm offsets");
  // The bin count of the last feature is not in `offset`; the caller's histogram ends at offset + its bins,
  // which HistArgs does not carry, so the last slice is bounded by kSharedBins and the max bin (256).
  off[size_t(a.cols)] = off[size_t(a.cols) - 1] + 256;
  const unsigned blocks = unsigned((n + kRowsPerBlock - 1) / kRowsPerBlock);
  int f0 = 0;
  while (f0 < a.cols) {
    int f1 = f0 + 1;
    while (f1 < a.cols && off[size_t(f1) + 1] - off[size_t(f0)] <= kSharedBins) ++f1;
    const int bin0 = off[size_t(f0)];
    const int nbins = off[size_t(f1)] - bin0;
    hist_kernel<<<blocks, kThreads>>>(a.bins, a.grad, a.index, a.begin, a.end, a.cols, a.offset, f0, f1, bin0, nbins, a.out);
    check_launch("gbm_hist");
    f0 = f1;
  }
}

}  // namespace studio::cuda
