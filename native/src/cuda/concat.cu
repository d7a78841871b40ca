// Concat along columns: one strided copy per input.
#include "common.cuh"
#include "concat.cuh"

namespace studio::cuda {

namespace {

__global__ void copy_cols_kernel(const float* src, int64_t scols, float* dst, int64_t dcols, int64_t offset, int64_t rows, bool to_slice) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < rows * scols; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t b = i / scols, j = i % scols;
    if (to_slice) dst[b * dcols + offset + j] = src[i];
    else dst[i] += src[b * dcols + offset + j];  // src is the wide gradient, dst the input's
  }
}

}  // namespace

void concat_fwd(OpCtx& c) {
  int64_t offset = 0;
  for (int i = 0; i < c.n_in; ++i) {
    copy_cols_kernel<<<blocks_for(c.in[i].size()), kThreads>>>(c.in[i].data, c.in[i].cols, c.out.data, c.out.cols, offset, c.out.rows, true);
    check_launch("concat");
    offset += c.in[i].cols;
  }
}

void concat_bwd(OpCtx& c) {
  int64_t offset = 0;
  for (int i = 0; i < c.n_in; ++i) {
    if (c.din[i].data) {
      copy_cols_kernel<<<blocks_for(c.in[i].size()), kThreads>>>(c.dout.data, c.in[i].cols, c.din[i].data, c.out.cols, offset, c.out.rows, false);
      check_launch("concat_bwd");
    }
    offset += c.in[i].cols;
  }
}

}  // namespace studio::cuda
