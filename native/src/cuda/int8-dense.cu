// INT8 dense on the device: 16x16 output tiles, 32-byte k slices staged in shared memory as int32
// words, four int8 products per __dp4a. The epilogue (dequantize, bias, activation, optional
// requantization with round half to even) matches the CPU kernel; int32 sums are exact on both.
#include <cstdint>

#include "act.cuh"
#include "common.cuh"
#include "int8-dense.cuh"

namespace studio::cuda {

namespace {

constexpr int kTile = 16;
constexpr int kWords = int(kInt8Pad / 4);  // int32 words per k slice

__global__ void int8_dense_kernel(const int* x, const int* w, const float* scale, const float* bias, int64_t rows, int64_t words, int64_t n,
                                  Act act, float alpha, float* out, int8_t* out_q, int64_t out_pad, float out_scale) {
  __shared__ int xs[kTile][kWords];
  __shared__ int ws[kTile][kWords];
  const int ty = threadIdx.y, tx = threadIdx.x;
  const int64_t row = blockIdx.y * int64_t(kTile) + ty, col = blockIdx.x * int64_t(kTile) + tx;
  int acc = 0;
  for (int64_t k = 0; k < words; k += kWords) {
    // Threads 0..7 of each tile row stage the x slice, threads 8..15 the weight slice.
    if (tx < kWords) {
      const int64_t r = blockIdx.y * int64_t(kTile) + ty;
      xs[ty][tx] = r < rows ? x[r * words + k + tx] : 0;
    } else {
      const int64_t c = blockIdx.x * int64_t(kTile) + ty;
      ws[ty][tx - kWords] = c < n ? w[c * words + k + tx - kWords] : 0;
    }
    __syncthreads();
#pragma unroll
    for (int j = 0; j < kWords; ++j) acc = __dp4a(xs[ty][j], ws[tx][j], acc);
    __syncthreads();
  }
  if (row >= rows) return;
  if (col < n) {
    const float y = act_value(act, float(acc) * scale[col] + bias[col], alpha);
    if (out_q) out_q[row * out_pad + col] = int8_t(max(-127, min(127, __float2int_rn(y / out_scale))));
    else out[row * n + col] = y;
  } else if (out_q && col < out_pad) {
    out_q[row * out_pad + col] = 0;
  }
}

}  // namespace

void int8_dense(const Int8DenseArgs& a) {
  if (a.rows == 0) return;
  const int64_t cols = a.out_q ? (a.out_pad > a.n ? a.out_pad : a.n) : a.n;
  const dim3 grid(unsigned((cols + kTile - 1) / kTile), unsigned((a.rows + kTile - 1) / kTile));
  const dim3 block(kTile, kTile);
  int8_dense_kernel<<<grid, block>>>(reinterpret_cast<const int*>(a.x), reinterpret_cast<const int*>(a.w), a.scale, a.bias, a.rows, a.k_pad / 4, a.n,
                                     a.act, a.alpha, a.out, a.out_q, a.out_pad, a.out_scale);
  check_launch("int8_dense");
}

}  // namespace studio::cuda
