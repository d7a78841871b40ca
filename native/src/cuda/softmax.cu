// Row softmax: one thread per row (class counts are small in credit models).
#include "common.cuh"
#include "softmax.cuh"

namespace studio::cuda {

namespace {

__global__ void softmax_kernel(const float* z, float* p, int64_t B, int64_t C) {
  const int64_t b = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (b >= B) return;
  const float* zr = z + b * C;
  float* pr = p + b * C;
  float m = zr[0];
  for (int64_t j = 1; j < C; ++j) m = fmaxf(m, zr[j]);
  double s = 0;
  for (int64_t j = 0; j < C; ++j) s += (pr[j] = expf(zr[j] - m));
  for (int64_t j = 0; j < C; ++j) pr[j] = float(pr[j] / s);
}

__global__ void softmax_bwd_kernel(const float* p, const float* g, float* dz, int64_t B, int64_t C) {
  const int64_t b = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (b >= B) return;
  double dot = 0;
  for (int64_t j = 0; j < C; ++j) dot += double(p[b * C + j]) * g[b * C + j];
  for (int64_t j = 0; j < C; ++j) dz[b * C + j] += float(p[b * C + j] * (g[b * C + j] - dot));
}

}  // namespace

void softmax_fwd(OpCtx& c) {
  softmax_kernel<<<blocks_for(c.out.rows), kThreads>>>(c.in[0].data, c.out.data, c.out.rows, c.out.cols);
  check_launch("softmax");
}

void softmax_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  softmax_bwd_kernel<<<blocks_for(c.out.rows), kThreads>>>(c.out.data, c.dout.data, c.din[0].data, c.out.rows, c.out.cols);
  check_launch("softmax_bwd");
}

}  // namespace studio::cuda
