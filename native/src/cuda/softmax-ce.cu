// Softmax cross-entropy against class indices; the mean is one f64 block reduction.
#include "common.cuh"
#include "softmax-ce.cuh"

namespace studio::cuda {

namespace {

__device__ inline int64_t label(const float* y, int64_t b, int64_t C) {
  const int64_t k = int64_t(y[b]);
  return k < 0 ? 0 : (k >= C ? C - 1 : k);
}

__global__ void ce_fwd_kernel(const float* z, const float* y, float* out, int64_t B, int64_t C) {
  double s = 0;
  for (int64_t b = threadIdx.x; b < B; b += blockDim.x) {
    const float* zr = z + b * C;
    double m = zr[0];
    for (int64_t j = 1; j < C; ++j) m = fmax(m, double(zr[j]));
    double e = 0;
    for (int64_t j = 0; j < C; ++j) e += exp(zr[j] - m);
    s += m + log(e) - zr[label(y, b, C)];
  }
  const double total = block_sum(s);
  if (threadIdx.x == 0) out[0] = float(total / double(B));
}

__global__ void ce_bwd_kernel(const float* z, const float* y, const float* dout, float* dz, int64_t B, int64_t C) {
  const int64_t b = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (b >= B) return;
  const float scale = dout[0] / float(B);
  const float* zr = z + b * C;
  float m = zr[0];
  for (int64_t j = 1; j < C; ++j) m = fmaxf(m, zr[j]);
  double e = 0;
  for (int64_t j = 0; j < C; ++j) e += exp(double(zr[j] - m));
  const int64_t k = label(y, b, C);
  for (int64_t j = 0; j < C; ++j) dz[b * C + j] += scale * (float(exp(double(zr[j] - m)) / e) - (j == k ? 1.0f : 0.0f));
}

}  // namespace

void softmax_ce_fwd(OpCtx& c) {
  ce_fwd_kernel<<<1, kThreads>>>(c.in[0].data, c.in[1].data, c.out.data, c.in[0].rows, c.in[0].cols);
  check_launch("softmax_ce");
}

void softmax_ce_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  ce_bwd_kernel<<<blocks_for(c.in[0].rows), kThreads>>>(c.in[0].data, c.in[1].data, c.dout.data, c.din[0].data, c.in[0].rows, c.in[0].cols);
  check_launch("softmax_ce_bwd");
}

}  // namespace studio::cuda
