// Fused dense: act(x W + b) with the pre-activation kept in aux for backward.
#include "act.cuh"
#include "bias-add.cuh"
#include "common.cuh"
#include "gemm.cuh"
#include "fused-dense.cuh"

namespace studio::cuda {

namespace {

__global__ void bias_act_kernel(float* pre, const float* b, float* out, int64_t n, int64_t cols, Act act, float alpha) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
    const float z = pre[i] + b[i % cols];
    pre[i] = z;
    out[i] = act_value(act, z, alpha);
  }
}

__global__ void dpre_kernel(float* pre, const float* out, const float* dout, int64_t n, Act act, float alpha) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
    pre[i] = dout[i] * act_grad(act, pre[i], out[i], alpha);
}

}  // namespace

void fused_dense_fwd(OpCtx& c) {
  const Act act = c.p->act;
  float* pre = act == Act::Identity ? c.out.data : c.aux.data;
  gemm(false, false, c.in[0].rows, c.in[1].cols, c.in[0].cols, c.in[0].data, c.in[1].data, pre, false);
  bias_act_kernel<<<blocks_for(c.out.size()), kThreads>>>(pre, c.in[2].data, c.out.data, c.out.size(), c.out.cols, act, c.p->alpha);
  check_launch("fused_dense");
}

void fused_dense_bwd(OpCtx& c) {
  const Act act = c.p->act;
  const float* dpre = c.dout.data;
  if (act != Act::Identity) {
    dpre_kernel<<<blocks_for(c.out.size()), kThreads>>>(c.aux.data, c.out.data, c.dout.data, c.out.size(), act, c.p->alpha);
    check_launch("fused_dense_bwd");
    dpre = c.aux.data;
  }
  const int64_t B = c.in[0].rows, K = c.in[0].cols, N = c.in[1].cols;
  if (c.din[0].data) gemm(false, true, B, K, N, dpre, c.in[1].data, c.din[0].data, true);
  if (c.din[1].data) gemm(true, false, K, N, B, c.in[0].data, dpre, c.din[1].data, true);
  if (c.din[2].data) column_sum_accumulate(dpre, B, N, c.din[2].data);
}

}  // namespace studio::cuda
