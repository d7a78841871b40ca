#include "trainer.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>

#include "../core/errors.h"
#include "../core/philox.h"
#include "logistic-lbfgs.h"
#include "logistic-newton.h"
#include "metrics.h"
#include "predict.h"

namespace studio {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_options(const Model& model, const TrainOptions& o) {
  auto bad = [](const std::string& m) { throw EngineError(ErrorCode::BadOption, "invalid training option: " + m); };
  if (o.epochs < 1 || o.epochs > 1'000'000) bad("epochs must be between 1 and 1000000");
  if (o.batch < 1) bad("batchSize must be >= 1");
  if (!(o.optim.lr > 0) || !std::isfinite(o.optim.lr)) bad("lr must be finite and > 0");
  if (o.patience < 0) bad("patience must be >= 0");
  if (o.optim.kind == OptimKind::Newton) {
    if (model.spec().kind != ModelKind::Logistic) bad("optimizer 'newton' applies to logistic models only");
    if (model.spec().l1 > 0) bad("optimizer 'newton' does not support l1; use 'lbfgs'");
  }
  if (o.optim.kind == OptimKind::Lbfgs && model.spec().kind != ModelKind::Logistic)
    bad("optimizer 'lbfgs' applies to logistic models only");
}

void project_signs(Model& model) {
  const auto& sign = model.spec().sign;
  if (sign.empty()) return;
  for (auto& p : model.params())
    if (p.name == "output.weight")
      for (size_t j = 0; j < sign.size(); ++j)
        if (float(sign[j]) * p.data.data[j] < 0) p.data.data[j] = 0.0f;
}

std::vector<std::vector<float>> snapshot(Model& model) {
  std::vector<std::vector<float>> s;
  for (auto& p : model.params()) s.emplace_back(p.data.data, p.data.data + p.size());
  return s;
}

void restore(Model& model, const std::vector<std::vector<float>>& s) {
  auto& ps = model.params();
  for (size_t i = 0; i < ps.size(); ++i) std::memcpy(ps[i].data.data, s[i].data(), sizeof(float) * s[i].size());
}

}  // namespace

std::pair<double, double> evaluate(Model& model, const Dataset& d, ThreadPool* pool) {
  const int64_t k = output_width(model.spec());
  std::vector<float> logits(static_cast<size_t>(d.rows * k));
  predict_logits(model, d.X, d.rows, logits.data(), pool);
  if (k > 1) return {mean_softmax_ce(logits.data(), d.y, d.rows, k), kNaN};
  return {mean_bce_logits(logits.data(), d.y, d.rows, model.spec().neg_weight, model.spec().pos_weight), roc_auc(logits.data(), d.y, d.rows)};
}

TrainResult train_model(Model& model, const Dataset& train, const Dataset* val, const TrainOptions& o, const ProgressFn& progress,
                        ThreadPool* pool) {
  check_options(model, o);
  check_dataset(model.spec(), train, true, "training data");
  if (val) check_dataset(model.spec(), *val, false, "validation data");
  if (!model.initialized) model.init_params(o.seed);
  if (o.optim.kind == OptimKind::Newton) return train_logistic_newton(model, train, val, o, progress, pool);
  if (o.optim.kind == OptimKind::Lbfgs) return train_logistic_lbfgs(model, train, val, o, progress, pool);

  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  const int64_t rows = train.rows, cols = train.cols, B = std::min(o.batch, rows);
  // 32-bit row indices halve the memory traffic of the shuffle's random swaps.
  std::vector<uint32_t> perm(static_cast<size_t>(rows));
  std::vector<float> xb(static_cast<size_t>(B * cols)), yb(static_cast<size_t>(B));
  Optimizer opt(o.optim, model.params());
  TrainResult res;
  res.val_loss = res.val_auc = kNaN;
  const bool monitor = val != nullptr;
  double best = std::numeric_limits<double>::infinity();
  std::vector<std::vector<float>> best_params;
  int32_t since_best = 0;
  int64_t step = 0, rows_seen = 0;

  for (int32_t epoch = 1; epoch <= o.epochs; ++epoch) {
    std::iota(perm.begin(), perm.end(), 0u);
    PhiloxStream rng(o.seed, 0x5EED0000u + uint32_t(epoch));
    for (int64_t i = rows - 1; i > 0; --i) std::swap(perm[size_t(i)], perm[size_t(rng.below(uint64_t(i + 1)))]);
    double epoch_loss = 0;
    int64_t epoch_batches = 0;
    for (int64_t start = 0; start < rows; start += B) {
      const int64_t nb = std::min(B, rows - start);
      for (int64_t r = 0; r < nb; ++r) {
        // Shuffled rows are random reads; prefetching a few rows ahead hides their latency.
        if (r + 8 < nb) __builtin_prefetch(train.X + int64_t(perm[size_t(start + r + 8)]) * cols);
        const int64_t src = int64_t(perm[size_t(start + r)]);
        std::memcpy(xb.data() + r * cols, train.X + src * cols, sizeof(float) * size_t(cols));
        yb[size_t(r)] = train.y[src];
      }
      CachedPlan& cp = model.plan(nb, true);
      res.plan_peak_bytes = std::max(res.plan_peak_bytes, cp.plan.memory.peak_bytes);
      res.plan_naive_bytes = std::max(res.plan_naive_bytes, cp.plan.memory.naive_bytes);
      Executor ex(cp.plan, cp.block.data, model.refs());
      ex.bind(cp.plan.graph.input, xb.data());
      ex.bind(cp.plan.graph.target, yb.data());
      for (auto& p : model.params())
        if (p.trainable) std::memset(p.grad.data, 0, sizeof(float) * size_t(p.size()));
      ex.forward(pool, o.seed, uint64_t(step), true);
      const double loss = ex.value(cp.plan.graph.loss).data[0];
      if (!std::isfinite(loss)) {
        EngineError e(ErrorCode::LossNaN, "loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") + " at step " +
                                              std::to_string(step) + "; lower the learning rate");
        e.step = step;
        throw e;
      }
      ex.backward(pool, o.seed, uint64_t(step));
      opt.step(model.params(), pool);
      project_signs(model);
      ++step;
      rows_seen += nb;
      epoch_loss += loss;
      ++epoch_batches;
      if (model.cancel.load()) throw EngineError(ErrorCode::Cancelled, "training was cancelled");
      if (o.progress_every > 0 && step % o.progress_every == 0 && progress)
        progress({epoch, step, epoch_loss / double(epoch_batches), kNaN, kNaN, double(rows_seen) / elapsed()});
    }
    res.epochs = epoch;
    res.loss = epoch_loss / double(epoch_batches);
    if (monitor) std::tie(res.val_loss, res.val_auc) = evaluate(model, *val, pool);
    if (progress) progress({epoch, step, res.loss, res.val_loss, res.val_auc, double(rows_seen) / elapsed()});
    if (!monitor) continue;
    const double score = o.monitor == Monitor::ValAuc ? -res.val_auc : res.val_loss;
    if (score < best - double(o.min_delta)) {
      best = score;
      res.best_epoch = epoch;
      since_best = 0;
      if (o.patience > 0) best_params = snapshot(model);
    } else if (o.patience > 0 && ++since_best >= o.patience) {
      res.stopped_early = true;
      break;
    }
  }
  if (res.stopped_early && !best_params.empty()) {
    restore(model, best_params);
    std::tie(res.val_loss, res.val_auc) = evaluate(model, *val, pool);
  }
  res.steps = step;
  res.seconds = elapsed();
  return res;
}

}  // namespace studio
