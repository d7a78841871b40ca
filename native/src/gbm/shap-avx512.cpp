// The fast exact TreeSHAP's kernel with AVX-512 (8 doubles per register) for G = 8 and 16 points, picked at
// run time when the CPU has AVX-512F (predict.cpp; STUDIO_GBM_SHAP_ISA=avx2 forces the AVX2 kernel). The kernel
// itself is shap-kernel.h's, the one predict.cpp instantiates with AVX2: this translation unit compiles it for
// AVX-512F, so both give the same values (same arithmetic, same order per lane).
#include <immintrin.h>

#include <cmath>
#include <cstddef>

#include "shap-plan.h"

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)
#elif defined(__GNUC__)
#pragma GCC target("avx512f")
#endif

#include "shap-kernel.h"

namespace studio::gbm::avx512 {

namespace {

/** AVX-512F for the shared TreeSHAP kernel. */
struct Avx512 {
  using V = __m512d;
  static constexpr int kWidth = 8;
  static V load_aligned(const double* p) { return _mm512_loadu_pd(p); }
  static V load(const double* p) { return _mm512_loadu_pd(p); }
  static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
  static V set1(double x) { return _mm512_set1_pd(x); }
  static V add(V a, V b) { return _mm512_add_pd(a, b); }
  static V mul(V a, V b) { return _mm512_mul_pd(a, b); }
  static V fmadd(V a, V b, V c) { return _mm512_fmadd_pd(a, b, c); }
  static V fnmadd(V a, V b, V c) { return _mm512_fnmadd_pd(a, b, c); }
};

}  // namespace

void tree_shap_fast8(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot) {
  tree_shap_kernel<Avx512, 8>(p, sv, acc, buf, hot);
}
void tree_shap_fast16(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot) {
  tree_shap_kernel<Avx512, 16>(p, sv, acc, buf, hot);
}

}  // namespace studio::gbm::avx512

#if defined(__clang__)
#pragma clang attribute pop
#endif
