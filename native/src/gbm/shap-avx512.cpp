// The fast exact TreeSHAP's kernel with AVX-512 (8 doubles per register) for G = 8 and 16 points, picked at
// run time when the CPU has AVX-512F (predict.cpp; STUDIO_GBM_SHAP_ISA=avx2 forces the AVX2 kernel). The same
// arithmetic as predict.cpp's tree_shap_fast, in the same order per lane, so both give the same values.
#include <immintrin.h>

#include <cmath>
#include <cstddef>

#include "shap-plan.h"

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)
#elif defined(__GNUC__)
#pragma GCC target("avx512f")
#endif

namespace studio::gbm::avx512 {

namespace {

template <int G>
void kernel(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot) {
  const int n = int(p.nodes.size()) - 1;
  if (n == 1) return;  // a lone leaf's value is all in the expected value
  const Quadrature& q = quadrature(G);
  const PlanNode* __restrict nd = p.nodes.data();
  const double* __restrict inv_hot = p.inv_hot.data();
  constexpr int V = G / 8;  // AVX-512 registers per G-vector
  __m512d t[V], omt[V], inv_omt[V];
  for (int v = 0; v < V; ++v) {
    t[v] = _mm512_loadu_pd(q.t + 8 * v);
    omt[v] = _mm512_loadu_pd(q.omt + 8 * v);
    inv_omt[v] = _mm512_loadu_pd(q.inv_omt + 8 * v);
  }
  for (int v = 0; v < V; ++v) _mm512_storeu_pd(buf + 8 * v, _mm512_set1_pd(1.0));
  hot[0] = 1;
  hot[n] = 1;
  // Down: the product of the path's factors (z (1 − t) + p t per distinct feature) at the quadrature points,
  // times the leaf value at a leaf. A repeated feature divides out its ancestor edge's factor.
  for (const int32_t i : p.internal) {
    const PlanNode& ni = nd[i];
    const float x = sv[ni.feature];
    const bool go_left = std::isnan(x) ? ni.default_left != 0 : x <= ni.threshold;
    const double* bi = buf + size_t(i) * G;
    for (int side = 0; side < 2; ++side) {
      const int c = side == 0 ? ni.left : ni.right;
      const PlanNode& nc = nd[c];
      const int pv = nc.prev;
      const double hp = hot[pv];
      const double h = ((side == 0) == go_left) ? hp : 0.0;
      hot[c] = h;
      const __m512d zc = _mm512_set1_pd(nc.z), hv = _mm512_set1_pd(h), hpv = _mm512_set1_pd(hp);
      const __m512d cold_inv = _mm512_set1_pd((1 - hp) * nd[pv].inv_z), sc = _mm512_set1_pd(nc.scale);
      const double* ih = inv_hot + size_t(pv) * G;
      double* bc = buf + size_t(c) * G;
      for (int v = 0; v < V; ++v) {
        const __m512d a = _mm512_fmadd_pd(zc, omt[v], _mm512_mul_pd(hv, t[v]));
        const __m512d b = _mm512_fmadd_pd(hpv, _mm512_loadu_pd(ih + 8 * v), _mm512_mul_pd(cold_inv, inv_omt[v]));
        _mm512_storeu_pd(bc + 8 * v, _mm512_mul_pd(_mm512_mul_pd(_mm512_loadu_pd(bi + 8 * v), sc), _mm512_mul_pd(a, b)));
      }
    }
  }
  // Up: leaf-value-weighted sums per subtree; each edge adds its feature's share, and an edge that repeats a
  // feature removes the share its ancestor edge counted for this subtree.
  for (size_t j = p.internal.size(); j-- > 0;) {
    const int i = p.internal[j];
    const PlanNode& ni = nd[i];
    for (const int c : {ni.left, ni.right}) {
      const PlanNode& nc = nd[c];
      const int pv = nc.prev;
      const double hc = hot[c], hp = hot[pv];
      const __m512d c_own = _mm512_set1_pd(hc * (1 - nc.z)), c_prev = _mm512_set1_pd(nc.has_prev * hp * (1 - nd[pv].z));
      const __m512d c_cold = _mm512_set1_pd(nc.has_prev * (1 - hp) - (1 - hc));
      const double* ihc = inv_hot + size_t(c) * G;
      const double* ihp = inv_hot + size_t(pv) * G;
      const double* bc = buf + size_t(c) * G;
      double* a = acc + size_t(nc.split) * G;
      for (int v = 0; v < V; ++v) {
        __m512d coef = _mm512_mul_pd(c_cold, inv_omt[v]);
        coef = _mm512_fmadd_pd(c_own, _mm512_loadu_pd(ihc + 8 * v), coef);
        coef = _mm512_fnmadd_pd(c_prev, _mm512_loadu_pd(ihp + 8 * v), coef);
        _mm512_storeu_pd(a + 8 * v, _mm512_fmadd_pd(_mm512_loadu_pd(bc + 8 * v), coef, _mm512_loadu_pd(a + 8 * v)));
      }
    }
    double* bi = buf + size_t(i) * G;
    const double* bl = buf + size_t(ni.left) * G;
    const double* br = buf + size_t(ni.right) * G;
    for (int v = 0; v < V; ++v) _mm512_storeu_pd(bi + 8 * v, _mm512_add_pd(_mm512_loadu_pd(bl + 8 * v), _mm512_loadu_pd(br + 8 * v)));
  }
}

}  // namespace

void tree_shap_fast8(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot) { kernel<8>(p, sv, acc, buf, hot); }
void tree_shap_fast16(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot) { kernel<16>(p, sv, acc, buf, hot); }

}  // namespace studio::gbm::avx512

#if defined(__clang__)
#pragma clang attribute pop
#endif
