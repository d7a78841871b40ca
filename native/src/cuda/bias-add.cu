#include "bias-add.cuh"
#include "common.cuh"

namespace studio::cuda {

namespace {

__global__ void bias_add_kernel(const float* x, const float* b, float* y, int64_t n, int64_t cols) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) y[i] = x[i] + b[i % cols];
}

__global__ void add_kernel(const float* g, float* d, int64_t n) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) d[i] += g[i];
}

__global__ void column_sum_kernel(const float* dy, int64_t rows, int64_t cols, float* db) {
  const int64_t n = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (n >= cols) return;
  float s = 0.0f;
  for (int64_t b = 0; b < rows; ++b) s += dy[b * cols + n];
  db[n] += s;
}

}  // namespace

void column_sum_accumulate(const float* dy, int64_t rows, int64_t cols, float* db) {
  column_sum_kernel<<<blocks_for(cols), kThreads>>>(dy, rows, cols, db);
  check_launch("column_sum");
}

void bias_add_fwd(OpCtx& c) {
  bias_add_kernel<<<blocks_for(c.out.size()), kThreads>>>(c.in[0].data, c.in[1].data, c.out.data, c.out.size(), c.out.cols);
  check_launch("bias_add");
}

void bias_add_bwd(OpCtx& c) {
  if (c.din[0].data) {
    add_kernel<<<blocks_for(c.dout.size()), kThreads>>>(c.dout.data, c.din[0].data, c.dout.size());
    check_launch("bias_add_bwd");
  }
  if (c.din[1].data) column_sum_accumulate(c.dout.data, c.dout.rows, c.dout.cols, c.din[1].data);
}

}  // namespace studio::cuda
