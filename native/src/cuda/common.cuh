// Shared helpers of the CUDA kernels: error checking, launch geometry, block reductions.
#pragma once
#include <cuda_runtime.h>

#include <string>

#include "../core/errors.h"
#include "../ops/op.h"

namespace studio::cuda {

inline void check(cudaError_t e, const char* what) {
  if (e != cudaSuccess) {
    const ErrorCode code = e == cudaErrorMemoryAllocation ? ErrorCode::OutOfMemory : ErrorCode::Device;
    throw EngineError(code, std::string("CUDA ") + what + ": " + cudaGetErrorString(e));
  }
}

/** Checks the launch that just happened. */
inline void check_launch(const char* kernel) { check(cudaGetLastError(), kernel); }

constexpr int kThreads = 256;

inline unsigned blocks_for(int64_t n) {
  const int64_t b = (n + kThreads - 1) / kThreads;
  return unsigned(b < 1 ? 1 : (b > 65535 * 8 ? 65535 * 8 : b));
}

/** Sum over a block of 256 threads in f64; a fixed tree, so the result is deterministic. */
__device__ inline double block_sum(double v) {
  __shared__ double buf[kThreads];
  buf[threadIdx.x] = v;
  __syncthreads();
  for (int s = kThreads / 2; s > 0; s >>= 1) {
    if (int(threadIdx.x) < s) buf[threadIdx.x] += buf[threadIdx.x + s];
    __syncthreads();
  }
  const double r = buf[0];
  __syncthreads();
  return r;
}

}  // namespace studio::cuda
