// Prediction and exact path-dependent TreeSHAP.
//
// The fast path (shap_one, shap, explain_one) uses the integral form of path-dependent TreeSHAP: a leaf l with
// value v and distinct path features F gives feature i ∈ F
//     v · (p_i − z_i) · ∫₀¹ Π_{j ∈ F, j ≠ i} (z_j (1 − t) + p_j t) dt,
// where z_j is the product of the cover fractions of j's splits on the path and p_j is 1 when the row takes
// every one of them. The integrand is a polynomial of degree |F| − 1, so Gauss–Legendre quadrature with
// G ≥ |F|/2 points is exact. As in Linear TreeSHAP (Yu et al. 2022) each tree is then two passes over its nodes
// with G-vectors: down, the product of the path's factors at the quadrature points; up, the leaf-value-weighted
// sums of those products over each subtree, from which every edge adds its feature's share. A feature split
// again lower on a path replaces its factor: the lower edge takes over its subtree and removes the share the
// higher edge counted for it (cold edges below cold edges cancel exactly and are skipped). Cost: O(nodes × G)
// per tree instead of Algorithm 2's O(leaves × depth²). Trees with more than 32 distinct features on a path fall
// back to Algorithm 2 (Lundberg, Erion & Lee 2018), which stays here as the reference.
#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "../core/thread-pool.h"
#include "gbm.h"
#include "shap-kernel.h"
#include "shap-plan.h"

namespace studio::gbm {

int Tree::depth() const {
  if (feature.empty()) return 0;
  std::vector<int> d(feature.size(), 0);
  int best = 0;
  for (int i = 0; i < size(); ++i) {  // children always have larger indices than their parent
    if (left[i] >= 0) {
      d[size_t(left[i])] = d[size_t(i)] + 1;
      d[size_t(right[i])] = d[size_t(i)] + 1;
    }
    best = std::max(best, d[size_t(i)]);
  }
  return best;
}

float split_value(const FeatureMap& fm, float v) {
  // ±Infinity compares like ±FLT_MAX, so the "known left, missing right" split (threshold FLT_MAX) keeps +Inf left.
  if (!fm.categorical) return std::clamp(v, -std::numeric_limits<float>::max(), std::numeric_limits<float>::max());
  if (!(v >= 0) || v >= float(fm.rank.size()) || v != std::floor(v)) return NAN;
  const int32_t r = fm.rank[size_t(v)];
  return r < 0 ? NAN : float(r);
}

namespace {

/** The child a row takes at internal node i, given the split values of its features. */
inline int next_node(const Tree& t, int i, float v) {
  if (std::isnan(v)) return t.default_left[size_t(i)] ? t.left[size_t(i)] : t.right[size_t(i)];
  return v <= t.threshold[size_t(i)] ? t.left[size_t(i)] : t.right[size_t(i)];
}

void split_values(const GbmModel& m, const float* row, float* sv) {
  for (int f = 0; f < m.cols; ++f) sv[f] = split_value(m.features[size_t(f)], row[f]);
}

double raw_from_split_values(const GbmModel& m, const float* sv) {
  double s = m.base_score;
  for (const Tree& t : m.trees) {
    int i = 0;
    while (t.left[size_t(i)] >= 0) i = next_node(t, i, sv[t.feature[size_t(i)]]);
    s += t.value[size_t(i)];
  }
  return s;
}

double tree_expectation(const Tree& t, int i) {
  if (t.left[size_t(i)] < 0) return t.value[size_t(i)];
  const int l = t.left[size_t(i)], r = t.right[size_t(i)];
  const double c = t.cover[size_t(i)];
  const double fl = c > 0 ? t.cover[size_t(l)] / c : 0.5, fr = c > 0 ? t.cover[size_t(r)] / c : 0.5;
  return fl * tree_expectation(t, l) + fr * tree_expectation(t, r);
}

// ---- TreeSHAP ----------------------------------------------------------------------------------

struct PathElement {
  int feature;
  double zero_fraction;  // fraction of the "feature absent" paths that flow through
  double one_fraction;   // 1 when x follows this branch, else 0
  double pweight;        // permutation weight
};

// Reciprocals of small integers: the path updates below divide by depth-derived integers in their inner
// loops; multiplying by a table entry instead is several times cheaper (results agree to rounding).
struct Reciprocals {
  double v[256];
  Reciprocals() {
    v[0] = 0;
    for (int k = 1; k < 256; ++k) v[k] = 1.0 / k;
  }
};
const Reciprocals kRecip;
inline double inv(int k) { return k < 256 ? kRecip.v[k] : 1.0 / k; }

void extend_path(PathElement* path, int depth, double zero_fraction, double one_fraction, int feature) {
  path[depth] = {feature, zero_fraction, one_fraction, depth == 0 ? 1.0 : 0.0};
  const double r = inv(depth + 1);
  for (int i = depth - 1; i >= 0; --i) {
    path[i + 1].pweight += one_fraction * path[i].pweight * (i + 1) * r;
    path[i].pweight = zero_fraction * path[i].pweight * (depth - i) * r;
  }
}

void unwind_path(PathElement* path, int depth, int index) {
  const double one = path[index].one_fraction, zero = path[index].zero_fraction;
  const double r = inv(depth + 1);
  double next_one_portion = path[depth].pweight;
  if (one != 0) {
    const double inv_one = 1 / one;
    for (int i = depth - 1; i >= 0; --i) {
      const double tmp = path[i].pweight;
      path[i].pweight = next_one_portion * (depth + 1) * inv(i + 1) * inv_one;
      next_one_portion = tmp - path[i].pweight * zero * (depth - i) * r;
    }
  } else {
    const double inv_zero = 1 / zero;
    for (int i = depth - 1; i >= 0; --i) path[i].pweight = path[i].pweight * (depth + 1) * inv_zero * inv(depth - i);
  }
  for (int i = index; i < depth; ++i) {
    path[i].feature = path[i + 1].feature;
    path[i].zero_fraction = path[i + 1].zero_fraction;
    path[i].one_fraction = path[i + 1].one_fraction;
  }
}

/** Σ of the permutation weights after unwinding element `index` (without modifying the path). */
double unwound_path_sum(const PathElement* path, int depth, int index) {
  const double one = path[index].one_fraction, zero = path[index].zero_fraction;
  const double r = inv(depth + 1);
  double total = 0;
  if (one != 0) {
    const double inv_one = 1 / one;
    double next_one_portion = path[depth].pweight;
    for (int i = depth - 1; i >= 0; --i) {
      const double tmp = next_one_portion * (depth + 1) * inv(i + 1) * inv_one;
      total += tmp;
      next_one_portion = path[i].pweight - tmp * zero * (depth - i) * r;
    }
  } else if (zero != 0) {
    const double inv_zero = 1 / zero;
    for (int i = depth - 1; i >= 0; --i) total += path[i].pweight * inv_zero * (depth + 1) * inv(depth - i);
  }
  return total;
}

void tree_shap(const Tree& t, const float* sv, double* phi, int node, PathElement* parent_path, int depth, double zero_fraction,
               double one_fraction, int feature) {
  // Each level works on its own copy of the path, placed after the parent's in one buffer.
  PathElement* path = parent_path + depth;
  std::copy(parent_path, parent_path + depth, path);
  extend_path(path, depth, zero_fraction, one_fraction, feature);
  if (t.left[size_t(node)] < 0) {
    const double v = t.value[size_t(node)];
    for (int i = 1; i <= depth; ++i) {
      const double w = unwound_path_sum(path, depth, i);
      phi[path[i].feature] += w * (path[i].one_fraction - path[i].zero_fraction) * v;
    }
    return;
  }
  const int f = t.feature[size_t(node)];
  const int hot = next_node(t, node, sv[f]);
  const int cold = hot == t.left[size_t(node)] ? t.right[size_t(node)] : t.left[size_t(node)];
  const double c = t.cover[size_t(node)];
  const double hot_zero = c > 0 ? t.cover[size_t(hot)] / c : 0.5, cold_zero = c > 0 ? t.cover[size_t(cold)] / c : 0.5;
  double incoming_zero = 1, incoming_one = 1;
  int k = 0;
  for (; k <= depth; ++k)
    if (path[k].feature == f) break;
  if (k != depth + 1) {  // the feature was split on higher up: undo that element and merge its fractions
    incoming_zero = path[k].zero_fraction;
    incoming_one = path[k].one_fraction;
    unwind_path(path, depth, k);
    --depth;
  }
  tree_shap(t, sv, phi, hot, path, depth + 1, hot_zero * incoming_zero, incoming_one, f);
  tree_shap(t, sv, phi, cold, path, depth + 1, cold_zero * incoming_zero, 0, f);
}

int max_depth(const GbmModel& m) {
  int d = 0;
  for (const Tree& t : m.trees) d = std::max(d, t.depth());
  return d;
}

/** SHAP of one row given its split values; `path` holds (D+2)(D+3)/2 elements. */
void shap_row(const GbmModel& m, const float* sv, double* out, PathElement* path, double expected) {
  std::fill(out, out + m.cols + 1, 0.0);
  for (const Tree& t : m.trees) tree_shap(t, sv, out, 0, path, 0, 1, 1, -1);
  out[m.cols] = expected;
}

size_t path_len(const GbmModel& m) {
  const size_t d = size_t(max_depth(m)) + 2;
  return d * (d + 1) / 2 + 1;
}

}  // namespace

namespace {

// ---- the fast exact TreeSHAP ------------------------------------------------------------------------

Quadrature make_quadrature(int g) {
  Quadrature q{};
  const long double pi = 3.14159265358979323846264338327950288L;
  for (int i = 0; i < g; ++i) {
    long double x = std::cos(pi * (i + 0.75L) / (g + 0.5L)), dp = 1;
    for (int it = 0; it < 100; ++it) {
      long double p0 = 1, p1 = x;
      for (int k = 2; k <= g; ++k) {
        const long double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = g * (x * p1 - p0) / (x * x - 1);
      const long double dx = p1 / dp;
      x -= dx;
      if (std::abs(dx) < 1e-19L) break;
    }
    const long double wt = 2 / ((1 - x * x) * dp * dp);
    q.t[i] = double((x + 1) / 2);
    q.omt[i] = double((1 - x) / 2);
    q.w[i] = double(wt / 2);
    q.inv_omt[i] = double(1 / ((1 - x) / 2));  // 1 / (1 − t): the cold edge's share needs no division by z
  }
  return q;
}

}  // namespace

const Quadrature& quadrature(int g) {
  static const Quadrature q[4] = {make_quadrature(4), make_quadrature(8), make_quadrature(12), make_quadrature(16)};
  return q[g / 4 - 1];
}

namespace {

std::shared_ptr<const ShapPlan> build_plan(const GbmModel& m) {
  auto plan = std::make_shared<ShapPlan>();
  plan->expected = m.base_score;
  plan->trees.resize(m.trees.size());
  for (size_t ti = 0; ti < m.trees.size(); ++ti) {
    const Tree& t = m.trees[ti];
    PlanTree& p = plan->trees[ti];
    plan->expected += tree_expectation(t, 0);
    const int n = t.size();
    plan->max_nodes = std::max(plan->max_nodes, n);
    std::vector<int32_t> parent(size_t(n), -1), unique(size_t(n), 0);
    std::vector<PlanNode>& nd = p.nodes;
    nd.assign(size_t(n) + 1, PlanNode{});
    const int sentinel = n;
    nd[size_t(sentinel)].prev = sentinel;
    nd[0].prev = sentinel;
    int d_max = 0;
    bool zero_cover = false;
    for (int i = 0; i < n; ++i) {
      PlanNode& ni = nd[size_t(i)];
      const int l = t.left[size_t(i)];
      if (l < 0) {
        ni.scale = t.value[size_t(i)];
        d_max = std::max(d_max, unique[size_t(i)]);
        continue;
      }
      p.internal.push_back(i);
      ni.left = l;
      ni.right = t.right[size_t(i)];
      ni.feature = t.feature[size_t(i)];
      ni.threshold = t.threshold[size_t(i)];
      ni.default_left = t.default_left[size_t(i)];
      const int f = ni.feature;
      const double c = t.cover[size_t(i)];
      for (const int ch : {ni.left, ni.right}) {
        PlanNode& nc = nd[size_t(ch)];
        parent[size_t(ch)] = i;
        nc.split = f;
        const double ratio = c > 0 ? t.cover[size_t(ch)] / c : 0.5;
        int a = i;
        while (a > 0 && nd[size_t(a)].split != f) a = parent[size_t(a)];
        const bool has_prev = a > 0;
        nc.prev = has_prev ? a : sentinel;
        nc.has_prev = has_prev ? 1 : 0;
        nc.z = ratio * (has_prev ? nd[size_t(a)].z : 1.0);
        nc.inv_z = 1 / nc.z;
        zero_cover = zero_cover || !(nc.z > 0) || !std::isfinite(nc.inv_z);
        unique[size_t(ch)] = unique[size_t(i)] + (has_prev ? 0 : 1);
      }
    }
    const int need = (d_max + 1) / 2;  // points for a polynomial of degree d_max − 1
    // A zero cover fraction would put 0 · ∞ in the branch-free kernel: such trees take the reference path.
    p.g = need > kMaxPoints || zero_cover ? 0 : std::max(4, (need + 3) / 4 * 4);
    if (p.g == 0) continue;
    const Quadrature& q = quadrature(p.g);
    p.inv_hot.assign((size_t(n) + 1) * size_t(p.g), 1.0);
    for (int i = 1; i < n; ++i)
      for (int k = 0; k < p.g; ++k) p.inv_hot[size_t(i) * size_t(p.g) + size_t(k)] = 1 / (nd[size_t(i)].z * q.omt[k] + q.t[k]);
  }
  return plan;
}

/** AVX2 + FMA (this file's ISA, -march=x86-64-v3) for the shared TreeSHAP kernel (shap-kernel.h). */
struct Avx2 {
  using V = __m256d;
  static constexpr int kWidth = 4;
  static V load_aligned(const double* p) { return _mm256_load_pd(p); }
  static V load(const double* p) { return _mm256_loadu_pd(p); }
  static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
  static V set1(double x) { return _mm256_set1_pd(x); }
  static V add(V a, V b) { return _mm256_add_pd(a, b); }
  static V mul(V a, V b) { return _mm256_mul_pd(a, b); }
  static V fmadd(V a, V b, V c) { return _mm256_fmadd_pd(a, b, c); }
  static V fnmadd(V a, V b, V c) { return _mm256_fnmadd_pd(a, b, c); }
};

template <int G>
void tree_shap_fast(const PlanTree& p, const float* sv, double* acc, double* buf, double* hot) {
  tree_shap_kernel<Avx2, G>(p, sv, acc, buf, hot);
}

std::atomic<int> g_isa{-1};  // -1 = not decided, 0 = AVX2, 1 = AVX-512

bool use_avx512() {
  int isa = g_isa.load(std::memory_order_relaxed);
  if (isa < 0) {
    const char* env = std::getenv("STUDIO_GBM_SHAP_ISA");
    isa = (env == nullptr || std::strcmp(env, "avx2") != 0) && __builtin_cpu_supports("avx512f") ? 1 : 0;
    g_isa.store(isa, std::memory_order_relaxed);
  }
  return isa == 1;
}

/** Thread-local scratch: split values, the node buffer and flags, and Algorithm 2's path. */
struct Scratch {
  std::vector<float> sv;
  std::vector<double> buf;
  std::vector<double> acc;  // cols × G per quadrature size, at offsets cols × {0, 4, 12, 24}
  std::vector<double> hot;
  std::vector<PathElement> path;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

/** SHAP of one row from its split values into out[cols + 1]. */
void shap_from_split_values(const GbmModel& m, const ShapPlan& plan, const float* sv, double* out, Scratch& s) {
  std::fill(out, out + m.cols + 1, 0.0);
  const size_t need = (size_t(plan.max_nodes) + 1) * kMaxPoints;
  if (s.buf.size() < need) s.buf.resize(need);
  if (s.hot.size() < size_t(plan.max_nodes) + 1) s.hot.resize(size_t(plan.max_nodes) + 1);
  const size_t cols = size_t(m.cols);
  if (s.acc.size() < cols * 40) s.acc.resize(cols * 40);
  auto offset = [cols](int g) { return cols * size_t(g == 4 ? 0 : g == 8 ? 4 : g == 12 ? 12 : 24); };
  unsigned used = 0;  // bit g/4 − 1 per quadrature size in use
  for (const PlanTree& p : plan.trees)
    if (p.g > 0) used |= 1u << (p.g / 4 - 1);
  for (int g = 4; g <= kMaxPoints; g += 4)
    if (used & (1u << (g / 4 - 1))) std::fill_n(s.acc.data() + offset(g), cols * size_t(g), 0.0);
  for (size_t ti = 0; ti < m.trees.size(); ++ti) {
    const Tree& t = m.trees[ti];
    const PlanTree& p = plan.trees[ti];
    switch (p.g) {
      case 4:
        tree_shap_fast<4>(p, sv, s.acc.data() + offset(4), s.buf.data(), s.hot.data());
        break;
      case 8:
        if (use_avx512())
          avx512::tree_shap_fast8(p, sv, s.acc.data() + offset(8), s.buf.data(), s.hot.data());
        else
          tree_shap_fast<8>(p, sv, s.acc.data() + offset(8), s.buf.data(), s.hot.data());
        break;
      case 12:
        tree_shap_fast<12>(p, sv, s.acc.data() + offset(12), s.buf.data(), s.hot.data());
        break;
      case 16:
        if (use_avx512())
          avx512::tree_shap_fast16(p, sv, s.acc.data() + offset(16), s.buf.data(), s.hot.data());
        else
          tree_shap_fast<16>(p, sv, s.acc.data() + offset(16), s.buf.data(), s.hot.data());
        break;
      default: {
        const size_t d = size_t(t.depth()) + 2;
        if (s.path.size() < d * (d + 1) / 2 + 1) s.path.resize(d * (d + 1) / 2 + 1);
        tree_shap(t, sv, out, 0, s.path.data(), 0, 1, 1, -1);
      }
    }
  }
  for (int g = 4; g <= kMaxPoints; g += 4) {
    if (!(used & (1u << (g / 4 - 1)))) continue;
    const Quadrature& q = quadrature(g);
    const double* a = s.acc.data() + offset(g);
    for (size_t f = 0; f < cols; ++f) {
      double v = 0;
      for (int k = 0; k < g; ++k) v += q.w[k] * a[f * size_t(g) + size_t(k)];
      out[f] += v;
    }
  }
  out[m.cols] = plan.expected;
}

/** The model's plan, or a fresh one (held by `keep`) when the model was not finalized. */
const ShapPlan& plan_of(const GbmModel& m, std::shared_ptr<const ShapPlan>& keep) {
  if (m.shap_plan && m.shap_plan->trees.size() == m.trees.size()) return *m.shap_plan;
  keep = build_plan(m);
  return *keep;
}

float* split_values_into(const GbmModel& m, const float* row, Scratch& s) {
  if (s.sv.size() < size_t(m.cols)) s.sv.resize(size_t(m.cols));
  split_values(m, row, s.sv.data());
  return s.sv.data();
}

}  // namespace

void finalize(GbmModel& m) { m.shap_plan = build_plan(m); }

double predict_raw_one(const GbmModel& m, const float* row) {
  return raw_from_split_values(m, split_values_into(m, row, scratch()));
}

void predict_raw(const GbmModel& m, const float* x, int64_t rows, double* out, ThreadPool* pool) {
  parallel_for(pool, rows, 256, [&](int64_t b, int64_t e, unsigned) {
    Scratch& s = scratch();
    for (int64_t r = b; r < e; ++r) out[r] = raw_from_split_values(m, split_values_into(m, x + r * m.cols, s));
  });
}

double expected_value(const GbmModel& m) {
  if (m.shap_plan && m.shap_plan->trees.size() == m.trees.size()) return m.shap_plan->expected;
  double e = m.base_score;
  for (const Tree& t : m.trees) e += tree_expectation(t, 0);
  return e;
}

void shap_one(const GbmModel& m, const float* row, double* out) {
  std::shared_ptr<const ShapPlan> keep;
  const ShapPlan& plan = plan_of(m, keep);
  Scratch& s = scratch();
  shap_from_split_values(m, plan, split_values_into(m, row, s), out, s);
}

double explain_one(const GbmModel& m, const float* row, double* out) {
  std::shared_ptr<const ShapPlan> keep;
  const ShapPlan& plan = plan_of(m, keep);
  Scratch& s = scratch();
  const float* sv = split_values_into(m, row, s);
  shap_from_split_values(m, plan, sv, out, s);
  return raw_from_split_values(m, sv);
}

void shap(const GbmModel& m, const float* x, int64_t rows, double* out, ThreadPool* pool) {
  std::shared_ptr<const ShapPlan> keep;
  const ShapPlan& plan = plan_of(m, keep);
  parallel_for(pool, rows, 16, [&](int64_t b, int64_t e, unsigned) {
    Scratch& s = scratch();
    for (int64_t r = b; r < e; ++r)
      shap_from_split_values(m, plan, split_values_into(m, x + r * m.cols, s), out + r * (m.cols + 1), s);
  });
}

const char* shap_isa(const char* force) {
  if (force != nullptr) g_isa.store(std::strcmp(force, "avx512") == 0 && __builtin_cpu_supports("avx512f") ? 1 : 0);
  return use_avx512() ? "avx512" : "avx2";
}

std::vector<int> shap_quadrature_points(const GbmModel& m) {
  std::shared_ptr<const ShapPlan> keep;
  const ShapPlan& plan = plan_of(m, keep);
  std::vector<int> g;
  for (const PlanTree& p : plan.trees) g.push_back(p.g);
  return g;
}

void shap_one_reference(const GbmModel& m, const float* row, double* out) {
  std::vector<float> sv(size_t(m.cols));
  split_values(m, row, sv.data());
  std::vector<PathElement> path(path_len(m));
  shap_row(m, sv.data(), out, path.data(), expected_value(m));
}

void importance(const GbmModel& m, std::vector<double>& gain, std::vector<uint32_t>& splits) {
  gain.assign(size_t(m.cols), 0.0);
  splits.assign(size_t(m.cols), 0);
  for (const Tree& t : m.trees)
    for (int i = 0; i < t.size(); ++i)
      if (t.left[size_t(i)] >= 0) {
        gain[size_t(t.feature[size_t(i)])] += t.gain[size_t(i)];
        ++splits[size_t(t.feature[size_t(i)])];
      }
}

}  // namespace studio::gbm
