// Embedding lookup; the backward scatter walks rows in order per output column (deterministic,
// no atomics), which suits the small vocabularies of credit data.
#include "common.cuh"
#include "embedding.cuh"

namespace studio::cuda {

namespace {

__device__ inline int64_t code_at(const float* x, int64_t b, int64_t cols, int col, int64_t vocab) {
  int64_t v = int64_t(x[b * cols + col]);
  return v < 0 ? 0 : (v >= vocab ? vocab - 1 : v);
}

__global__ void emb_fwd_kernel(const float* x, int64_t xcols, int col, const float* table, int64_t vocab, float* y, int64_t B, int64_t D) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < B * D; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t b = i / D, j = i % D;
    y[i] = table[code_at(x, b, xcols, col, vocab) * D + j];
  }
}

__global__ void emb_bwd_kernel(const float* x, int64_t xcols, int col, const float* g, float* dtable, int64_t vocab, int64_t B, int64_t D) {
  const int64_t j = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (j >= D) return;
  for (int64_t b = 0; b < B; ++b) dtable[code_at(x, b, xcols, col, vocab) * D + j] += g[b * D + j];
}

}  // namespace

void embedding_fwd(OpCtx& c) {
  emb_fwd_kernel<<<blocks_for(c.out.size()), kThreads>>>(c.in[0].data, c.in[0].cols, c.p->col, c.in[1].data, c.in[1].rows, c.out.data, c.out.rows, c.out.cols);
  check_launch("embedding");
}

void embedding_bwd(OpCtx& c) {
  if (!c.din[1].data) return;
  emb_bwd_kernel<<<blocks_for(c.out.cols), kThreads>>>(c.in[0].data, c.in[0].cols, c.p->col, c.dout.data, c.din[1].data, c.in[1].rows, c.out.rows,
                                                       c.out.cols);
  check_launch("embedding_bwd");
}

}  // namespace studio::cuda
