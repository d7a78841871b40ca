// The fp32 dense kernels behind cpu/dense.cpp, one set per instruction set: AVX2 (dense-avx2.cpp,
// what every x86-64-v3 CPU runs) and AVX-512 (dense-avx512.cpp), chosen at run time by fp32_isa()
// (simd.h). Both give bitwise identical results: every output is one fused multiply-add per k (per
// b for dW) in ascending order from the same start, with the same epilogue.
#pragma once
#include <cstdint>

#include "../core/view.h"
#include "../ops/op.h"

namespace studio {

class ThreadPool;

namespace cpu {

constexpr int64_t kGradRows = 128;  // row tile of the weight gradient

// Activations whose vector form is an exact select; the others go through act_value per element.
template <Act A>
constexpr bool kVectorAct = A == Act::Identity || A == Act::Relu || A == Act::LeakyRelu;

namespace avx2 {
/** Rows [b0, b1) of out = act(x W + bias) (x: rows x K, W: K x N); pre = x W + bias when non-null;
 *  with `accumulate` the sums start from the current out instead of the bias. */
void gemm_rows(Act act, const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
               bool accumulate, int64_t b0, int64_t b1);
/** The last `cols` (1-7) columns of rows [b, b1) in groups of 8 rows (vectors across rows); returns
 *  the first row not done (fewer than 8 are left). */
int64_t gemm_tail_rows(Act act, int cols, const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out,
                       float alpha, bool accumulate, int64_t b, int64_t b1);
/** dW += x^T dy. */
void weight_grad(const View& x, const View& dy, const View& dw, ThreadPool* pool);
/** Columns [n0, N) of dW += x^T dy for rows k in [k0, k1), vectors along k. */
void weight_grad_cols(const View& x, const View& dy, int64_t n0, int64_t k0, int64_t k1, const View& dw);
/** db += the column sums of dy. */
void bias_grad(const View& dy, const View& db);
}  // namespace avx2

// The same contracts; to be called only when fp32_isa_supported(Fp32Isa::Avx512).
namespace avx512 {
void gemm_rows(Act act, const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
               bool accumulate, int64_t b0, int64_t b1);
void weight_grad(const View& x, const View& dy, const View& dw, ThreadPool* pool);
void bias_grad(const View& dy, const View& db);
}  // namespace avx512

}  // namespace cpu
}  // namespace studio
