// Unary activations (relu, leaky relu, gelu, sigmoid, tanh), one kernel templated by the op.
#include "act.cuh"
#include "common.cuh"
#include "activation.cuh"

namespace studio::cuda {

namespace {

Act act_of(Op op) {
  switch (op) {
    case Op::Relu: return Act::Relu;
    case Op::LeakyRelu: return Act::LeakyRelu;
    case Op::Gelu: return Act::Gelu;
    case Op::Sigmoid: return Act::Sigmoid;
    case Op::Tanh: return Act::Tanh;
    default: return Act::Identity;
  }
}

__global__ void act_fwd_kernel(const float* x, float* y, int64_t n, Act act, float alpha) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) y[i] = act_value(act, x[i], alpha);
}

__global__ void act_bwd_kernel(const float* x, const float* y, const float* g, float* d, int64_t n, Act act, float alpha) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
    d[i] += g[i] * act_grad(act, x[i], y[i], alpha);
}

}  // namespace

void activation_fwd(OpCtx& c) {
  act_fwd_kernel<<<blocks_for(c.out.size()), kThreads>>>(c.in[0].data, c.out.data, c.out.size(), act_of(c.op), c.p->alpha);
  check_launch("activation");
}

void activation_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  act_bwd_kernel<<<blocks_for(c.out.size()), kThreads>>>(c.in[0].data, c.out.data, c.dout.data, c.din[0].data, c.out.size(), act_of(c.op), c.p->alpha);
  check_launch("activation_bwd");
}

}  // namespace studio::cuda
