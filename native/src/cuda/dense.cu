// Dense: out = x W; backward dx += dy W^T, dW += x^T dy.
#include "common.cuh"
#include "gemm.cuh"
#include "dense.cuh"

namespace studio::cuda {

void dense_fwd(OpCtx& c) { gemm(false, false, c.in[0].rows, c.in[1].cols, c.in[0].cols, c.in[0].data, c.in[1].data, c.out.data, false); }

void dense_bwd(OpCtx& c) {
  const int64_t B = c.in[0].rows, K = c.in[0].cols, N = c.in[1].cols;
  if (c.din[0].data) gemm(false, true, B, K, N, c.dout.data, c.in[1].data, c.din[0].data, true);
  if (c.din[1].data) gemm(true, false, K, N, B, c.in[0].data, c.dout.data, c.din[1].data, true);
}

}  // namespace studio::cuda
