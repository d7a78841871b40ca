// L1 and L2 weight penalties.
#include "common.cuh"
#include "penalty.cuh"

namespace studio::cuda {

namespace {

__global__ void penalty_fwd_kernel(const float* w, int64_t n, float lambda, bool l1, float* out) {
  double s = 0;
  for (int64_t i = threadIdx.x; i < n; i += blockDim.x) s += l1 ? fabs(double(w[i])) : double(w[i]) * w[i];
  const double total = block_sum(s);
  if (threadIdx.x == 0) out[0] = float(l1 ? lambda * total : 0.5 * lambda * total);
}

__global__ void penalty_bwd_kernel(const float* w, int64_t n, float lambda, bool l1, const float* dout, float* dw) {
  const float g = dout[0] * lambda;
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
    dw[i] += l1 ? g * float((w[i] > 0) - (w[i] < 0)) : g * w[i];
}

}  // namespace

void penalty_fwd(OpCtx& c) {
  penalty_fwd_kernel<<<1, kThreads>>>(c.in[0].data, c.in[0].size(), c.p->lambda, c.op == Op::L1Penalty, c.out.data);
  check_launch("penalty");
}

void penalty_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  penalty_bwd_kernel<<<blocks_for(c.in[0].size()), kThreads>>>(c.in[0].data, c.in[0].size(), c.p->lambda, c.op == Op::L1Penalty, c.dout.data, c.din[0].data);
  check_launch("penalty_bwd");
}

}  // namespace studio::cuda
