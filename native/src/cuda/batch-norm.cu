// Batch norm: one thread per feature column walks the batch in order (coalesced across threads).
#include "common.cuh"
#include "batch-norm.cuh"

namespace studio::cuda {

namespace {

__global__ void bn_stats_kernel(const float* x, float* aux, float* run_mean, float* run_var, int64_t B, int64_t N, float eps, float momentum, bool training) {
  const int64_t n = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (n >= N) return;
  if (!training) {
    aux[n] = run_mean[n];
    aux[N + n] = 1.0f / sqrtf(run_var[n] + eps);
    return;
  }
  double s = 0;
  for (int64_t b = 0; b < B; ++b) s += x[b * N + n];
  const double mean = s / double(B);
  double ss = 0;
  for (int64_t b = 0; b < B; ++b) ss += (x[b * N + n] - mean) * (x[b * N + n] - mean);
  const double var = ss / double(B);
  aux[n] = float(mean);
  aux[N + n] = float(1.0 / sqrt(var + eps));
  run_mean[n] = (1 - momentum) * run_mean[n] + momentum * float(mean);
  run_var[n] = (1 - momentum) * run_var[n] + momentum * float(B > 1 ? ss / double(B - 1) : var);
}

__global__ void bn_apply_kernel(const float* x, const float* gamma, const float* beta, const float* aux, float* y, int64_t total, int64_t N) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < total; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t n = i % N;
    y[i] = (x[i] - aux[n]) * aux[N + n] * gamma[n] + beta[n];
  }
}

__global__ void bn_bwd_kernel(const float* x, const float* gamma, const float* g, const float* aux, float* dx, float* dgamma, float* dbeta, int64_t B,
                              int64_t N, bool training) {
  const int64_t n = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (n >= N) return;
  const float mean = aux[n], rstd = aux[N + n];
  double sg = 0, sgx = 0;
  for (int64_t b = 0; b < B; ++b) {
    const double xh = double(x[b * N + n] - mean) * rstd;
    sg += g[b * N + n];
    sgx += g[b * N + n] * xh;
  }
  if (dgamma) dgamma[n] += float(sgx);
  if (dbeta) dbeta[n] += float(sg);
  if (!dx) return;
  for (int64_t b = 0; b < B; ++b) {
    const int64_t i = b * N + n;
    if (!training) {
      dx[i] += g[i] * gamma[n] * rstd;
      continue;
    }
    const double xh = double(x[i] - mean) * rstd;
    dx[i] += float(gamma[n] * rstd * (g[i] - sg / double(B) - xh * sgx / double(B)));
  }
}

}  // namespace

void batch_norm_fwd(OpCtx& c) {
  const int64_t B = c.out.rows, N = c.out.cols;
  bn_stats_kernel<<<blocks_for(N), kThreads>>>(c.in[0].data, c.aux.data, c.in[3].data, c.in[4].data, B, N, c.p->eps, c.p->momentum, c.training);
  check_launch("batch_norm_stats");
  bn_apply_kernel<<<blocks_for(B * N), kThreads>>>(c.in[0].data, c.in[1].data, c.in[2].data, c.aux.data, c.out.data, B * N, N);
  check_launch("batch_norm");
}

void batch_norm_bwd(OpCtx& c) {
  bn_bwd_kernel<<<blocks_for(c.out.cols), kThreads>>>(c.in[0].data, c.in[1].data, c.dout.data, c.aux.data, c.din[0].data, c.din[1].data, c.din[2].data,
                                                      c.out.rows, c.out.cols, c.training);
  check_launch("batch_norm_bwd");
}

}  // namespace studio::cuda
