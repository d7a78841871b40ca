// INT8 dense on the device: 16x16 output tiles, k staged in shared memory 8 words (32 k values)
// at a time, four int8 products per __dp4a. Weights use the packed [k/4][n_pad][4] layout of
// Int8DenseArgs, so one int32 word is four k values of one column. The epilogue (fma dequantize +
// bias, activation, optional requantization with round half to even) matches the CPU kernel;
// int32 sums are exact on both.
#include <cstdint>

#include "act.cuh"
#include "common.cuh"
#include "int8-dense.cuh"

namespace studio::cuda {

namespace {

constexpr int kTile = 16;
constexpr int kWords = 8;

__global__ void int8_dense_kernel(const int* x, const int* w, const float* scale, const float* bias, int64_t rows, int64_t words, int64_t n,
                                  int64_t n_pad, Act act, float alpha, float* out, int8_t* out_q, int64_t out_pad, float out_scale) {
  __shared__ int xs[kTile][kWords];
  __shared__ int ws[kWords][kTile];
  const int ty = threadIdx.y, tx = threadIdx.x, id = ty * kTile + tx;
  const int64_t row0 = blockIdx.x * int64_t(kTile), col0 = blockIdx.y * int64_t(kTile);
  int acc = 0;
  for (int64_t k0 = 0; k0 < words; k0 += kWords) {
    // The first 128 threads stage the x slice, the other 128 the weight slice.
    if (id < kTile * kWords) {
      const int r = id / kWords, j = id % kWords;
      xs[r][j] = row0 + r < rows && k0 + j < words ? x[(row0 + r) * words + k0 + j] : 0;
    } else {
      const int t = id - kTile * kWords, j = t / kTile, c = t % kTile;
      ws[j][c] = col0 + c < n_pad && k0 + j < words ? w[(k0 + j) * n_pad + col0 + c] : 0;
    }
    __syncthreads();
#pragma unroll
    for (int j = 0; j < kWords; ++j) acc = __dp4a(xs[ty][j], ws[j][tx], acc);
    __syncthreads();
  }
  const int64_t row = row0 + ty, col = col0 + tx;
  if (row >= rows) return;
  if (col < n) {
    const float y = act_value(act, __fmaf_rn(float(acc), scale[col], bias[col]), alpha);
    if (out_q) out_q[row * out_pad + col] = int8_t(max(-127, min(127, __float2int_rn(__fdiv_rn(y, out_scale)))));
    else out[row * n + col] = y;
  } else if (out_q && col < out_pad) {
    out_q[row * out_pad + col] = 0;
  }
}

}  // namespace

void int8_dense(const Int8DenseArgs& a) {
  if (a.rows == 0) return;
  const int64_t cols = a.out_q && a.out_pad > a.n ? a.out_pad : a.n;
  // Row tiles on x (up to 2^31 - 1 blocks), column tiles on y (up to 65535).
  const dim3 grid(unsigned((a.rows + kTile - 1) / kTile), unsigned((cols + kTile - 1) / kTile));
  const dim3 block(kTile, kTile);
  int8_dense_kernel<<<grid, block>>>(reinterpret_cast<const int*>(a.x), reinterpret_cast<const int*>(a.w), a.scale, a.bias, a.rows, a.k_pad / 4, a.n,
                                     a.n_pad, a.act, a.alpha, a.out, a.out_q, a.out_pad, a.out_scale);
  check_launch("int8_dense");
}

}  // namespace studio::cuda
