// Column select; the column list is staged in a small device buffer per call.
#include <vector>

#include "common.cuh"
#include "select.cuh"

namespace studio::cuda {

namespace {

__global__ void select_kernel(const float* x, int64_t xcols, const int32_t* cols, int64_t ncols, float* y, int64_t rows, bool backward) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < rows * ncols; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t b = i / ncols, j = i % ncols;
    if (backward) y[b * xcols + cols[j]] += x[i];  // columns are distinct, so no two threads collide
    else y[i] = x[b * xcols + cols[j]];
  }
}

void run(const OpCtx& c, bool backward) {
  const auto& cols = c.p->cols;
  int32_t* dcols = nullptr;
  check(cudaMalloc(&dcols, sizeof(int32_t) * cols.size()), "alloc select columns");
  check(cudaMemcpy(dcols, cols.data(), sizeof(int32_t) * cols.size(), cudaMemcpyHostToDevice), "copy select columns");
  const int64_t n = c.out.rows * int64_t(cols.size());
  if (backward) select_kernel<<<blocks_for(n), kThreads>>>(c.dout.data, c.in[0].cols, dcols, int64_t(cols.size()), c.din[0].data, c.out.rows, true);
  else select_kernel<<<blocks_for(n), kThreads>>>(c.in[0].data, c.in[0].cols, dcols, int64_t(cols.size()), c.out.data, c.out.rows, false);
  check_launch("select");
  check(cudaFree(dcols), "free select columns");
}

}  // namespace

void select_fwd(OpCtx& c) { run(c, false); }

void select_bwd(OpCtx& c) {
  if (c.din[0].data) run(c, true);
}

}  // namespace studio::cuda
