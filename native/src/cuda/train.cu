#include "common.cuh"
#include "train.cuh"

namespace studio::cuda {

namespace {

// Grid-stride loops; each element is updated by exactly one thread, so results do not depend on the
// launch geometry.
__global__ void sgd_kernel(float* w, const float* g, float* m, int64_t n, float lr, float momentum, float wd) {
  for (int64_t k = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; k < n; k += int64_t(gridDim.x) * blockDim.x) {
    const float mk = momentum * m[k] + g[k] + wd * w[k];
    m[k] = mk;
    w[k] -= lr * mk;
  }
}

__global__ void adam_kernel(float* w, const float* g, float* m, float* v, int64_t n, float beta1, float beta2, float eps, float step,
                            float rs, float decay) {
  for (int64_t k = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; k < n; k += int64_t(gridDim.x) * blockDim.x) {
    const float gk = g[k];
    const float mk = beta1 * m[k] + (1 - beta1) * gk;
    const float vk = beta2 * v[k] + (1 - beta2) * gk * gk;
    m[k] = mk;
    v[k] = vk;
    w[k] -= step * mk / (sqrtf(vk) * rs + eps) + decay * w[k];
  }
}

// One warp per row: consecutive lanes copy consecutive columns, so each row is read coalesced.
__global__ void gather_kernel(float* dst, const float* src, const uint32_t* idx, int64_t n, int64_t cols) {
  const int64_t warps = int64_t(gridDim.x) * (blockDim.x / 32);
  for (int64_t r = (blockIdx.x * int64_t(blockDim.x) + threadIdx.x) / 32; r < n; r += warps) {
    const float* s = src + int64_t(idx[r]) * cols;
    float* d = dst + r * cols;
    for (int64_t c = threadIdx.x % 32; c < cols; c += 32) d[c] = s[c];
  }
}

__global__ void sign_kernel(float* w, const float* sign, int64_t n) {
  for (int64_t j = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; j < n; j += int64_t(gridDim.x) * blockDim.x)
    if (sign[j] * w[j] < 0) w[j] = 0.0f;
}

}  // namespace

void optim_step(const OptimStepArgs& a) {
  if (a.n <= 0) return;
  const OptimConfig& c = a.c;
  switch (c.kind) {
    case OptimKind::Sgd: sgd_kernel<<<blocks_for(a.n), kThreads>>>(a.w, a.g, a.m, a.n, c.lr, c.momentum, c.weight_decay); break;
    case OptimKind::Adam:
    case OptimKind::AdamW: {
      const float decay = c.kind == OptimKind::AdamW ? c.lr * c.weight_decay : 0.0f;
      adam_kernel<<<blocks_for(a.n), kThreads>>>(a.w, a.g, a.m, a.v, a.n, c.beta1, c.beta2, c.eps, c.lr / a.bc1, 1.0f / sqrtf(a.bc2),
                                                 decay);
      break;
    }
    case OptimKind::Newton:
    case OptimKind::Lbfgs: return;
  }
  check_launch("optim_step");
}

void gather_rows(const GatherArgs& a) {
  if (a.n <= 0) return;
  gather_kernel<<<blocks_for(a.n * 32), kThreads>>>(a.dst, a.src, a.idx, a.n, a.cols);
  check_launch("gather_rows");
}

void project_signs(float* w, const float* sign, int64_t n) {
  if (n <= 0) return;
  sign_kernel<<<blocks_for(n), kThreads>>>(w, sign, n);
  check_launch("project_signs");
}

void zero(void* ptr, size_t bytes) {
  if (bytes) check(cudaMemsetAsync(ptr, 0, bytes), "memset");
}

}  // namespace studio::cuda
