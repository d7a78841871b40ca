#include "trainer.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <utility>

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
  const bool whole_batch = o.optim.kind == OptimKind::Newton || o.optim.kind == OptimKind::Lbfgs;
  if (whole_batch && ((o.backend != nullptr && !o.backend->host_memory) || o.device == DeviceChoice::Cuda))
    bad(std::string("optimizer '") + (o.optim.kind == OptimKind::Newton ? "newton" : "lbfgs") +
        "' runs on the CPU only; use device 'cpu' or 'auto'");
}

// Where the mini-batch loop keeps its data. On a host-memory backend (the CPU) the model's parameters
// and the caller's rows are used in place; on a device they are copied into its memory once, batches are
// gathered there from an uploaded permutation, and the parameters come back to the host only when it
// needs them (validation, early-stopping snapshots, the end). The loop itself is the same for both.
class Workspace {
 public:
  Workspace(Model& model, const Dataset& train, const Backend& be, int64_t batch)
      : be_(be),
        host_(be.host_memory),
        xb_(be, sizeof(float) * size_t(batch * train.cols)),
        yb_(be, sizeof(float) * size_t(batch)) {
    if (host_) {
      x_ = train.X;
      y_ = train.y;
      refs_ = model.refs();
    } else {
      dx_ = upload(train.X, train.rows * train.cols);
      dy_ = upload(train.y, train.rows);
      x_ = dx_.f();
      y_ = dy_.f();
      dperm_ = BackendBuffer(be, sizeof(uint32_t) * size_t(train.rows));
      loss_log_ = BackendBuffer(be, sizeof(float) * kLossWindow);
      // One block for every gradient, so clearing them before a step is a single fill.
      std::vector<int64_t> offset;
      int64_t total = 0;
      for (auto& p : model.params()) {
        offset.push_back(p.trainable ? total : -1);
        if (p.trainable) total += (p.size() + 15) / 16 * 16;  // 64-byte aligned slices
      }
      grads_ = BackendBuffer(be, sizeof(float) * size_t(total));
      if (total > 0) be.zero(grads_.get(), grads_.bytes());
      for (size_t i = 0; i < model.params().size(); ++i) {
        params_.push_back(upload(model.params()[i].data.data, model.params()[i].size()));
        refs_.push_back(ParamRef{params_.back().f(), offset[i] >= 0 ? grads_.f() + offset[i] : nullptr});
      }
    }
    const auto& sign = model.spec().sign;
    for (size_t i = 0; i < model.params().size() && !sign.empty(); ++i)
      if (model.params()[i].name == "output.weight") {
        std::vector<float> s(sign.begin(), sign.end());
        sign_ = upload(s.data(), int64_t(s.size()));
        sign_param_ = int(i);
      }
  }

  const std::vector<ParamRef>& refs() const { return refs_; }
  float* xb() const { return xb_.f(); }
  float* yb() const { return yb_.f(); }

  /** Gathers rows perm[start, start + n) of the training data into the batch buffers. */
  void gather(const std::vector<uint32_t>& perm, int64_t start, int64_t n, int64_t cols) {
    const uint32_t* idx = perm.data() + start;
    if (!host_) idx = static_cast<const uint32_t*>(dperm_.get()) + start;
    be_.gather_rows(GatherArgs{xb_.f(), x_, idx, n, cols});
    be_.gather_rows(GatherArgs{yb_.f(), y_, idx, n, 1});
  }
  /** Makes a new epoch's permutation visible to the backend. */
  void set_perm(const std::vector<uint32_t>& perm) {
    if (!host_) be_.copy(dperm_.get(), perm.data(), sizeof(uint32_t) * perm.size(), CopyKind::HostToDevice);
  }
  /** The plan's activation memory in the backend. */
  float* block(CachedPlan& cp) {
    if (host_) return cp.block.data;
    auto& b = blocks_[&cp];  // cached plans live as long as the model
    if (b.get() == nullptr) b = BackendBuffer(be_, cp.plan.memory.peak_bytes);
    return b.f();
  }
  void zero_grads(const std::vector<Param>& params) {
    if (!host_) {
      if (grads_.bytes()) be_.zero(grads_.get(), grads_.bytes());
      return;
    }
    for (size_t i = 0; i < params.size(); ++i)
      if (params[i].trainable) be_.zero(refs_[i].grad, sizeof(float) * size_t(params[i].size()));
  }
  void project_signs() {
    if (sign_param_ >= 0) be_.project_signs(refs_[size_t(sign_param_)].data, sign_.f(), int64_t(sign_.bytes() / sizeof(float)));
  }
  /** Keeps step `step`'s loss; on a device it stays there until drained, so steps queue without a sync. */
  void record_loss(const float* p, int64_t step) {
    if (host_) {
      losses_.push_back({*p, step});
      return;
    }
    be_.copy(loss_log_.f() + logged_steps_.size(), p, sizeof(float), CopyKind::DeviceToDevice);
    logged_steps_.push_back(step);
  }
  /** Whether the recorded losses should be read now: always on the host, when the log is full on a device. */
  bool loss_log_full() const { return host_ || logged_steps_.size() == kLossWindow; }
  /** The recorded losses in step order (one transfer from a device), and forgets them. */
  std::vector<std::pair<float, int64_t>> drain_losses() {
    if (!host_ && !logged_steps_.empty()) {
      std::vector<float> v(logged_steps_.size());
      be_.copy(v.data(), loss_log_.get(), sizeof(float) * v.size(), CopyKind::DeviceToHost);
      for (size_t i = 0; i < v.size(); ++i) losses_.push_back({v[i], logged_steps_[i]});
      logged_steps_.clear();
    }
    return std::exchange(losses_, {});
  }
  /** Copies the trained parameters (and state such as running statistics) back into the model. */
  void download(Model& model) {
    if (host_) return;
    auto& ps = model.params();
    for (size_t i = 0; i < ps.size(); ++i) be_.copy(ps[i].data.data, refs_[i].data, sizeof(float) * size_t(ps[i].size()), CopyKind::DeviceToHost);
  }

 private:
  BackendBuffer upload(const float* src, int64_t n) {
    BackendBuffer b(be_, sizeof(float) * size_t(n));
    if (n > 0) be_.copy(b.get(), src, b.bytes(), CopyKind::HostToDevice);
    return b;
  }

  // Steps between loss reads on a device: bounds the work done after a loss turns NaN.
  static constexpr size_t kLossWindow = 64;

  const Backend& be_;
  bool host_;
  BackendBuffer xb_, yb_, dx_, dy_, dperm_, sign_, loss_log_;
  std::vector<std::pair<float, int64_t>> losses_;  // (loss, step) read back, not yet consumed
  std::vector<int64_t> logged_steps_;               // steps whose loss waits in loss_log_
  std::vector<BackendBuffer> params_;
  BackendBuffer grads_;
  std::map<const CachedPlan*, BackendBuffer> blocks_;
  std::vector<ParamRef> refs_;
  const float* x_ = nullptr;
  const float* y_ = nullptr;
  int sign_param_ = -1;
};

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

const Backend& training_backend(const Model& model, const TrainOptions& o) {
  if (o.backend) return *o.backend;
  const bool first_order = o.optim.kind != OptimKind::Newton && o.optim.kind != OptimKind::Lbfgs;
  switch (o.device) {
    case DeviceChoice::Cpu: break;
    case DeviceChoice::Cuda: {
      if (!first_order) break;  // refused by check_options
      const Backend* cuda = cuda_backend();
      if (!cuda)
        throw EngineError(ErrorCode::BadOption, "invalid training option: device 'cuda' is not available (" + cuda_info().error +
                                                    "); use device 'cpu' or 'auto'");
      return *cuda;
    }
    case DeviceChoice::Auto:
      if (first_order && model.spec().kind == ModelKind::Mlp)
        if (const Backend* cuda = cuda_backend()) return *cuda;
      break;
  }
  return cpu_backend();
}

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

  const Backend& be = training_backend(model, o);
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  const int64_t rows = train.rows, cols = train.cols, B = std::min(o.batch, rows);
  // 32-bit row indices halve the memory traffic of the shuffle's random swaps.
  std::vector<uint32_t> perm(static_cast<size_t>(rows));
  Workspace ws(model, train, be, B);
  Optimizer opt(o.optim, model.params(), be);
  TrainResult res;
  res.device = be.name;
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
    ws.set_perm(perm);
    double epoch_loss = 0;
    int64_t epoch_batches = 0;
    // Consumes the recorded losses: the first non-finite one fails the run with its step.
    auto take_losses = [&] {
      for (const auto& [loss, at] : ws.drain_losses()) {
        if (!std::isfinite(loss)) {
          EngineError e(ErrorCode::LossNaN, "loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") + " at step " +
                                                std::to_string(at) + "; lower the learning rate");
          e.step = at;
          throw e;
        }
        epoch_loss += double(loss);
        ++epoch_batches;
      }
    };
    for (int64_t start = 0; start < rows; start += B) {
      const int64_t nb = std::min(B, rows - start);
      ws.gather(perm, start, nb, cols);
      CachedPlan& cp = model.plan(nb, true);
      res.plan_peak_bytes = std::max(res.plan_peak_bytes, cp.plan.memory.peak_bytes);
      res.plan_naive_bytes = std::max(res.plan_naive_bytes, cp.plan.memory.naive_bytes);
      Executor ex(cp.plan, ws.block(cp), ws.refs(), be);
      ex.bind(cp.plan.graph.input, ws.xb());
      ex.bind(cp.plan.graph.target, ws.yb());
      ws.zero_grads(model.params());
      ex.forward(pool, o.seed, uint64_t(step), true);
      ws.record_loss(ex.value(cp.plan.graph.loss).data, step);
      if (ws.loss_log_full()) take_losses();  // on the CPU: every step, before its update
      ex.backward(pool, o.seed, uint64_t(step));
      opt.step(model.params(), ws.refs(), pool);
      ws.project_signs();
      ++step;
      rows_seen += nb;
      if (model.cancel.load()) throw EngineError(ErrorCode::Cancelled, "training was cancelled");
      if (o.progress_every > 0 && step % o.progress_every == 0 && progress) {
        take_losses();
        progress({epoch, step, epoch_loss / double(epoch_batches), kNaN, kNaN, double(rows_seen) / elapsed()});
      }
    }
    take_losses();
    res.epochs = epoch;
    res.loss = epoch_loss / double(epoch_batches);
    if (monitor) {
      ws.download(model);  // validation runs on the host's copy of the parameters
      std::tie(res.val_loss, res.val_auc) = evaluate(model, *val, pool);
    }
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
  ws.download(model);
  if (res.stopped_early && !best_params.empty()) {
    restore(model, best_params);
    std::tie(res.val_loss, res.val_auc) = evaluate(model, *val, pool);
  }
  res.steps = step;
  res.seconds = elapsed();
  return res;
}

}  // namespace studio
