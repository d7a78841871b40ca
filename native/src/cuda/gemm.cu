// 64x64 output tiles, 16-deep K slices in shared memory, 4x4 outputs per thread (256 threads).
// Small dense layers (tens of units, thousands of rows) are bandwidth-bound; this tiling keeps
// loads coalesced on Turing through Hopper without tensor cores, which would need TF32 and
// break bitwise parity with the CPU twin at our tolerances.
#include "common.cuh"
#include "gemm.cuh"

namespace studio::cuda {

namespace {

constexpr int TM = 64, TN = 64, TK = 16;

__global__ void gemm_kernel(bool ta, bool tb, int64_t M, int64_t N, int64_t K, const float* __restrict__ A, const float* __restrict__ B,
                            float* __restrict__ C, bool accumulate) {
  __shared__ float As[TK][TM + 1];
  __shared__ float Bs[TK][TN + 1];
  const int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
  const int64_t row0 = int64_t(blockIdx.y) * TM, col0 = int64_t(blockIdx.x) * TN;
  float acc[4][4] = {};
  for (int64_t k0 = 0; k0 < K; k0 += TK) {
    for (int i = threadIdx.x; i < TM * TK; i += blockDim.x) {
      const int m = i / TK, k = i % TK;
      const int64_t gm = row0 + m, gk = k0 + k;
      As[k][m] = (gm < M && gk < K) ? (ta ? A[gk * M + gm] : A[gm * K + gk]) : 0.0f;
    }
    for (int i = threadIdx.x; i < TN * TK; i += blockDim.x) {
      const int k = i / TN, n = i % TN;
      const int64_t gk = k0 + k, gn = col0 + n;
      Bs[k][n] = (gk < K && gn < N) ? (tb ? B[gn * K + gk] : B[gk * N + gn]) : 0.0f;
    }
    __syncthreads();
#pragma unroll
    for (int k = 0; k < TK; ++k) {
      float a[4], b[4];
#pragma unroll
      for (int i = 0; i < 4; ++i) {
        a[i] = As[k][ty * 4 + i];
        b[i] = Bs[k][tx * 4 + i];
      }
#pragma unroll
      for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 4; ++i)
#pragma unroll
    for (int j = 0; j < 4; ++j) {
      const int64_t r = row0 + ty * 4 + i, c = col0 + tx * 4 + j;
      if (r < M && c < N) C[r * N + c] = accumulate ? C[r * N + c] + acc[i][j] : acc[i][j];
    }
}

}  // namespace

void gemm(bool ta, bool tb, int64_t M, int64_t N, int64_t K, const float* A, const float* B, float* C, bool accumulate) {
  if (M == 0 || N == 0) return;
  const dim3 grid(unsigned((N + TN - 1) / TN), unsigned((M + TM - 1) / TM));
  gemm_kernel<<<grid, 256>>>(ta, tb, M, N, K, A, B, C, accumulate);
  check_launch("gemm");
}

}  // namespace studio::cuda
