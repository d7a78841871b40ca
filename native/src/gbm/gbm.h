// Histogram gradient-boosted trees for binary log-loss (issue #12): binning, leaf-wise training with
// monotone constraints, prediction, exact path-dependent TreeSHAP, and the version-3 model file.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace studio {
class ThreadPool;
}

namespace studio::gbm {

struct GbmOptions {
  int trees = 100;
  int max_leaves = 31;
  int max_depth = 0;  // 0 = unlimited
  int min_samples_leaf = 20;
  double min_hessian_leaf = 1e-3;
  double learning_rate = 0.1;
  double l1 = 0, l2 = 0;
  double row_subsample = 1, col_subsample = 1;
  double neg_weight = 1, pos_weight = 1;
  std::vector<int8_t> monotone;     // per feature -1/0/+1, or empty
  std::vector<uint8_t> categorical;  // per feature 0/1, or empty
  int max_bins = 255;                // value bins per feature (missing has its own bin 0)
  int early_stopping = 0;            // 0 = none, 1 = AUC, 2 = log-loss
  int patience = 10;
  uint64_t seed = 0;
  int progress_every = 1;
};

struct GbmProgress {
  int trees = 0;
  double train_loss = 0;
  double valid_loss = 0;  // NaN without a validation set
  double valid_auc = 0;   // NaN without a validation set
  double rows_per_sec = 0;
};

/** How raw values of one feature map to what the splits compare. */
struct FeatureMap {
  bool categorical = false;
  std::vector<float> cuts;   // numeric: bin b (1-based) holds values <= cuts[b-1]; the last bin is unbounded
  std::vector<int32_t> rank;  // categorical: code -> rank (0-based) or -1 for codes unseen in training (missing)
};

/** One tree in arrays; node 0 is the root; left[i] == -1 marks a leaf. */
struct Tree {
  std::vector<int32_t> feature;
  std::vector<float> threshold;  // go left when value <= threshold (raw numeric value, or the category's rank)
  std::vector<uint8_t> default_left;
  std::vector<int32_t> left, right;
  std::vector<double> value;  // leaf value including the learning rate (0 for internal nodes)
  std::vector<double> cover;  // hessian sum of the training rows that reached the node
  std::vector<double> gain;   // split gain (0 for leaves), for importance
  int size() const { return int(feature.size()); }
  int depth() const;
};

/** Per-tree data for the fast exact TreeSHAP (predict.cpp), derived from the trees; never saved. */
struct ShapPlan;

struct GbmModel {
  int cols = 0;
  double base_score = 0;  // initial log-odds
  std::vector<FeatureMap> features;
  std::vector<Tree> trees;
  int best_iteration = 0;  // number of trees kept (the best validation iteration under early stopping)
  std::vector<GbmProgress> history;
  /** Built by finalize() (train() and load() call it); shap functions build a temporary one when it is missing. */
  std::shared_ptr<const ShapPlan> shap_plan;
};

/** Derives the SHAP plan and the expected value from the trees; call after changing `trees`. */
void finalize(GbmModel& m);

struct TrainData {
  const float* x = nullptr;  // row-major rows x cols, NaN = missing
  const float* y = nullptr;  // 0/1
  int64_t rows = 0;
};

using GbmProgressFn = std::function<void(const GbmProgress&)>;

/** Validates inputs and options (EngineError with a code on failure) and trains. */
GbmModel train(const TrainData& train, const TrainData* valid, int cols, const GbmOptions& opts, const GbmProgressFn& progress,
               const std::atomic<bool>* cancel, ThreadPool* pool);

/** The value a split compares for feature f of raw value v: v itself, or the rank of a category (NaN when missing/unseen). */
float split_value(const FeatureMap& fm, float v);
/** Raw score (log-odds) of one row. */
double predict_raw_one(const GbmModel& m, const float* row);
/** Raw scores of rows (threaded over rows). */
void predict_raw(const GbmModel& m, const float* x, int64_t rows, double* out, ThreadPool* pool);
/** The expected raw score under the path-dependent (cover-weighted) distribution: base + Σ tree expectations. */
double expected_value(const GbmModel& m);
/** TreeSHAP for one row into out[cols + 1]; out[cols] = expected value; Σ out = raw score. No heap allocation
 *  once the calling thread has explained a row of this size (thread-local scratch). */
void shap_one(const GbmModel& m, const float* row, double* out);
/** The raw score (returned) and TreeSHAP of one row (into out[cols + 1]) in one pass over the trees. */
double explain_one(const GbmModel& m, const float* row, double* out);
/** The reference path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2), O(leaves x depth^2) per tree;
 *  shap_one uses it only for trees with more than 32 distinct features on one path. For tests. */
void shap_one_reference(const GbmModel& m, const float* row, double* out);
/** The kernel the fast TreeSHAP uses ("avx512" or "avx2"); `force` ("avx2"/"avx512") switches it, for tests
 *  (AVX-512 only where the CPU has it). Default: AVX-512 when present unless STUDIO_GBM_SHAP_ISA=avx2. */
const char* shap_isa(const char* force = nullptr);
/** Per tree, the quadrature points the fast TreeSHAP uses (4, 8, 12 or 16; 0 = the reference algorithm). */
std::vector<int> shap_quadrature_points(const GbmModel& m);
/** TreeSHAP of rows into out[rows x (cols + 1)] (threaded over rows). */
void shap(const GbmModel& m, const float* x, int64_t rows, double* out, ThreadPool* pool);
/** Total gain and split count per feature. */
void importance(const GbmModel& m, std::vector<double>& gain, std::vector<uint32_t>& splits);

/** The version-3 model file (native/FORMAT.md). */
std::vector<uint8_t> save(const GbmModel& m);
/** Throws EngineError(BadModelFile) on truncation, a bad checksum, another version or an inconsistent tree. */
GbmModel load(const uint8_t* data, size_t n);

}  // namespace studio::gbm
