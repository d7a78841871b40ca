// The fast exact TreeSHAP's per-tree kernel, written once for every vector ISA: predict.cpp instantiates it with
// AVX2 (4 doubles per register, G = 4, 8, 12, 16) and shap-avx512.cpp, compiled for AVX-512F, with AVX-512
// (8 doubles per register, G = 8 and 16). `Isa` supplies the register type and its operations:
//     using V; static constexpr int kWidth; load_aligned / load / store / set1 / add / mul / fmadd / fnmadd.
// Both instances do the same arithmetic in the same order per lane, so they give the same values. Internal to
// native/src/gbm; include it after the target ISA is selected (shap-avx512.cpp's target pragma).
#pragma once
#include <cmath>
#include <cstddef>

#include "shap-plan.h"

namespace studio::gbm {

/**
 * Adds one tree's SHAP values of a row (given its split values) to acc, cols × G values per feature at the
 * quadrature points before the weights (Σ_k w_k acc[f][k] is the feature's share: reducing once per row keeps
 * the per-edge work free of horizontal sums); buf holds (nodes + 1) × G, hot one value per node. The hot/cold
 * cases are selected arithmetically (0/1 factors), not by branches, which mispredict on every other node.
 */
template <class Isa, int G>
inline void tree_shap_kernel(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot) {
  using V = typename Isa::V;
  constexpr int W = Isa::kWidth;
  static_assert(G % W == 0, "G must be a whole number of registers");
  const int n = int(p.nodes.size()) - 1;
  if (n == 1) return;  // a lone leaf's value is all in the expected value
  const Quadrature& q = quadrature(G);
  const PlanNode* __restrict nd = p.nodes.data();
  const double* __restrict inv_hot = p.inv_hot.data();
  constexpr int R = G / W;  // registers per G-vector
  V t[R], omt[R], inv_omt[R];
  for (int v = 0; v < R; ++v) {
    t[v] = Isa::load_aligned(q.t + W * v);
    omt[v] = Isa::load_aligned(q.omt + W * v);
    inv_omt[v] = Isa::load_aligned(q.inv_omt + W * v);
  }
  for (int v = 0; v < R; ++v) Isa::store(buf + W * v, Isa::set1(1.0));
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
      const V zc = Isa::set1(nc.z), hv = Isa::set1(h), hpv = Isa::set1(hp);
      const V cold_inv = Isa::set1((1 - hp) * nd[pv].inv_z), sc = Isa::set1(nc.scale);
      const double* ih = inv_hot + size_t(pv) * G;
      double* bc = buf + size_t(c) * G;
      for (int v = 0; v < R; ++v) {
        const V a = Isa::fmadd(zc, omt[v], Isa::mul(hv, t[v]));
        const V b = Isa::fmadd(hpv, Isa::load(ih + W * v), Isa::mul(cold_inv, inv_omt[v]));
        Isa::store(bc + W * v, Isa::mul(Isa::mul(Isa::load(bi + W * v), sc), Isa::mul(a, b)));
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
      const V c_own = Isa::set1(hc * (1 - nc.z)), c_prev = Isa::set1(nc.has_prev * hp * (1 - nd[pv].z));
      const V c_cold = Isa::set1(nc.has_prev * (1 - hp) - (1 - hc));
      const double* ihc = inv_hot + size_t(c) * G;
      const double* ihp = inv_hot + size_t(pv) * G;
      const double* bc = buf + size_t(c) * G;
      double* a = acc + size_t(nc.split) * G;
      for (int v = 0; v < R; ++v) {
        V coef = Isa::mul(c_cold, inv_omt[v]);
        coef = Isa::fmadd(c_own, Isa::load(ihc + W * v), coef);
        coef = Isa::fnmadd(c_prev, Isa::load(ihp + W * v), coef);
        Isa::store(a + W * v, Isa::fmadd(Isa::load(bc + W * v), coef, Isa::load(a + W * v)));
      }
    }
    double* bi = buf + size_t(i) * G;
    const double* bl = buf + size_t(ni.left) * G;
    const double* br = buf + size_t(ni.right) * G;
    for (int v = 0; v < R; ++v) Isa::store(bi + W * v, Isa::add(Isa::load(bl + W * v), Isa::load(br + W * v)));
  }
}

}  // namespace studio::gbm
