// Layer norm, alone or with its activation and dropout fused in (Op::FusedLayerNorm): one 256-thread block
// per row, statistics in f64 like the CPU twin; backward recomputes the epilogue from x and the row statistics.
#include "common.cuh"
#include "act.cuh"
#include "layer-norm.cuh"
#include "philox.cuh"

namespace studio::cuda {

namespace {

// The fused op's epilogue: act, then dropout with the unfused Dropout's mask (same counter per element).
struct Epilogue {
  Act act;
  float alpha, rate, scale;
  bool drop;
  uint64_t seed, step;
  uint32_t salt;
  __device__ bool kept(uint64_t i) const { return !drop || philox_uniform(seed, salt, step, i) >= rate; }
  /** d(loss)/d(LN output) at element i from d(loss)/d(out) = g and the LN output y. */
  __device__ float grad(float g, float y, uint64_t i) const {
    const float gd = kept(i) ? (drop ? g * scale : g) : 0.0f;
    return gd * act_grad(act, y, act_value(act, y, alpha), alpha);
  }
};

/** The fused op's epilogue from its params, or none (plain layer norm). */
Epilogue epilogue(const OpCtx& c, bool fused) {
  const bool drop = fused && c.training && c.p->rate > 0.0f;
  return Epilogue{fused ? c.p->act : Act::Identity, c.p->alpha, c.p->rate, 1.0f / (1.0f - c.p->rate), drop, c.seed, c.step, c.p->salt};
}

__global__ void ln_fwd_kernel(const float* x, const float* gamma, const float* beta, float* y, float* aux, int64_t N, float eps, Epilogue e) {
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
  for (int64_t n = threadIdx.x; n < N; n += blockDim.x) {
    const uint64_t i = uint64_t(blockIdx.x) * uint64_t(N) + uint64_t(n);
    const float a = act_value(e.act, (xr[n] - m) * rstd * gamma[n] + beta[n], e.alpha);
    y[i] = !e.drop ? a : e.kept(i) ? a * e.scale : 0.0f;
  }
}

__global__ void ln_dx_kernel(const float* x, const float* gamma, const float* beta, const float* g, const float* aux, float* dx, int64_t N,
                              Epilogue e) {
  const float m = aux[blockIdx.x * 2], rstd = aux[blockIdx.x * 2 + 1];
  const float *xr = x + blockIdx.x * N, *gr = g + blockIdx.x * N;
  const uint64_t row = uint64_t(blockIdx.x) * uint64_t(N);
  double a = 0, b = 0;
  for (int64_t n = threadIdx.x; n < N; n += blockDim.x) {
    const float dy = e.grad(gr[n], (xr[n] - m) * rstd * gamma[n] + beta[n], row + uint64_t(n));
    const double dxh = double(dy) * gamma[n];
    a += dxh;
    b += dxh * (xr[n] - m) * rstd;
  }
  const double m1 = block_sum(a) / double(N), m2 = block_sum(b) / double(N);
  for (int64_t n = threadIdx.x; n < N; n += blockDim.x) {
    const float dy = e.grad(gr[n], (xr[n] - m) * rstd * gamma[n] + beta[n], row + uint64_t(n));
    const double xh = double(xr[n] - m) * rstd;
    dx[blockIdx.x * N + n] += float(rstd * (double(dy) * gamma[n] - m1 - xh * m2));
  }
}

__global__ void ln_dparams_kernel(const float* x, const float* gamma, const float* beta, const float* g, const float* aux, float* dgamma,
                                   float* dbeta, int64_t B, int64_t N, Epilogue e) {
  const int64_t n = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (n >= N) return;
  float sg = 0, sb = 0;
  for (int64_t b = 0; b < B; ++b) {
    const float m = aux[b * 2], rstd = aux[b * 2 + 1], xv = x[b * N + n];
    const float dy = e.grad(g[b * N + n], (xv - m) * rstd * gamma[n] + beta[n], uint64_t(b * N + n));
    sg += dy * (xv - m) * rstd;
    sb += dy;
  }
  if (dgamma) dgamma[n] += sg;
  if (dbeta) dbeta[n] += sb;
}

void forward(OpCtx& c, const Epilogue& e) {
  ln_fwd_kernel<<<unsigned(c.out.rows), kThreads>>>(c.in[0].data, c.in[1].data, c.in[2].data, c.out.data, c.aux.data, c.out.cols, c.p->eps, e);
  check_launch("layer_norm");
}

void backward(OpCtx& c, const Epilogue& e) {
  if (c.din[0].data) {
    ln_dx_kernel<<<unsigned(c.out.rows), kThreads>>>(c.in[0].data, c.in[1].data, c.in[2].data, c.dout.data, c.aux.data, c.din[0].data,
                                                      c.out.cols, e);
    check_launch("layer_norm_bwd");
  }
  if (c.din[1].data || c.din[2].data) {
    ln_dparams_kernel<<<blocks_for(c.out.cols), kThreads>>>(c.in[0].data, c.in[1].data, c.in[2].data, c.dout.data, c.aux.data, c.din[1].data,
                                                             c.din[2].data, c.out.rows, c.out.cols, e);
    check_launch("layer_norm_bwd_params");
  }
}

}  // namespace

void layer_norm_fwd(OpCtx& c) { forward(c, epilogue(c, false)); }
void layer_norm_bwd(OpCtx& c) { backward(c, epilogue(c, false)); }
void fused_layer_norm_fwd(OpCtx& c) { forward(c, epilogue(c, true)); }
void fused_layer_norm_bwd(OpCtx& c) { backward(c, epilogue(c, true)); }

}  // namespace studio::cuda
