// Tiled single-precision GEMM used by dense and fused dense: C (+)= op(A) op(B), row-major.
#pragma once
#include <cstdint>

namespace studio::cuda {

/** C[M,N] = (accumulate ? C : 0) + op(A)[M,K] op(B)[K,N]; ta/tb transpose the stored A/B. */
void gemm(bool ta, bool tb, int64_t M, int64_t N, int64_t K, const float* A, const float* B, float* C, bool accumulate);

}  // namespace studio::cuda
