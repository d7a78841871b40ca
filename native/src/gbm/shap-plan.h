// The fast exact TreeSHAP's per-tree plan (predict.cpp builds it; the kernel of shap-kernel.h reads it): shared
// by its AVX2 instance in predict.cpp and its AVX-512 one in shap-avx512.cpp. Internal to native/src/gbm.
#pragma once
#include <cstdint>
#include <vector>

namespace studio::gbm {

constexpr int kMaxPoints = 16;

/** Gauss–Legendre quadrature on [0, 1] with g points, and the derived per-point constants. */
struct Quadrature {
  alignas(32) double t[kMaxPoints], omt[kMaxPoints], w[kMaxPoints], inv_omt[kMaxPoints];
};

/** The quadrature with g points (4, 8, 12 or 16). */
const Quadrature& quadrature(int g);

/** One node as the fast TreeSHAP reads it: its split, and the edge into it. */
struct PlanNode {
  int32_t left = -1, right = -1;  // children (−1 for a leaf)
  int32_t feature = 0;            // this node's split feature
  float threshold = 0;            // go left when value <= threshold
  int32_t split = 0;              // the feature of the edge into this node (its parent's split)
  int32_t prev = 0;               // the nearest ancestor reached by an edge on the same feature, or the sentinel
  uint8_t default_left = 0;
  double z = 1;                   // the merged zero fraction of `split` on the path so far
  double inv_z = 1;               // 1 / z
  double scale = 1;               // the leaf value for a leaf, 1 for an internal node
  double has_prev = 0;            // 1 when `prev` is a real ancestor, 0 for the sentinel
};

/**
 * One tree for the fast TreeSHAP. Node n (one past the last) is a sentinel "ancestor" of every first split on a
 * feature: always hot, with a hot factor of 1, so that the kernel runs without branches on the tree's shape.
 */
struct PlanTree {
  int g = 0;                       // quadrature points (4, 8, 12 or 16); 0 = use the reference algorithm
  std::vector<PlanNode> nodes;     // n + 1 (with the sentinel)
  std::vector<int32_t> internal;   // the internal nodes, ascending
  std::vector<double> inv_hot;     // (n + 1) × g: 1 / (z (1 − t) + t), the hot factor's reciprocal (1 for the sentinel)
};

struct ShapPlan {
  std::vector<PlanTree> trees;
  double expected = 0;
  int max_nodes = 1;
};

namespace avx512 {
/** The AVX-512 kernels for G = 8 and 16 (shap-avx512.cpp); same contract as tree_shap_fast in predict.cpp. */
void tree_shap_fast8(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot);
void tree_shap_fast16(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot);
}  // namespace avx512

}  // namespace studio::gbm
