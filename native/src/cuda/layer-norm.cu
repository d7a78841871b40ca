// Layer norm: one 256-thread block per row, statistics in f64 like the CPU twin.
#include "common.cuh"
#include "layer-norm.cuh"

namespace studio::cuda {

namespace {

__global__ void ln_fwd_kernel(const float* x, const float* gamma, const float* beta, float* y, float* aux, int64_t N, float eps) {
  const float* xr = x + blockIdx.x * N;
  double s = 0;
  for (int64_t n = threadIdx.x; n < N; n += blockDim.x) s += xr[n];
  const double mean = block_sum(s) / double(N);
  double ss = 0;
  for (int64_t n = threadIdx.x; n < N; n += blockDim.x) ss += (xr[n] - mean) * (xr[n] - mean);
  const float rstd = float(1.0 / sqrt(block_sum(ss) / double(N) + eps));
  const float m = float(mean);
  if (threadIdx.x == 0) {
    aux[blockIdx.x * 2] = m;
    aux[blockIdx.x * 2 + 1] = rstd;
  }
  for (int64_t n = threadIdx.x; n < N; n += blockDim.x) y[blockIdx.x * N + n] = (xr[n] - m) * rstd * gamma[n] + beta[n];
}

__global__ void ln_dx_kernel(const float* x, const float* gamma, const float* g, const float* aux, float* dx, int64_t N) {
  const float m = aux[blockIdx.x * 2], rstd = aux[blockIdx.x * 2 + 1];
  const float *xr = x + blockIdx.x * N, *gr = g + blockIdx.x * N;
  double a = 0, b = 0;
  for (int64_t n = threadIdx.x; n < N; n += blockDim.x) {
    const double dxh = double(gr[n]) * gamma[n];
    a += dxh;
    b += dxh * (xr[n] - m) * rstd;
  }
  const double m1 = block_sum(a) / double(N), m2 = block_sum(b) / double(N);
  for (int64_t n = threadIdx.x; n < N; n += blockDim.x) {
    const double xh = double(xr[n] - m) * rstd;
    dx[blockIdx.x * N + n] += float(rstd * (double(gr[n]) * gamma[n] - m1 - xh * m2));
  }
}

__global__ void ln_dparams_kernel(const float* x, const float* g, const float* aux, float* dgamma, float* dbeta, int64_t B, int64_t N) {
  const int64_t n = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (n >= N) return;
  float sg = 0, sb = 0;
  for (int64_t b = 0; b < B; ++b) {
    const float gv = g[b * N + n];
    sg += gv * (x[b * N + n] - aux[b * 2]) * aux[b * 2 + 1];
    sb += gv;
  }
  if (dgamma) dgamma[n] += sg;
  if (dbeta) dbeta[n] += sb;
}

}  // namespace

void layer_norm_fwd(OpCtx& c) {
  ln_fwd_kernel<<<unsigned(c.out.rows), kThreads>>>(c.in[0].data, c.in[1].data, c.in[2].data, c.out.data, c.aux.data, c.out.cols, c.p->eps);
  check_launch("layer_norm");
}

void layer_norm_bwd(OpCtx& c) {
  if (c.din[0].data) {
    ln_dx_kernel<<<unsigned(c.out.rows), kThreads>>>(c.in[0].data, c.in[1].data, c.dout.data, c.aux.data, c.din[0].data, c.out.cols);
    check_launch("layer_norm_bwd");
  }
  if (c.din[1].data || c.din[2].data) {
    ln_dparams_kernel<<<blocks_for(c.out.cols), kThreads>>>(c.in[0].data, c.dout.data, c.aux.data, c.din[1].data, c.din[2].data, c.out.rows, c.out.cols);
    check_launch("layer_norm_bwd_params");
  }
}

}  // namespace studio::cuda
