// Gradient-boosted trees: split gains against a brute-force reference, monotone constraints on a grid,
// TreeSHAP against the sum rule and a brute-force Shapley computation, determinism, the model file,
// cancellation, early stopping and every typed error.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>

#include "../src/core/errors.h"
#include "../src/core/philox.h"
#include "../src/core/thread-pool.h"
#include "../src/gbm/gbm.h"
#include "test.h"

using namespace studio;
using namespace studio::gbm;

namespace {

constexpr int kCols = 5;

struct Data {
  std::vector<float> x, y;
  int64_t rows() const { return int64_t(y.size()); }
  TrainData set() const { return {x.data(), y.data(), rows()}; }
};

/** x0 raises the risk, x1 lowers it, x2 is U-shaped, x3 has 15% missing, x4 is a category code 0..5. */
Data make_data(int64_t rows, uint64_t seed) {
  Data d;
  PhiloxStream rng(seed, 11);
  const double cat_effect[6] = {-1.0, 0.8, 0.0, 1.5, -0.4, 0.3};
  for (int64_t r = 0; r < rows; ++r) {
    float x[kCols];
    for (int j = 0; j < 4; ++j) x[j] = rng.uniform() * 4 - 2;
    x[4] = float(rng.below(6));
    double z = -0.5 + 1.2 * x[0] - 0.9 * x[1] + 0.6 * (x[2] * x[2] - 1.3) + cat_effect[int(x[4])];
    if (rng.uniform() < 0.15f) x[3] = NAN;
    else z += 0.5 * x[3];
    d.x.insert(d.x.end(), x, x + kCols);
    d.y.push_back(rng.uniform() < 1 / (1 + std::exp(-z)) ? 1.0f : 0.0f);
  }
  return d;
}

GbmOptions small_options() {
  GbmOptions o;
  o.trees = 20;
  o.max_leaves = 8;
  o.min_samples_leaf = 5;
  o.learning_rate = 0.3;
  o.categorical = {0, 0, 0, 0, 1};
  o.seed = 7;
  return o;
}

ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const EngineError& e) {
    return e.code;
  }
  return ErrorCode::Internal;  // no error is a failure for every caller
}

// ---- brute-force Shapley values with the path-dependent (cover-weighted) expectation ----------------

double cond_expectation(const Tree& t, int node, const float* sv, unsigned subset) {
  if (t.left[size_t(node)] < 0) return t.value[size_t(node)];
  const int f = t.feature[size_t(node)];
  if (subset & (1u << f)) {
    const float v = sv[f];
    const bool left = std::isnan(v) ? t.default_left[size_t(node)] != 0 : v <= t.threshold[size_t(node)];
    return cond_expectation(t, left ? t.left[size_t(node)] : t.right[size_t(node)], sv, subset);
  }
  const double c = t.cover[size_t(node)];
  return t.cover[size_t(t.left[size_t(node)])] / c * cond_expectation(t, t.left[size_t(node)], sv, subset) +
         t.cover[size_t(t.right[size_t(node)])] / c * cond_expectation(t, t.right[size_t(node)], sv, subset);
}

std::vector<double> brute_shap(const GbmModel& m, const float* row) {
  const int M = m.cols;
  std::vector<float> sv(static_cast<size_t>(M));
  for (int f = 0; f < M; ++f) sv[size_t(f)] = split_value(m.features[size_t(f)], row[f]);
  std::vector<double> fact(size_t(M + 1), 1);
  for (int i = 1; i <= M; ++i) fact[size_t(i)] = fact[size_t(i - 1)] * i;
  std::vector<double> phi(size_t(M + 1), 0);
  auto value = [&](unsigned s) {
    double v = m.base_score;
    for (const Tree& t : m.trees) v += cond_expectation(t, 0, sv.data(), s);
    return v;
  };
  for (int i = 0; i < M; ++i)
    for (unsigned s = 0; s < (1u << M); ++s) {
      if (s & (1u << i)) continue;
      const int size = __builtin_popcount(s);
      const double w = fact[size_t(size)] * fact[size_t(M - size - 1)] / fact[size_t(M)];
      phi[size_t(i)] += w * (value(s | (1u << i)) - value(s));
    }
  phi[size_t(M)] = value(0);
  return phi;
}

}  // namespace

TEST(gbm_split_gain_matches_reference) {
  // One stump (two leaves) on data with few distinct values: every value has its own bin, so the
  // engine must find exactly the best threshold of a brute-force scan, with missing rows tried both ways.
  PhiloxStream rng(5, 1);
  const int64_t n = 400;
  std::vector<float> x(size_t(n) * 2), y(static_cast<size_t>(n));
  for (int64_t r = 0; r < n; ++r) {
    x[size_t(r * 2)] = float(rng.below(12));
    x[size_t(r * 2 + 1)] = rng.uniform() < 0.2f ? NAN : float(rng.below(7));
    const double z = (x[size_t(r * 2)] > 6 ? 1.0 : -0.5) + (std::isnan(x[size_t(r * 2 + 1)]) ? 1.2 : 0.1 * x[size_t(r * 2 + 1)]);
    y[size_t(r)] = rng.uniform() < 1 / (1 + std::exp(-z)) ? 1.0f : 0.0f;
  }
  GbmOptions o;
  o.trees = 1;
  o.max_leaves = 2;
  o.min_samples_leaf = 1;
  o.min_hessian_leaf = 0;
  o.learning_rate = 1;
  o.l2 = 1.5;
  o.l1 = 0.3;
  const GbmModel m = train({x.data(), y.data(), n}, nullptr, 2, o, nullptr, nullptr, nullptr);
  // Reference in plain loops.
  double pos = 0;
  for (float v : y) pos += v;
  const double base = std::log(pos / (n - pos));
  CHECK_NEAR(m.base_score, base, 1e-12);
  const double p = 1 / (1 + std::exp(-base));
  auto thl1 = [&](double g) { return g > o.l1 ? g - o.l1 : g < -o.l1 ? g + o.l1 : 0.0; };
  auto sc = [&](double g, double h) { return thl1(g) * thl1(g) / (h + o.l2); };
  double G = 0, H = 0;
  for (int64_t r = 0; r < n; ++r) {
    G += float(p - y[size_t(r)]);
    H += float(p * (1 - p));
  }
  double best = -1, best_thr = 0;
  int best_f = -1;
  for (int f = 0; f < 2; ++f)
    for (int thr = 0; thr < 12; ++thr)
      for (int miss_left = 0; miss_left < 2; ++miss_left) {
        double gl = 0, hl = 0;
        int64_t nl = 0;
        for (int64_t r = 0; r < n; ++r) {
          const float v = x[size_t(r * 2 + f)];
          if (std::isnan(v) ? miss_left == 1 : v <= float(thr)) {
            gl += float(p - y[size_t(r)]);
            hl += float(p * (1 - p));
            ++nl;
          }
        }
        if (nl == 0 || nl == n) continue;
        const double gain = sc(gl, hl) + sc(G - gl, H - hl) - sc(G, H);
        if (gain > best + 1e-9) {
          best = gain;
          best_f = f;
          best_thr = thr;
        }
      }
  CHECK(m.trees.size() == 1);
  const Tree& t = m.trees[0];
  CHECK(t.size() == 3);
  CHECK(t.feature[0] == best_f);
  CHECK_NEAR(t.gain[0], best, 1e-6 * std::max(1.0, best));
  // The threshold lies between best_thr and the next value.
  CHECK(t.threshold[0] >= float(best_thr) && t.threshold[0] < float(best_thr + 1));
  // Leaf values: -thl1(G) / (H + l2) on each side.
  double gl = 0, hl = 0;
  for (int64_t r = 0; r < n; ++r) {
    const float v = x[size_t(r * 2 + best_f)];
    const bool left = std::isnan(v) ? t.default_left[0] != 0 : v <= t.threshold[0];
    if (left) {
      gl += float(p - y[size_t(r)]);
      hl += float(p * (1 - p));
    }
  }
  CHECK_NEAR(t.value[size_t(t.left[0])], -thl1(gl) / (hl + o.l2), 1e-9);
  CHECK_NEAR(t.value[size_t(t.right[0])], -thl1(G - gl) / (H - hl + o.l2), 1e-9);
  CHECK_NEAR(t.cover[0], H, 1e-6);
}

TEST(gbm_learns_and_predicts_consistently) {
  const Data d = make_data(4000, 1), v = make_data(2000, 2);
  GbmOptions o = small_options();
  o.trees = 60;
  o.learning_rate = 0.1;
  o.max_leaves = 15;
  const TrainData vs = v.set();
  ThreadPool pool(2);
  const GbmModel m = train(d.set(), &vs, kCols, o, nullptr, nullptr, &pool);
  CHECK(m.trees.size() == 60);
  CHECK(m.history.size() == 60);
  CHECK(m.history.back().valid_auc > 0.8);
  CHECK(m.history.back().train_loss < m.history.front().train_loss);
  std::vector<double> batch(size_t(v.rows()));
  predict_raw(m, v.x.data(), v.rows(), batch.data(), &pool);
  for (int64_t r = 0; r < v.rows(); r += 37) CHECK(batch[size_t(r)] == predict_raw_one(m, v.x.data() + r * kCols));
}

TEST(gbm_monotone_constraints_hold_on_a_grid) {
  const Data d = make_data(3000, 3);
  GbmOptions o = small_options();
  o.trees = 40;
  o.max_leaves = 16;
  o.monotone = {1, -1, 1, -1, 0};  // x2 is U-shaped and x3 rises: both constraints bind against the data
  const GbmModel m = train(d.set(), nullptr, kCols, o, nullptr, nullptr, nullptr);
  // Every cut of every constrained feature plus the points between, from 30 base rows.
  int violations = 0, checks = 0;
  for (int f = 0; f < 4; ++f) {
    std::vector<float> grid = {-5.0f, 5.0f};
    for (float c : m.features[size_t(f)].cuts) {
      grid.push_back(c);
      grid.push_back(std::nextafter(c, 10.0f));
    }
    for (int k = 0; k <= 80; ++k) grid.push_back(-2.0f + 4.0f * float(k) / 80);
    std::sort(grid.begin(), grid.end());
    for (int64_t r = 0; r < 30; ++r) {
      std::vector<float> row(d.x.begin() + r * kCols, d.x.begin() + (r + 1) * kCols);
      double prev = -INFINITY * o.monotone[size_t(f)];
      for (float g : grid) {
        row[size_t(f)] = g;
        const double s = predict_raw_one(m, row.data());
        ++checks;
        if (o.monotone[size_t(f)] > 0 ? s < prev : s > prev) ++violations;
        prev = s;
      }
    }
  }
  CHECK(checks > 1000);
  CHECK(violations == 0);
  // The constraint changed the model: without it x2's U-shape is learned.
  GbmOptions free = o;
  free.monotone.clear();
  const GbmModel u = train(d.set(), nullptr, kCols, free, nullptr, nullptr, nullptr);
  std::vector<float> row(d.x.begin(), d.x.begin() + kCols);
  row[2] = -1.9f;
  const double lo = predict_raw_one(u, row.data());
  row[2] = 0.0f;
  CHECK(predict_raw_one(u, row.data()) < lo);
}

TEST(gbm_shap_sums_to_raw_and_matches_brute_force) {
  const Data d = make_data(2000, 4);
  GbmOptions o = small_options();
  o.trees = 6;
  o.max_leaves = 10;
  o.max_depth = 5;
  const GbmModel m = train(d.set(), nullptr, kCols, o, nullptr, nullptr, nullptr);
  const Data probe = make_data(40, 9);
  std::vector<double> batch(size_t(probe.rows() * (kCols + 1)));
  ThreadPool pool(2);
  shap(m, probe.x.data(), probe.rows(), batch.data(), &pool);
  double worst_sum = 0, worst_brute = 0;
  for (int64_t r = 0; r < probe.rows(); ++r) {
    const float* row = probe.x.data() + r * kCols;
    std::vector<double> one(kCols + 1);
    shap_one(m, row, one.data());
    double sum = 0;
    for (int j = 0; j <= kCols; ++j) {
      sum += one[size_t(j)];
      CHECK(one[size_t(j)] == batch[size_t(r * (kCols + 1) + j)]);
    }
    worst_sum = std::max(worst_sum, std::abs(sum - predict_raw_one(m, row)));
    const std::vector<double> ref = brute_shap(m, row);
    for (int j = 0; j <= kCols; ++j) worst_brute = std::max(worst_brute, std::abs(ref[size_t(j)] - one[size_t(j)]));
  }
  CHECK(worst_sum < 1e-6);
  CHECK(worst_brute < 1e-9);
  // A row with the missing value and an unseen category.
  float odd[kCols] = {0.5f, -0.3f, 1.0f, NAN, 17.0f};
  std::vector<double> one(kCols + 1);
  shap_one(m, odd, one.data());
  const std::vector<double> ref = brute_shap(m, odd);
  double s = 0;
  for (int j = 0; j <= kCols; ++j) {
    s += one[size_t(j)];
    CHECK_NEAR(one[size_t(j)], ref[size_t(j)], 1e-9);
  }
  CHECK_NEAR(s, predict_raw_one(m, odd), 1e-6);
}

// The fast TreeSHAP (Gauss–Legendre integral form, O(nodes × G) per tree) on wide, deep leaf-wise trees with
// features split repeatedly on one path, against Algorithm 2 and, on 12 columns, brute force; with 40 columns
// the paths have up to 32 distinct features (every quadrature size) and deeper ones use the reference.
TEST(gbm_fast_shap_matches_reference_on_deep_wide_trees) {
  for (const int cols : {12, 40}) {
    Data d;
    PhiloxStream rng(uint64_t(cols), 3);
    const int64_t rows = 6000;
    for (int64_t r = 0; r < rows; ++r) {
      double z = 0;
      for (int j = 0; j < cols; ++j) {
        float v = rng.uniform() * 2 - 1;
        if (j % 7 == 3 && rng.uniform() < 0.1f) v = NAN;
        else z += std::sin(3.0 * v * (1 + j % 3)) * (j < 6 ? 1.0 : 0.4);
        d.x.push_back(v);
      }
      d.y.push_back(rng.uniform() < 1 / (1 + std::exp(-z)) ? 1.0f : 0.0f);
    }
    GbmOptions o;
    o.trees = cols == 12 ? 4 : 12;
    o.max_leaves = cols == 12 ? 24 : 200;
    o.min_samples_leaf = 2;
    o.min_hessian_leaf = 0;
    o.learning_rate = 0.3;
    o.seed = 1;
    const GbmModel m = train(d.set(), nullptr, cols, o, nullptr, nullptr, nullptr);
    const std::vector<int> points = shap_quadrature_points(m);
    std::printf("      %d columns: quadrature points per tree:", cols);
    for (const int g : points) std::printf(" %d", g);
    std::printf("\n");
    double worst_ref = 0, worst_sum = 0, worst_brute = 0;
    std::vector<double> fast(size_t(cols + 1)), ref(size_t(cols + 1));
    for (int64_t r = 0; r < 60; ++r) {
      const float* row = d.x.data() + r * cols;
      const double raw = explain_one(m, row, fast.data());
      CHECK(raw == predict_raw_one(m, row));
      shap_one_reference(m, row, ref.data());
      double sum = 0;
      for (int j = 0; j <= cols; ++j) {
        sum += fast[size_t(j)];
        worst_ref = std::max(worst_ref, std::abs(fast[size_t(j)] - ref[size_t(j)]));
      }
      worst_sum = std::max(worst_sum, std::abs(sum - raw));
      if (cols == 12 && r < 5) {
        const std::vector<double> brute = brute_shap(m, row);
        for (int j = 0; j <= cols; ++j) worst_brute = std::max(worst_brute, std::abs(brute[size_t(j)] - fast[size_t(j)]));
      }
    }
    CHECK(worst_ref < 1e-9);
    CHECK(worst_sum < 1e-6);
    CHECK(worst_brute < 1e-9);
  }
}

/** A tree with a long spine (features mostly distinct, some repeated) and small random side subtrees. */
Tree spine_tree(PhiloxStream& rng, int cols, int spine) {
  Tree t;
  std::vector<int> perm(static_cast<size_t>(cols));
  for (int j = 0; j < cols; ++j) perm[size_t(j)] = j;
  for (int j = cols - 1; j > 0; --j) std::swap(perm[size_t(j)], perm[size_t(rng.below(uint64_t(j + 1)))]);
  std::vector<int> used;
  int next = 0;
  std::function<int(int, int, double)> add = [&](int depth, int side, double cover) {
    const int i = t.size();
    const bool leaf = side < 0 ? depth >= spine : depth >= side;
    int f = -1;
    if (!leaf) {
      if (side >= 0 || (!used.empty() && rng.uniform() < 0.2f)) f = used.empty() ? perm[0] : used[size_t(rng.below(used.size()))];
      else f = perm[size_t(next++ % cols)];
      used.push_back(f);
    }
    t.feature.push_back(f);
    t.threshold.push_back(leaf ? 0.0f : rng.uniform() * 2 - 1);
    t.default_left.push_back(rng.uniform() < 0.5f);
    t.left.push_back(-1);
    t.right.push_back(-1);
    t.value.push_back(leaf ? rng.uniform() - 0.5 : 0.0);
    t.cover.push_back(cover);
    t.gain.push_back(0);
    if (!leaf) {
      const double u = 0.05 + 0.9 * rng.uniform();
      const bool spine_left = rng.uniform() < 0.5f;
      const int l = add(depth + 1, side >= 0 || !spine_left ? (side >= 0 ? side : depth + 1 + int(rng.below(3))) : -1, cover * u);
      t.left[size_t(i)] = l;
      const int r = add(depth + 1, side >= 0 || spine_left ? (side >= 0 ? side : depth + 1 + int(rng.below(3))) : -1, cover * (1 - u));
      t.right[size_t(i)] = r;
    }
    return i;
  };
  add(0, -1, 1000.0);
  return t;
}

// Hand-built trees whose paths have 6 to 40 distinct features: every quadrature size (4, 8, 12, 16) and the
// fallback to Algorithm 2 (> 32), against the reference on rows with missing values.
TEST(gbm_fast_shap_matches_reference_on_long_paths) {
  constexpr int cols = 40;
  PhiloxStream rng(5, 17);
  GbmModel m;
  m.cols = cols;
  m.base_score = -0.7;
  m.features.resize(cols);
  for (const int spine : {6, 12, 18, 26, 31, 40, 45, 2, 1})
    for (int k = 0; k < 2; ++k) m.trees.push_back(spine_tree(rng, cols, spine));
  m.best_iteration = int(m.trees.size());
  finalize(m);
  const std::vector<int> points = shap_quadrature_points(m);
  for (const int g : {0, 4, 8, 12, 16}) CHECK(std::count(points.begin(), points.end(), g) > 0);
  std::vector<double> fast(cols + 1), ref(cols + 1), other(cols + 1);
  double worst_ref = 0, worst_sum = 0, worst_isa = 0;
  const std::string isa = shap_isa();
  for (int r = 0; r < 200; ++r) {
    float row[cols];
    for (float& v : row) v = rng.uniform() < 0.1f ? NAN : rng.uniform() * 2 - 1;
    const double raw = explain_one(m, row, fast.data());
    shap_one_reference(m, row, ref.data());
    double sum = 0;
    for (int j = 0; j <= cols; ++j) {
      sum += fast[size_t(j)];
      worst_ref = std::max(worst_ref, std::abs(fast[size_t(j)] - ref[size_t(j)]));
    }
    worst_sum = std::max(worst_sum, std::abs(sum - raw));
    // The other kernel (AVX2 / AVX-512) on the same row: same arithmetic per lane, so the same values.
    shap_isa(isa == "avx512" ? "avx2" : "avx512");
    explain_one(m, row, other.data());
    shap_isa(isa.c_str());
    for (int j = 0; j <= cols; ++j) worst_isa = std::max(worst_isa, std::abs(other[size_t(j)] - fast[size_t(j)]));
  }
  std::printf("      %s kernel: max |fast - reference| = %.2e, max |sum - raw| = %.2e, max |avx2 - avx512| = %.2e\n", isa.c_str(),
              worst_ref, worst_sum, worst_isa);
  CHECK(worst_isa < 1e-12);
  CHECK(worst_ref < 1e-9);
  CHECK(worst_sum < 1e-6);
}

TEST(gbm_is_deterministic_for_seed_and_threads) {
  const Data d = make_data(30000, 5);
  GbmOptions o = small_options();
  o.row_subsample = 0.7;
  o.col_subsample = 0.6;
  o.trees = 10;
  ThreadPool a(2), b(2);
  const auto m1 = save(train(d.set(), nullptr, kCols, o, nullptr, nullptr, &a));
  const auto m2 = save(train(d.set(), nullptr, kCols, o, nullptr, nullptr, &b));
  CHECK(m1 == m2);
  o.seed = 8;
  const auto m3 = save(train(d.set(), nullptr, kCols, o, nullptr, nullptr, &a));
  CHECK(m1 != m3);
}

TEST(gbm_model_file_round_trip_and_corruption) {
  const Data d = make_data(1500, 6);
  GbmOptions o = small_options();
  const GbmModel m = train(d.set(), nullptr, kCols, o, nullptr, nullptr, nullptr);
  const std::vector<uint8_t> bytes = save(m);
  const GbmModel l = load(bytes.data(), bytes.size());
  CHECK(save(l) == bytes);
  for (int64_t r = 0; r < 100; ++r) CHECK(predict_raw_one(l, d.x.data() + r * kCols) == predict_raw_one(m, d.x.data() + r * kCols));
  std::vector<uint8_t> bad = bytes;
  bad[bad.size() / 2] ^= 0x10;
  CHECK(code_of([&] { load(bad.data(), bad.size()); }) == ErrorCode::BadModelFile);
  bad = bytes;
  bad.resize(bad.size() - 9);
  CHECK(code_of([&] { load(bad.data(), bad.size()); }) == ErrorCode::BadModelFile);
  CHECK(code_of([&] { load(bytes.data(), 10); }) == ErrorCode::BadModelFile);
}

TEST(gbm_cancellation_stops_training) {
  const Data d = make_data(2000, 7);
  GbmOptions o = small_options();
  o.trees = 500;
  std::atomic<bool> cancel{false};
  int seen = 0;
  auto progress = [&](const GbmProgress& p) {
    seen = p.trees;
    if (p.trees == 3) cancel = true;
  };
  CHECK(code_of([&] { train(d.set(), nullptr, kCols, o, progress, &cancel, nullptr); }) == ErrorCode::Cancelled);
  CHECK(seen == 3);
}

TEST(gbm_early_stopping_keeps_the_best_iteration) {
  const Data d = make_data(1500, 8), v = make_data(1500, 9);
  GbmOptions o = small_options();
  o.trees = 400;
  o.learning_rate = 0.8;  // overfits quickly
  o.max_leaves = 31;
  o.min_samples_leaf = 1;
  o.early_stopping = 2;
  o.patience = 8;
  const TrainData vs = v.set();
  const GbmModel m = train(d.set(), &vs, kCols, o, nullptr, nullptr, nullptr);
  CHECK(m.history.size() < 400);
  CHECK(int(m.trees.size()) == m.best_iteration);
  CHECK(int(m.history.size()) == m.best_iteration + o.patience);
  double best = INFINITY;
  int best_at = 0;
  for (const GbmProgress& p : m.history)
    if (p.valid_loss < best) {
      best = p.valid_loss;
      best_at = p.trees;
    }
  CHECK(best_at == m.best_iteration);
  // The kept model reproduces the best validation loss.
  double s = 0;
  for (int64_t r = 0; r < v.rows(); ++r) {
    const double z = predict_raw_one(m, v.x.data() + r * kCols);
    s += v.y[size_t(r)] == 1 ? std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
  }
  CHECK_NEAR(s / double(v.rows()), best, 1e-9);
}

TEST(gbm_categorical_ranks_follow_the_target_rate) {
  const Data d = make_data(6000, 10);
  GbmOptions o = small_options();
  o.trees = 1;
  const GbmModel m = train(d.set(), nullptr, kCols, o, nullptr, nullptr, nullptr);
  const FeatureMap& fm = m.features[4];
  CHECK(fm.categorical);
  CHECK(fm.rank.size() == 6);
  // cat_effect = {-1.0, 0.8, 0.0, 1.5, -0.4, 0.3}: code 0 is the lowest rate, code 3 the highest.
  CHECK(fm.rank[0] == 0);
  CHECK(fm.rank[3] == 5);
  CHECK(std::isnan(split_value(fm, 6.0f)) && std::isnan(split_value(fm, 2.5f)) && split_value(fm, 3.0f) == 5.0f);
}

TEST(gbm_typed_errors) {
  Data d = make_data(200, 11);
  const GbmOptions o = small_options();
  auto run = [&](const Data& data, const GbmOptions& opts) { train(data.set(), nullptr, kCols, opts, nullptr, nullptr, nullptr); };
  Data nan_label = d;
  nan_label.y[17] = NAN;
  CHECK(code_of([&] { run(nan_label, o); }) == ErrorCode::BadTarget);
  Data single = d;
  std::fill(single.y.begin(), single.y.end(), 1.0f);
  CHECK(code_of([&] { run(single, o); }) == ErrorCode::SingleClass);
  CHECK(code_of([&] { train({d.x.data(), d.y.data(), 0}, nullptr, kCols, o, nullptr, nullptr, nullptr); }) == ErrorCode::EmptyDataset);
  Data many = d;
  for (int64_t r = 0; r < many.rows(); ++r) many.x[size_t(r * kCols + 4)] = float(r);  // 200 codes: fine
  CHECK(code_of([&] { run(many, o); }) == ErrorCode::Internal);
  many = make_data(300, 12);
  for (int64_t r = 0; r < many.rows(); ++r) many.x[size_t(r * kCols + 4)] = float(r);  // 300 codes
  CHECK(code_of([&] { run(many, o); }) == ErrorCode::BadInput);
  Data frac = d;
  frac.x[4] = 1.5f;
  CHECK(code_of([&] { run(frac, o); }) == ErrorCode::BadInput);
  GbmOptions bad = o;
  bad.learning_rate = 0;
  CHECK(code_of([&] { run(d, bad); }) == ErrorCode::BadOption);
  bad = o;
  bad.trees = 0;
  CHECK(code_of([&] { run(d, bad); }) == ErrorCode::BadOption);
  bad = o;
  bad.monotone = {0, 0, 0, 0, 1};
  CHECK(code_of([&] { run(d, bad); }) == ErrorCode::BadOption);
  bad = o;
  bad.monotone = {1, 0};
  CHECK(code_of([&] { run(d, bad); }) == ErrorCode::ShapeMismatch);
  bad = o;
  bad.max_bins = 256;
  CHECK(code_of([&] { run(d, bad); }) == ErrorCode::BadOption);
  bad = o;
  bad.early_stopping = 1;
  CHECK(code_of([&] { run(d, bad); }) == ErrorCode::BadOption);  // no validation set
}

TEST(gbm_class_weights_and_subsampling) {
  const Data d = make_data(3000, 13);
  GbmOptions o = small_options();
  o.trees = 15;
  o.neg_weight = 0.5;
  o.pos_weight = 3.0;
  const GbmModel m = train(d.set(), nullptr, kCols, o, nullptr, nullptr, nullptr);
  double pos = 0;
  for (float v : d.y) pos += v;
  CHECK_NEAR(m.base_score, std::log(3.0 * pos / (0.5 * (double(d.rows()) - pos))), 1e-12);
  // Up-weighting defaults raises every prediction against the unweighted model.
  const GbmModel u = train(d.set(), nullptr, kCols, small_options(), nullptr, nullptr, nullptr);
  double mw = 0, mu = 0;
  for (int64_t r = 0; r < 200; ++r) {
    mw += predict_raw_one(m, d.x.data() + r * kCols);
    mu += predict_raw_one(u, d.x.data() + r * kCols);
  }
  CHECK(mw > mu + 200 * 1.0);
  // Column subsampling: with one column per tree, every tree splits on a single feature.
  o = small_options();
  o.col_subsample = 0.2;
  const GbmModel c = train(d.set(), nullptr, kCols, o, nullptr, nullptr, nullptr);
  std::vector<int> used(kCols, 0);
  for (const Tree& t : c.trees) {
    int feature = -1;
    for (int i = 0; i < t.size(); ++i)
      if (t.left[size_t(i)] >= 0) {
        CHECK(feature < 0 || t.feature[size_t(i)] == feature);
        feature = t.feature[size_t(i)];
      }
    if (feature >= 0) used[size_t(feature)] = 1;
  }
  CHECK(std::count(used.begin(), used.end(), 1) >= 3);
  // Row subsampling: the root cover is the hessian of about half the rows.
  o = small_options();
  o.row_subsample = 0.5;
  const GbmModel s = train(d.set(), nullptr, kCols, o, nullptr, nullptr, nullptr);
  const GbmModel full = train(d.set(), nullptr, kCols, small_options(), nullptr, nullptr, nullptr);
  CHECK(s.trees[0].cover[0] > 0.4 * full.trees[0].cover[0] && s.trees[0].cover[0] < 0.6 * full.trees[0].cover[0]);
}
