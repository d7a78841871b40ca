// Class-weighted BCE with logits: one block reduces the batch in f64 (a fixed tree, deterministic).
#include "common.cuh"
#include "bce-logits.cuh"

namespace studio::cuda {

namespace {

__global__ void bce_fwd_kernel(const float* z, const float* y, float* out, int64_t B, float pw, float nw) {
  double s = 0;
  for (int64_t b = threadIdx.x; b < B; b += blockDim.x) {
    const double zi = z[b], yi = y[b];
    s += (yi * pw + (1 - yi) * nw) * (fmax(zi, 0.0) - zi * yi + log1p(exp(-fabs(zi))));
  }
  const double total = block_sum(s);
  if (threadIdx.x == 0) out[0] = float(total / double(B));
}

__global__ void bce_bwd_kernel(const float* z, const float* y, const float* dout, float* dz, int64_t B, float pw, float nw) {
  const float scale = dout[0] / float(B);
  for (int64_t b = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; b < B; b += int64_t(gridDim.x) * blockDim.x) {
    const float p = 1.0f / (1.0f + expf(-z[b]));
    dz[b] += scale * (y[b] * pw + (1.0f - y[b]) * nw) * (p - y[b]);
  }
}

}  // namespace

void bce_logits_fwd(OpCtx& c) {
  bce_fwd_kernel<<<1, kThreads>>>(c.in[0].data, c.in[1].data, c.out.data, c.in[0].rows, c.p->pos_weight, c.p->neg_weight);
  check_launch("bce_logits");
}

void bce_logits_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  bce_bwd_kernel<<<blocks_for(c.in[0].rows), kThreads>>>(c.in[0].data, c.in[1].data, c.dout.data, c.din[0].data, c.in[0].rows, c.p->pos_weight,
                                                         c.p->neg_weight);
  check_launch("bce_logits_bwd");
}

}  // namespace studio::cuda
