// GBM training: quantile/target-ordered binning, leaf-wise growth over histograms with the subtraction
// trick, monotone constraints by bound propagation, early stopping. Work is split into blocks whose
// count depends only on the row count and the thread count, and partial sums are added in block order,
// so a model is bitwise reproducible for a seed and a thread count.
#include <immintrin.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <string>

#include "../core/errors.h"
#include "../core/philox.h"
#include "../core/thread-pool.h"
#include "gbm.h"
#include "hist.h"

namespace studio::gbm {

namespace {

constexpr int kMaxCategoryCode = 1 << 20;
constexpr int64_t kSampleForCuts = 1 << 18;
constexpr int64_t kBlockRows = 16384;

[[noreturn]] void fail(ErrorCode code, const std::string& msg, int64_t row = -1, int64_t col = -1) {
  EngineError e(code, msg);
  e.row = row;
  e.col = col;
  throw e;
}

// ---- options and data checks ------------------------------------------------------------------------

void check_options(const GbmOptions& o, int cols, bool has_valid) {
  auto bad = [](const std::string& m, int64_t col = -1) { fail(ErrorCode::BadOption, m, -1, col); };
  if (!(o.trees >= 1)) bad("trees must be at least 1; got " + std::to_string(o.trees));
  if (!(o.learning_rate > 0) || !std::isfinite(o.learning_rate)) bad("learningRate must be a finite number > 0");
  if (o.max_leaves < 2 || o.max_leaves > 65536) bad("maxLeaves must be in [2, 65536]; got " + std::to_string(o.max_leaves));
  if (o.max_depth < 0) bad("maxDepth must be ≥ 0 (0 = unlimited)");
  if (o.min_samples_leaf < 1) bad("minSamplesLeaf must be ≥ 1");
  if (!(o.min_hessian_leaf >= 0) || !std::isfinite(o.min_hessian_leaf)) bad("minHessianLeaf must be a finite number ≥ 0");
  if (!(o.l1 >= 0) || !(o.l2 >= 0) || !std::isfinite(o.l1) || !std::isfinite(o.l2)) bad("l1 and l2 must be finite numbers ≥ 0");
  if (!(o.row_subsample > 0 && o.row_subsample <= 1)) bad("rowSubsample must be in (0, 1]");
  if (!(o.col_subsample > 0 && o.col_subsample <= 1)) bad("colSubsample must be in (0, 1]");
  if (!(o.neg_weight > 0) || !(o.pos_weight > 0) || !std::isfinite(o.neg_weight) || !std::isfinite(o.pos_weight))
    bad("classWeights must be two finite numbers > 0");
  if (o.max_bins < 2 || o.max_bins > 255) bad("maxBins must be in [2, 255]; got " + std::to_string(o.max_bins));
  if (!o.monotone.empty() && int(o.monotone.size()) != cols)
    fail(ErrorCode::ShapeMismatch, "monotone has " + std::to_string(o.monotone.size()) + " entries for " + std::to_string(cols) + " columns");
  if (!o.categorical.empty() && int(o.categorical.size()) != cols)
    fail(ErrorCode::ShapeMismatch,
         "categorical has " + std::to_string(o.categorical.size()) + " entries for " + std::to_string(cols) + " columns");
  for (int f = 0; f < int(o.monotone.size()); ++f) {
    if (o.monotone[size_t(f)] < -1 || o.monotone[size_t(f)] > 1) bad("monotone[" + std::to_string(f) + "] must be -1, 0 or 1", f);
    if (o.monotone[size_t(f)] != 0 && !o.categorical.empty() && o.categorical[size_t(f)])
      bad("column " + std::to_string(f) + " is categorical and cannot carry a monotone constraint; drop the constraint or treat it as numeric", f);
  }
  if (o.early_stopping < 0 || o.early_stopping > 2) bad("earlyStopping.metric must be 'auc' or 'logloss'");
  if (o.early_stopping != 0 && !has_valid) bad("early stopping needs a validation set; pass `valid` or drop earlyStopping");
  if (o.early_stopping != 0 && o.patience < 1) bad("earlyStopping.patience must be ≥ 1");
  if (o.progress_every < 1) bad("progressEvery must be ≥ 1");
}

void check_labels(const TrainData& d, const char* what, bool need_both) {
  bool seen[2] = {false, false};
  for (int64_t r = 0; r < d.rows; ++r) {
    const float y = d.y[r];
    if (y != 0.0f && y != 1.0f) {
      EngineError e(ErrorCode::BadTarget, std::string(what) + " label at row " + std::to_string(r) + " is " +
                                              (std::isnan(y) ? std::string("NaN") : std::to_string(y)) + "; labels must be 0 or 1");
      e.row = r;
      throw e;
    }
    seen[y == 1.0f] = true;
  }
  if (need_both && !(seen[0] && seen[1]))
    fail(ErrorCode::SingleClass, std::string(what) + " labels have a single class (all " + (seen[1] ? "1" : "0") +
                                     "); boosting needs both 0 and 1");
}

// ---- binning ------------------------------------------------------------------------------------------

FeatureMap fit_numeric(const float* x, int64_t rows, int cols, int f, int max_bins) {
  std::vector<float> v;
  const int64_t take = std::min(rows, kSampleForCuts);
  v.reserve(size_t(take));
  for (int64_t i = 0; i < take; ++i) {
    const int64_t r = rows <= kSampleForCuts ? i : int64_t((__int128(i) * rows) / take);  // even stride, deterministic
    const float val = x[r * cols + f];
    if (!std::isnan(val)) v.push_back(val);
  }
  std::sort(v.begin(), v.end());
  FeatureMap fm;
  if (v.empty()) return fm;  // all missing: one value bin, never split
  std::vector<float> distinct;
  for (float a : v)
    if (distinct.empty() || a != distinct.back()) distinct.push_back(a);
  auto mid = [](float a, float b) {
    const float m = float((double(a) + double(b)) / 2);
    return (m >= b || !std::isfinite(m)) ? a : m;  // a cut must keep a on its left and b on its right
  };
  if (int(distinct.size()) <= max_bins) {
    for (size_t i = 0; i + 1 < distinct.size(); ++i) fm.cuts.push_back(mid(distinct[i], distinct[i + 1]));
    return fm;
  }
  const int64_t n = int64_t(v.size());
  for (int k = 1; k < max_bins; ++k) {
    const int64_t idx = (int64_t(k) * n) / max_bins;  // the first `idx` sorted values fall at or left of the cut
    if (idx <= 0) continue;
    const float lo = v[size_t(idx - 1)];
    auto it = std::upper_bound(distinct.begin(), distinct.end(), lo);
    if (it == distinct.end()) break;
    const float cut = mid(lo, *it);
    if (fm.cuts.empty() || cut > fm.cuts.back()) fm.cuts.push_back(cut);
  }
  return fm;
}

FeatureMap fit_categorical(const TrainData& d, int cols, int f, const GbmOptions& o) {
  std::vector<double> pos, tot;
  std::vector<int64_t> count;
  for (int64_t r = 0; r < d.rows; ++r) {
    const float v = d.x[r * cols + f];
    if (std::isnan(v)) continue;
    if (!(v >= 0) || v != std::floor(v) || v >= float(kMaxCategoryCode)) {
      fail(ErrorCode::BadInput,
           "column " + std::to_string(f) + " is categorical but row " + std::to_string(r) + " holds " + std::to_string(v) +
               "; categorical columns hold integer codes 0.." + std::to_string(kMaxCategoryCode - 1) + " (NaN = missing)",
           r, f);
    }
    const size_t c = size_t(v);
    if (c >= count.size()) {
      count.resize(c + 1, 0);
      pos.resize(c + 1, 0);
      tot.resize(c + 1, 0);
    }
    const double w = d.y[r] == 1.0f ? o.pos_weight : o.neg_weight;
    ++count[c];
    tot[c] += w;
    pos[c] += d.y[r] == 1.0f ? w : 0;
  }
  std::vector<int32_t> codes;
  for (size_t c = 0; c < count.size(); ++c)
    if (count[c] > 0) codes.push_back(int32_t(c));
  if (codes.size() > 255)
    fail(ErrorCode::BadInput,
         "column " + std::to_string(f) + " has " + std::to_string(codes.size()) +
             " distinct categories; at most 255 are supported: group rare categories or treat the column as numeric",
         -1, f);
  // Target-ordered codes: rank by the (lightly smoothed) positive rate, ties by code.
  auto rate = [&](int32_t c) { return (pos[size_t(c)] + 0.5) / (tot[size_t(c)] + 1.0); };
  std::stable_sort(codes.begin(), codes.end(), [&](int32_t a, int32_t b) { return rate(a) < rate(b); });
  FeatureMap fm;
  fm.categorical = true;
  fm.rank.assign(count.size(), -1);
  for (size_t i = 0; i < codes.size(); ++i) fm.rank[size_t(codes[i])] = int32_t(i);
  return fm;
}

/** Bin of a split value: 0 for missing, else 1 + the first cut ≥ v (numeric) or 1 + rank (categorical). */
inline uint8_t bin_of(const FeatureMap& fm, float v) {
  if (fm.categorical) {
    const float s = split_value(fm, v);
    return std::isnan(s) ? 0 : uint8_t(int(s) + 1);
  }
  if (std::isnan(v)) return 0;
  return uint8_t(1 + (std::lower_bound(fm.cuts.begin(), fm.cuts.end(), v) - fm.cuts.begin()));
}

inline int value_bins(const FeatureMap& fm) {
  return fm.categorical ? int(std::count_if(fm.rank.begin(), fm.rank.end(), [](int32_t r) { return r >= 0; }))
                        : int(fm.cuts.size()) + 1;
}

// ---- histogram and split search -----------------------------------------------------------------------

struct Split {
  double gain = -std::numeric_limits<double>::infinity();
  int feature = -1;
  int bin = 0;  // rows with bin in [1, bin] go left
  bool default_left = false;
  double gl = 0, hl = 0, gr = 0, hr = 0;
  int64_t nl = 0, nr = 0;
  double wl = 0, wr = 0;
};

struct Leaf {
  int node = 0;
  int64_t begin = 0, end = 0;  // rows in idx[begin, end)
  double g = 0, h = 0;
  int depth = 0;
  double lower = -std::numeric_limits<double>::infinity(), upper = std::numeric_limits<double>::infinity();
  double w = 0;  // optimal clamped weight (before the learning rate)
  int hist = -1;  // buffer index
  Split best;
};

inline double threshold_l1(double g, double l1) {
  if (g > l1) return g - l1;
  if (g < -l1) return g + l1;
  return 0;
}

struct Trainer {
  const GbmOptions& o;
  int cols;
  int64_t rows;
  ThreadPool* pool;
  unsigned threads;
  std::vector<FeatureMap> fmap;
  std::vector<uint8_t> bins;  // rows x cols
  std::vector<int32_t> offset;  // per feature into a histogram
  std::vector<int> nbins;       // per feature including the missing bin
  int total_bins = 0;
  std::vector<GradPair> grad;
  std::vector<std::vector<HistBin>> hist_pool;
  std::vector<int> hist_free;
  std::vector<std::vector<HistBin>> block_hist;
  std::vector<int32_t> idx, idx_tmp, idx_right;
  std::vector<uint8_t> colbins;  // cols x rows (column-major copy for partitioning)
  struct LeafRange {
    int64_t begin, end;
    double value;
  };
  std::vector<LeafRange> leaf_ranges;  // the last tree's leaves as ranges of idx
  std::vector<uint8_t> feature_on;
  const std::atomic<bool>* cancel;

  Trainer(const GbmOptions& opts, int c, int64_t r, ThreadPool* p, const std::atomic<bool>* cn)
      : o(opts), cols(c), rows(r), pool(p), threads(p ? p->size() : 1), cancel(cn) {}

  void check_cancel() const {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) throw EngineError(ErrorCode::Cancelled, "training was cancelled");
  }

  double leaf_weight(double g, double h, double lo, double hi) const {
    const double den = h + o.l2;
    const double w = den > 0 ? -threshold_l1(g, o.l1) / den : 0.0;
    return std::clamp(w, lo, hi);
  }
  /** Twice the loss reduction of weight w against w = 0 (so Σ_children − parent is the split gain). */
  double score(double g, double h, double w) const { return -(2 * (g * w + o.l1 * std::abs(w)) + (h + o.l2) * w * w); }

  int acquire_hist() {
    if (!hist_free.empty()) {
      const int i = hist_free.back();
      hist_free.pop_back();
      return i;
    }
    hist_pool.emplace_back(size_t(total_bins));
    return int(hist_pool.size()) - 1;
  }
  void release_hist(int i) {
    if (i >= 0) hist_free.push_back(i);
  }

  int blocks_for(int64_t n) const { return int(std::clamp<int64_t>((n + kBlockRows - 1) / kBlockRows, 1, threads)); }

  /** hist = Σ over idx[begin, end) (or rows [0, rows) when all_rows). */
  void build_hist(int64_t begin, int64_t end, bool all_rows, HistBin* out) {
    const int64_t n = end - begin;
    const int nb = blocks_for(n);
    std::fill(out, out + total_bins, HistBin{0, 0, 0, 0});
    if (nb == 1) {
      build_hist_cpu({bins.data(), grad.data(), all_rows ? nullptr : idx.data(), begin, end, cols, offset.data(), out});
      return;
    }
    if (int(block_hist.size()) < nb - 1) block_hist.resize(size_t(nb - 1));
    parallel_for(pool, nb, 1, [&](int64_t b0, int64_t b1, unsigned) {
      for (int64_t b = b0; b < b1; ++b) {
        HistBin* dst = out;
        if (b > 0) {
          auto& buf = block_hist[size_t(b - 1)];
          buf.assign(size_t(total_bins), HistBin{0, 0, 0, 0});
          dst = buf.data();
        }
        const int64_t s = begin + n * b / nb, e = begin + n * (b + 1) / nb;
        build_hist_cpu({bins.data(), grad.data(), all_rows ? nullptr : idx.data(), s, e, cols, offset.data(), dst});
      }
    });
    for (int b = 1; b < nb; ++b) {  // fixed order: bitwise reproducible
      const HistBin* src = block_hist[size_t(b - 1)].data();
      for (int i = 0; i < total_bins; ++i) {
        out[i].g += src[i].g;
        out[i].h += src[i].h;
        out[i].n += src[i].n;
      }
    }
  }

  void find_split(Leaf& leaf, const HistBin* hist) const {
    leaf.best = Split{};
    const int64_t n = leaf.end - leaf.begin;
    if (o.max_depth > 0 && leaf.depth >= o.max_depth) return;
    if (n < 2 * int64_t(o.min_samples_leaf)) return;
    const double parent = score(leaf.g, leaf.h, leaf.w);
    for (int f = 0; f < cols; ++f) {
      if (!feature_on[size_t(f)] || (nbins[size_t(f)] <= 2 && hist[offset[size_t(f)]].n == 0)) continue;
      const int mono = o.monotone.empty() ? 0 : o.monotone[size_t(f)];
      const HistBin* hb = hist + offset[size_t(f)];
      const HistBin miss = hb[0];
      double cg = 0, ch = 0;
      int64_t cn = 0;
      // t = the last value bin splits known values from missing ones (only with missing rows, missing right).
      const int last = nbins[size_t(f)] - 1;
      for (int t = 1; t < last + (miss.n > 0 ? 1 : 0); ++t) {
        cg += hb[t].g;
        ch += hb[t].h;
        cn += int64_t(hb[t].n);
        for (int dl = 0; dl < (miss.n > 0 && t < last ? 2 : 1); ++dl) {
          const double gl = cg + (dl ? miss.g : 0), hl = ch + (dl ? miss.h : 0);
          const int64_t nl = cn + (dl ? int64_t(miss.n) : 0);
          const int64_t nr = n - nl;
          if (nl < o.min_samples_leaf || nr < o.min_samples_leaf) continue;
          const double gr = leaf.g - gl, hr = leaf.h - hl;
          if (hl < o.min_hessian_leaf || hr < o.min_hessian_leaf) continue;
          const double wl = leaf_weight(gl, hl, leaf.lower, leaf.upper), wr = leaf_weight(gr, hr, leaf.lower, leaf.upper);
          if ((mono > 0 && wl > wr) || (mono < 0 && wl < wr)) continue;
          const double gain = score(gl, hl, wl) + score(gr, hr, wr) - parent;
          if (gain > leaf.best.gain) {
            // Without missing rows here, NaN follows the child with more hessian.
            const bool default_left = miss.n > 0 ? dl == 1 : hl >= hr;
            leaf.best = {gain, f, t, default_left, gl, hl, gr, hr, nl, nr, wl, wr};
          }
        }
      }
    }
  }

  /**
   * Stable partition of idx[begin, end) by the split, fused with the histogram of the smaller child into `small_out`
   * (the side with fewer rows by the split's exact counts); returns the first right position. Two parallel regions
   * instead of three: each block scans its rows into left and right lists and adds its small-side rows to its own
   * histogram while they are in cache; then each block copies its lists into place. Block histograms are added in
   * block order, so the result depends only on the row count and the thread count.
   */
  int64_t partition_with_hist(const Leaf& leaf, HistBin* small_out) {
    const Split& s = leaf.best;
    const int64_t n = leaf.end - leaf.begin;
    const int nb = blocks_for(n);
    const bool small_left = s.nl <= s.nr;
    std::vector<int64_t> left_count(static_cast<size_t>(nb), 0);
    const uint8_t* col = colbins.data() + int64_t(s.feature) * rows;
    const uint8_t split_bin = uint8_t(s.bin);
    const bool default_left = s.default_left;
    if (int(block_hist.size()) < nb - 1) block_hist.resize(size_t(nb - 1));
    parallel_for(pool, nb, 1, [&](int64_t b0, int64_t b1, unsigned) {
      for (int64_t b = b0; b < b1; ++b) {
        const int64_t st = leaf.begin + n * b / nb, e = leaf.begin + n * (b + 1) / nb;
        int32_t* lo = idx_tmp.data() + st;
        int32_t* hi = idx_right.data() + st;
        int64_t l = 0, r = 0;
        for (int64_t i = st; i < e; ++i) {
          const int32_t row = idx[size_t(i)];
          const uint8_t bv = col[row];
          const bool left = bv == 0 ? default_left : bv <= split_bin;
          lo[l] = row;
          hi[r] = row;
          l += left;
          r += !left;
        }
        left_count[size_t(b)] = l;
        HistBin* dst = small_out;
        if (b > 0) {
          auto& buf = block_hist[size_t(b - 1)];
          buf.resize(size_t(total_bins));
          dst = buf.data();
        }
        std::fill(dst, dst + total_bins, HistBin{0, 0, 0, 0});
        build_hist_cpu({bins.data(), grad.data(), small_left ? idx_tmp.data() : idx_right.data(), st, st + (small_left ? l : r), cols,
                        offset.data(), dst});
      }
    });
    int64_t total_left = 0;
    for (int b = 0; b < nb; ++b) total_left += left_count[size_t(b)];
    std::vector<int64_t> lpos(static_cast<size_t>(nb)), rpos(static_cast<size_t>(nb));
    int64_t lp = leaf.begin, rp = leaf.begin + total_left;
    for (int b = 0; b < nb; ++b) {
      const int64_t st = leaf.begin + n * b / nb, e = leaf.begin + n * (b + 1) / nb;
      lpos[size_t(b)] = lp;
      rpos[size_t(b)] = rp;
      lp += left_count[size_t(b)];
      rp += (e - st) - left_count[size_t(b)];
    }
    parallel_for(pool, nb, 1, [&](int64_t b0, int64_t b1, unsigned) {
      for (int64_t b = b0; b < b1; ++b) {
        const int64_t st = leaf.begin + n * b / nb, e = leaf.begin + n * (b + 1) / nb;
        const int64_t l = left_count[size_t(b)];
        std::copy(idx_tmp.begin() + st, idx_tmp.begin() + st + l, idx.begin() + lpos[size_t(b)]);
        std::copy(idx_right.begin() + st, idx_right.begin() + st + (e - st - l), idx.begin() + rpos[size_t(b)]);
      }
    });
    for (int b = 1; b < nb; ++b) {  // fixed order: bitwise reproducible
      const HistBin* src = block_hist[size_t(b - 1)].data();
      for (int i = 0; i < total_bins; ++i) {
        small_out[i].g += src[i].g;
        small_out[i].h += src[i].h;
        small_out[i].n += src[i].n;
      }
    }
    return leaf.begin + total_left;
  }

  /** Grows one tree over idx[0, n_sample); `bin_threshold` receives each node's split bin for the score update. */
  Tree grow(int64_t n_sample, bool all_rows, std::vector<int>& bin_threshold) {
    Tree t;
    auto add_node = [&](double cover) {
      t.feature.push_back(-1);
      t.threshold.push_back(0);
      t.default_left.push_back(0);
      t.left.push_back(-1);
      t.right.push_back(-1);
      t.value.push_back(0);
      t.cover.push_back(cover);
      t.gain.push_back(0);
      bin_threshold.push_back(0);
      return int(t.feature.size()) - 1;
    };
    bin_threshold.clear();
    std::vector<Leaf> leaves;
    Leaf root;
    root.begin = 0;
    root.end = n_sample;
    root.hist = acquire_hist();
    build_hist(0, n_sample, all_rows, hist_pool[size_t(root.hist)].data());
    {
      // Totals from the first feature's bins (every row falls in exactly one bin of each feature).
      const HistBin* hb = hist_pool[size_t(root.hist)].data();
      for (int b = 0; b < nbins[0]; ++b) {
        root.g += hb[b].g;
        root.h += hb[b].h;
      }
    }
    root.node = add_node(root.h);
    root.w = leaf_weight(root.g, root.h, root.lower, root.upper);
    find_split(root, hist_pool[size_t(root.hist)].data());
    leaves.push_back(root);
    // `all_rows` only describes the root: children work on the partitioned index.
    if (all_rows) std::iota(idx.begin(), idx.begin() + n_sample, 0);

    while (int(leaves.size()) < o.max_leaves) {
      check_cancel();
      int pick = -1;
      for (int i = 0; i < int(leaves.size()); ++i)
        if (leaves[size_t(i)].best.gain > 0 && (pick < 0 || leaves[size_t(i)].best.gain > leaves[size_t(pick)].best.gain)) pick = i;
      if (pick < 0) break;
      Leaf parent = leaves[size_t(pick)];
      const Split s = parent.best;
      // The smaller child's histogram is built during the partition; the larger one's is the parent's minus it.
      const int small_hist = acquire_hist();
      const int64_t mid = partition_with_hist(parent, hist_pool[size_t(small_hist)].data());
      Leaf l, r;
      l.begin = parent.begin;
      l.end = mid;
      r.begin = mid;
      r.end = parent.end;
      l.g = s.gl;
      l.h = s.hl;
      r.g = s.gr;
      r.h = s.hr;
      l.depth = r.depth = parent.depth + 1;
      l.lower = r.lower = parent.lower;
      l.upper = r.upper = parent.upper;
      const int mono = o.monotone.empty() ? 0 : o.monotone[size_t(s.feature)];
      if (mono != 0) {
        const double m = (s.wl + s.wr) / 2;
        if (mono > 0) {
          l.upper = std::min(l.upper, m);
          r.lower = std::max(r.lower, m);
        } else {
          l.lower = std::max(l.lower, m);
          r.upper = std::min(r.upper, m);
        }
      }
      l.w = leaf_weight(l.g, l.h, l.lower, l.upper);
      r.w = leaf_weight(r.g, r.h, r.lower, r.upper);
      // Node bookkeeping.
      const int pn = parent.node;
      l.node = add_node(l.h);
      r.node = add_node(r.h);
      t.feature[size_t(pn)] = s.feature;
      const FeatureMap& fm = fmap[size_t(s.feature)];
      t.threshold[size_t(pn)] = fm.categorical                           ? float(s.bin - 1)
                                : s.bin - 1 < int(fm.cuts.size()) ? fm.cuts[size_t(s.bin - 1)]
                                                                   : std::numeric_limits<float>::max();  // known values left, missing right
      t.default_left[size_t(pn)] = s.default_left;
      t.left[size_t(pn)] = l.node;
      t.right[size_t(pn)] = r.node;
      t.gain[size_t(pn)] = s.gain;
      bin_threshold[size_t(pn)] = s.bin;
      // Histograms: the smaller child's came with the partition; subtract it from the parent's for the larger.
      const bool left_small = s.nl <= s.nr;
      Leaf& small = left_small ? l : r;
      Leaf& large = left_small ? r : l;
      large.hist = parent.hist;
      small.hist = small_hist;
      HistBin* hs = hist_pool[size_t(small.hist)].data();
      HistBin* hl = hist_pool[size_t(large.hist)].data();
      for (int i = 0; i < total_bins; ++i) {
        hl[i].g -= hs[i].g;
        hl[i].h -= hs[i].h;
        hl[i].n -= hs[i].n;
      }
      find_split(l, hist_pool[size_t(l.hist)].data());
      find_split(r, hist_pool[size_t(r.hist)].data());
      leaves[size_t(pick)] = l;
      leaves.push_back(r);
    }
    leaf_ranges.clear();
    for (const Leaf& lf : leaves) {
      t.value[size_t(lf.node)] = o.learning_rate * lf.w;
      leaf_ranges.push_back({lf.begin, lf.end, t.value[size_t(lf.node)]});
      release_hist(lf.hist);
    }
    return t;
  }
};

double log_loss(double score, float y) {
  // log(1 + e^-s) for y = 1, log(1 + e^s) for y = 0, computed stably.
  const double z = y == 1.0f ? -score : score;
  return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

double auc(const std::vector<double>& s, const float* y, int64_t n) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return s[size_t(a)] < s[size_t(b)]; });
  double pos = 0, neg = 0, rank_sum = 0;
  for (int64_t i = 0; i < n;) {
    int64_t j = i;
    while (j < n && s[size_t(order[size_t(j)])] == s[size_t(order[size_t(i)])]) ++j;
    const double avg_rank = (double(i) + double(j - 1)) / 2 + 1;
    for (int64_t k = i; k < j; ++k) {
      if (y[order[size_t(k)]] == 1.0f) {
        rank_sum += avg_rank;
        ++pos;
      } else {
        ++neg;
      }
    }
    i = j;
  }
  if (pos == 0 || neg == 0) return NAN;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

}  // namespace

void build_hist_cpu(const HistArgs& a) {
  const int cols = a.cols;
  const int32_t* off = a.offset;
  HistBin* out = a.out;
  if (a.index == nullptr) {
    for (int64_t r = a.begin; r < a.end; ++r) {
      const uint8_t* rb = a.bins + r * cols;
      const __m256d v = _mm256_set_pd(0.0, 1.0, double(a.grad[r].h), double(a.grad[r].g));
      for (int f = 0; f < cols; ++f) {
        double* b = &out[off[f] + rb[f]].g;
        _mm256_store_pd(b, _mm256_add_pd(_mm256_load_pd(b), v));
      }
    }
    return;
  }
  // The rows of a node are ascending but scattered: prefetch the bins and gradients of rows ahead.
  constexpr int64_t kAhead = 24;
  for (int64_t i = a.begin; i < a.end; ++i) {
    if (i + kAhead < a.end) {
      const int64_t ahead = a.index[i + kAhead];
      __builtin_prefetch(a.bins + ahead * cols);
      __builtin_prefetch(a.grad + ahead);
    }
    const int64_t r = a.index[i];
    const uint8_t* rb = a.bins + r * cols;
    const __m256d v = _mm256_set_pd(0.0, 1.0, double(a.grad[r].h), double(a.grad[r].g));
    for (int f = 0; f < cols; ++f) {
      double* b = &out[off[f] + rb[f]].g;
      _mm256_store_pd(b, _mm256_add_pd(_mm256_load_pd(b), v));
    }
  }
}

GbmModel train(const TrainData& train, const TrainData* valid, int cols, const GbmOptions& opts, const GbmProgressFn& progress,
               const std::atomic<bool>* cancel, ThreadPool* pool) {
  if (cols < 1) fail(ErrorCode::ShapeMismatch, "the data needs at least one column");
  if (train.rows <= 0) fail(ErrorCode::EmptyDataset, "the training data has no rows");
  if (train.rows > int64_t(std::numeric_limits<int32_t>::max())) fail(ErrorCode::BadInput, "at most 2^31 - 1 training rows are supported");
  if (valid != nullptr && valid->rows <= 0) fail(ErrorCode::EmptyDataset, "the validation data has no rows; pass more rows or drop `valid`");
  check_options(opts, cols, valid != nullptr);
  check_labels(train, "training", true);
  if (valid != nullptr) check_labels(*valid, "validation", opts.early_stopping == 1);

  const auto t0 = std::chrono::steady_clock::now();
  const int64_t n = train.rows;
  Trainer tr(opts, cols, n, pool, cancel);

  // Binning.
  tr.fmap.resize(size_t(cols));
  for (int f = 0; f < cols; ++f) {
    const bool cat = !opts.categorical.empty() && opts.categorical[size_t(f)];
    tr.fmap[size_t(f)] = cat ? fit_categorical(train, cols, f, opts) : fit_numeric(train.x, n, cols, f, opts.max_bins);
  }
  tr.offset.resize(size_t(cols));
  tr.nbins.resize(size_t(cols));
  for (int f = 0; f < cols; ++f) {
    tr.offset[size_t(f)] = tr.total_bins;
    tr.nbins[size_t(f)] = value_bins(tr.fmap[size_t(f)]) + 1;
    tr.total_bins += tr.nbins[size_t(f)];
  }
  tr.bins.resize(size_t(n) * size_t(cols));
  // Numeric cuts padded to 255 with +Inf: a branchless binary search gives lower_bound's position.
  std::vector<std::array<float, 255>> padded(static_cast<size_t>(cols));
  for (int f = 0; f < cols; ++f) {
    padded[size_t(f)].fill(std::numeric_limits<float>::infinity());
    std::copy(tr.fmap[size_t(f)].cuts.begin(), tr.fmap[size_t(f)].cuts.end(), padded[size_t(f)].begin());
  }
  parallel_for(pool, n, 8192, [&](int64_t b, int64_t e, unsigned) {
    for (int64_t r = b; r < e; ++r)
      for (int f = 0; f < cols; ++f) {
        const float v = train.x[r * cols + f];
        const FeatureMap& fm = tr.fmap[size_t(f)];
        if (fm.categorical || std::isnan(v)) {
          tr.bins[size_t(r * cols + f)] = bin_of(fm, v);
          continue;
        }
        const float* c = padded[size_t(f)].data();
        int pos = 0;
        for (int step = 128; step > 0; step >>= 1) pos += c[pos + step - 1] < v ? step : 0;
        tr.bins[size_t(r * cols + f)] = uint8_t(pos + 1);
      }
  });
  tr.colbins.resize(size_t(n) * size_t(cols));
  parallel_for(pool, cols, 1, [&](int64_t f0, int64_t f1, unsigned) {
    for (int64_t f = f0; f < f1; ++f)
      for (int64_t r = 0; r < n; ++r) tr.colbins[size_t(f * n + r)] = tr.bins[size_t(r * cols + f)];
  });
  tr.check_cancel();

  // Initial score: weighted log-odds of the positive class.
  std::vector<float> w(static_cast<size_t>(n));
  double wpos = 0, wneg = 0;
  for (int64_t r = 0; r < n; ++r) {
    const bool p = train.y[r] == 1.0f;
    w[size_t(r)] = float(p ? opts.pos_weight : opts.neg_weight);
    (p ? wpos : wneg) += w[size_t(r)];
  }
  GbmModel model;
  model.cols = cols;
  model.base_score = std::log(wpos / wneg);
  model.features = tr.fmap;

  std::vector<double> score(size_t(n), model.base_score);
  std::vector<double> vscore;
  std::vector<float> vsplit;  // validation split values, rows x cols
  if (valid != nullptr) {
    vscore.assign(size_t(valid->rows), model.base_score);
    vsplit.resize(size_t(valid->rows) * size_t(cols));
    for (int64_t r = 0; r < valid->rows; ++r)
      for (int f = 0; f < cols; ++f) vsplit[size_t(r * cols + f)] = split_value(tr.fmap[size_t(f)], valid->x[r * cols + f]);
  }
  tr.grad.resize(size_t(n));
  tr.idx.resize(size_t(n));
  tr.idx_tmp.resize(size_t(n));
  tr.idx_right.resize(size_t(n));
  tr.feature_on.assign(size_t(cols), 1);

  const bool early = opts.early_stopping != 0;
  double best_metric = NAN;
  int best_trees = 0;
  std::vector<int> bin_threshold;
  for (int it = 0; it < opts.trees; ++it) {
    tr.check_cancel();
    // Gradients of the class-weighted log-loss.
    parallel_for(pool, n, 8192, [&](int64_t b, int64_t e, unsigned) {
      for (int64_t r = b; r < e; ++r) {
        const double p = 1 / (1 + std::exp(-score[size_t(r)]));
        const double wr = w[size_t(r)];
        tr.grad[size_t(r)] = {float(wr * (p - train.y[r])), float(wr * p * (1 - p))};
      }
    });
    // Row subsample (Bernoulli per row from the seed and tree) and column subsample (seeded shuffle).
    int64_t n_sample = n;
    const bool all_rows = opts.row_subsample >= 1;
    if (!all_rows) {
      n_sample = 0;
      for (int64_t r = 0; r < n; ++r)
        if (philox_uniform(opts.seed, 0x6B6D0001u, uint64_t(it), uint64_t(r)) < float(opts.row_subsample)) tr.idx[size_t(n_sample++)] = int32_t(r);
      if (n_sample == 0) tr.idx[size_t(n_sample++)] = 0;
    }
    if (opts.col_subsample < 1) {
      const int k = std::max(1, int(std::lround(opts.col_subsample * cols)));
      std::vector<int> perm(static_cast<size_t>(cols));
      std::iota(perm.begin(), perm.end(), 0);
      PhiloxStream rng(opts.seed, 0x6B6D0002u + uint32_t(it));
      for (int i = 0; i < k; ++i) std::swap(perm[size_t(i)], perm[size_t(i + int(rng.below(uint64_t(cols - i))))]);
      std::fill(tr.feature_on.begin(), tr.feature_on.end(), 0);
      for (int i = 0; i < k; ++i) tr.feature_on[size_t(perm[size_t(i)])] = 1;
    }
    Tree t = tr.grow(n_sample, all_rows, bin_threshold);
    // Scores: with every row in the tree, each leaf's rows are a range of the index; with row subsampling,
    // traverse every training row in bin space (equivalent to the raw thresholds by construction).
    if (all_rows) {
      parallel_for(pool, int64_t(tr.leaf_ranges.size()), 1, [&](int64_t l0, int64_t l1, unsigned) {
        for (int64_t l = l0; l < l1; ++l) {
          const auto& lr = tr.leaf_ranges[size_t(l)];
          for (int64_t i = lr.begin; i < lr.end; ++i) score[size_t(tr.idx[size_t(i)])] += lr.value;
        }
      });
    } else parallel_for(pool, n, 8192, [&](int64_t b, int64_t e, unsigned) {
      for (int64_t r = b; r < e; ++r) {
        const uint8_t* rb = tr.bins.data() + r * cols;
        int i = 0;
        while (t.left[size_t(i)] >= 0) {
          const uint8_t bv = rb[t.feature[size_t(i)]];
          const bool left = bv == 0 ? t.default_left[size_t(i)] != 0 : bv <= bin_threshold[size_t(i)];
          i = left ? t.left[size_t(i)] : t.right[size_t(i)];
        }
        score[size_t(r)] += t.value[size_t(i)];
      }
    });
    if (valid != nullptr) {
      for (int64_t r = 0; r < valid->rows; ++r) {
        const float* sv = vsplit.data() + r * cols;
        int i = 0;
        while (t.left[size_t(i)] >= 0) {
          const float v = sv[t.feature[size_t(i)]];
          const bool left = std::isnan(v) ? t.default_left[size_t(i)] != 0 : v <= t.threshold[size_t(i)];
          i = left ? t.left[size_t(i)] : t.right[size_t(i)];
        }
        vscore[size_t(r)] += t.value[size_t(i)];
      }
    }
    model.trees.push_back(std::move(t));
    const int done = it + 1;
    const bool report = done % opts.progress_every == 0 || done == opts.trees;
    double vloss = NAN, vauc = NAN;
    if (valid != nullptr && (report || early)) {
      double s = 0;
      for (int64_t r = 0; r < valid->rows; ++r) s += log_loss(vscore[size_t(r)], valid->y[r]);
      vloss = s / double(valid->rows);
      vauc = auc(vscore, valid->y, valid->rows);
    }
    bool stop = false;
    if (early) {
      const double m = opts.early_stopping == 1 ? vauc : vloss;
      const bool better = std::isnan(best_metric) || (opts.early_stopping == 1 ? m > best_metric : m < best_metric);
      if (better) {
        best_metric = m;
        best_trees = done;
      } else if (done - best_trees >= opts.patience) {
        stop = true;
      }
    }
    if (report || stop) {
      GbmProgress p;
      p.trees = done;
      double s = 0, sw = 0;
      for (int64_t r = 0; r < n; ++r) {
        s += w[size_t(r)] * log_loss(score[size_t(r)], train.y[r]);
        sw += w[size_t(r)];
      }
      p.train_loss = s / sw;
      p.valid_loss = vloss;
      p.valid_auc = vauc;
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      p.rows_per_sec = secs > 0 ? double(n) * done / secs : 0;
      model.history.push_back(p);
      if (progress) progress(p);
    }
    if (stop) break;
  }
  if (early && best_trees > 0) model.trees.resize(size_t(best_trees));
  model.best_iteration = int(model.trees.size());
  finalize(model);
  return model;
}

}  // namespace studio::gbm
