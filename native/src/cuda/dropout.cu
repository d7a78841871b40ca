// Dropout with the same Philox4x32-10 stream as the CPU twin (core/philox.h), so masks match.
#include "common.cuh"
#include "dropout.cuh"
#include "philox.cuh"

namespace studio::cuda {

namespace {

__global__ void dropout_kernel(const float* src, float* dst, int64_t n, float rate, uint64_t seed, uint32_t salt, uint64_t step, bool accumulate) {
  const float scale = 1.0f / (1.0f - rate);
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
    const float v = philox_uniform(seed, salt, step, uint64_t(i)) >= rate ? src[i] * scale : 0.0f;
    dst[i] = accumulate ? dst[i] + v : v;
  }
}

__global__ void pass_kernel(const float* src, float* dst, int64_t n, bool accumulate) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
    dst[i] = accumulate ? dst[i] + src[i] : src[i];
}

void run(const OpCtx& c, const float* src, float* dst, bool accumulate) {
  const int64_t n = c.out.size();
  if (!c.training || c.p->rate <= 0.0f) pass_kernel<<<blocks_for(n), kThreads>>>(src, dst, n, accumulate);
  else dropout_kernel<<<blocks_for(n), kThreads>>>(src, dst, n, c.p->rate, c.seed, c.p->salt, c.step, accumulate);
  check_launch("dropout");
}

}  // namespace

void dropout_fwd(OpCtx& c) { run(c, c.in[0].data, c.out.data, false); }

void dropout_bwd(OpCtx& c) {
  if (c.din[0].data) run(c, c.dout.data, c.din[0].data, true);
}

}  // namespace studio::cuda
