// Prediction and exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2).
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "../core/thread-pool.h"
#include "gbm.h"

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

double predict_raw_one(const GbmModel& m, const float* row) {
  std::vector<float> sv(size_t(m.cols));
  split_values(m, row, sv.data());
  return raw_from_split_values(m, sv.data());
}

void predict_raw(const GbmModel& m, const float* x, int64_t rows, double* out, ThreadPool* pool) {
  parallel_for(pool, rows, 256, [&](int64_t b, int64_t e, unsigned) {
    std::vector<float> sv(size_t(m.cols));
    for (int64_t r = b; r < e; ++r) {
      split_values(m, x + r * m.cols, sv.data());
      out[r] = raw_from_split_values(m, sv.data());
    }
  });
}

double expected_value(const GbmModel& m) {
  double e = m.base_score;
  for (const Tree& t : m.trees) e += tree_expectation(t, 0);
  return e;
}

void shap_one(const GbmModel& m, const float* row, double* out) {
  std::vector<float> sv(size_t(m.cols));
  split_values(m, row, sv.data());
  std::vector<PathElement> path(path_len(m));
  shap_row(m, sv.data(), out, path.data(), expected_value(m));
}

void shap(const GbmModel& m, const float* x, int64_t rows, double* out, ThreadPool* pool) {
  const double expected = expected_value(m);
  const size_t len = path_len(m);
  parallel_for(pool, rows, 16, [&](int64_t b, int64_t e, unsigned) {
    std::vector<float> sv(size_t(m.cols));
    std::vector<PathElement> path(len);
    for (int64_t r = b; r < e; ++r) {
      split_values(m, x + r * m.cols, sv.data());
      shap_row(m, sv.data(), out + r * (m.cols + 1), path.data(), expected);
    }
  });
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
