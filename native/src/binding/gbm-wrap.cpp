// NativeGbm, the JS class over one gradient-boosted tree model (native/src/gbm). Each method says
// whether it is sync or async. Training runs on a libuv worker; progress reaches JS through a
// ThreadSafeFunction, and the promise settles from its finalizer so every report arrives first.
#include "gbm-wrap.h"

#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "../core/thread-pool.h"
#include "js-args.h"
#include "js-error.h"

namespace studio {

namespace {

using Shared = std::shared_ptr<const gbm::GbmModel>;

Napi::Value number_or_null(Napi::Env env, double v) { return std::isfinite(v) ? Napi::Number::New(env, v) : env.Null(); }

Napi::Object progress_object(Napi::Env env, const gbm::GbmProgress& p) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("trees", p.trees);
  o.Set("trainLoss", number_or_null(env, p.train_loss));
  o.Set("validLoss", number_or_null(env, p.valid_loss));
  o.Set("validAuc", number_or_null(env, p.valid_auc));
  o.Set("rowsPerSec", number_or_null(env, p.rows_per_sec));
  return o;
}

double num(Napi::Env env, const Napi::Object& o, const char* key) {
  const Napi::Value v = o.Get(key);
  if (!v.IsNumber()) throw_js(env, "ENGINE_BAD_OPTION", std::string("option ") + key + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

int whole(Napi::Env env, const Napi::Object& o, const char* key) {
  const double v = num(env, o, key);
  if (v != std::floor(v) || std::abs(v) > 2e9) throw_js(env, "ENGINE_BAD_OPTION", std::string("option ") + key + " must be an integer");
  return int(v);
}

gbm::GbmOptions gbm_options(Napi::Env env, const Napi::Value& v, int cols) {
  if (!v.IsObject()) throw_js(env, "ENGINE_BAD_OPTION", "options must be an object");
  const Napi::Object o = v.As<Napi::Object>();
  gbm::GbmOptions g;
  g.trees = whole(env, o, "trees");
  g.max_leaves = whole(env, o, "maxLeaves");
  g.max_depth = whole(env, o, "maxDepth");
  g.min_samples_leaf = whole(env, o, "minSamplesLeaf");
  g.min_hessian_leaf = num(env, o, "minHessianLeaf");
  g.learning_rate = num(env, o, "learningRate");
  g.l1 = num(env, o, "l1");
  g.l2 = num(env, o, "l2");
  g.row_subsample = num(env, o, "rowSubsample");
  g.col_subsample = num(env, o, "colSubsample");
  g.neg_weight = num(env, o, "negWeight");
  g.pos_weight = num(env, o, "posWeight");
  g.max_bins = whole(env, o, "maxBins");
  g.early_stopping = whole(env, o, "earlyStopping");
  g.patience = whole(env, o, "patience");
  const double seed = num(env, o, "seed");
  if (!(seed >= 0) || seed != std::floor(seed) || seed > 9007199254740991.0) throw_js(env, "ENGINE_BAD_OPTION", "seed must be a non-negative integer");
  g.seed = uint64_t(seed);
  g.progress_every = whole(env, o, "progressEvery");
  const Napi::Value mono = o.Get("monotone");
  if (mono.IsArray()) {
    const Napi::Array a = mono.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); ++i) {
      const Napi::Value e = a.Get(i);
      if (!e.IsNumber()) throw_js(env, "ENGINE_BAD_OPTION", "monotone entries must be -1, 0 or 1");
      const double d = e.As<Napi::Number>().DoubleValue();
      if (d != -1 && d != 0 && d != 1) throw_js(env, "ENGINE_BAD_OPTION", "monotone entries must be -1, 0 or 1");
      g.monotone.push_back(int8_t(d));
    }
  }
  const Napi::Value cat = o.Get("categorical");
  if (cat.IsArray()) {
    const Napi::Array a = cat.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); ++i) g.categorical.push_back(a.Get(i).ToBoolean().Value() ? 1 : 0);
  }
  (void)cols;
  return g;
}

Napi::Uint8Array bytes_arg(Napi::Env env, const Napi::Value& v, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw_js(env, "ENGINE_BAD_ARGUMENT", std::string(what) + " must be a Uint8Array");
  return v.As<Napi::Uint8Array>();
}

int64_t values_of(Napi::Env env, int64_t rows, int64_t cols) {
  int64_t values = 0;
  if (__builtin_mul_overflow(rows, cols, &values)) throw_js(env, "ENGINE_SHAPE_MISMATCH", "rows x columns overflows");
  return values;
}

Napi::Float64Array to_f64(Napi::Env env, const std::vector<double>& v) {
  Napi::Float64Array a = Napi::Float64Array::New(env, v.size());
  if (!v.empty()) std::memcpy(a.Data(), v.data(), v.size() * sizeof(double));
  return a;
}

// ---- training -------------------------------------------------------------------------------------

struct GbmTrainJob {
  explicit GbmTrainJob(Napi::Env env) : deferred(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise::Deferred deferred;
  Napi::FunctionReference ctor;
  Shared model;
  ErrorInfo error;

  void settle(Napi::Env env) {
    Napi::HandleScope scope(env);
    if (!model) {
      deferred.Reject(make_js_error(env, error).Value());
      return;
    }
    deferred.Resolve(ctor.New({Napi::External<Shared>::New(env, new Shared(std::move(model)))}));
  }
};

class GbmTrainWorker : public Napi::AsyncWorker {
 public:
  GbmTrainWorker(Napi::Env env, GbmTrainJob* job, Napi::ThreadSafeFunction tsfn, std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncWorker(env, "studio-gbm-train"), job_(job), tsfn_(tsfn), cancel_(std::move(cancel)) {}

  Napi::ObjectReference x_, y_, vx_, vy_;
  gbm::TrainData train_, valid_;
  bool has_valid_ = false;
  int cols_ = 0;
  int threads_ = 0;
  gbm::GbmOptions opts_;

  void Execute() override {
    try {
      std::unique_ptr<ThreadPool> own;
      ThreadPool* pool = &ThreadPool::global();
      if (threads_ > 0 && unsigned(threads_) != pool->size()) {
        own = std::make_unique<ThreadPool>(unsigned(threads_));
        pool = own.get();
      }
      gbm::GbmProgressFn report;
      if (tsfn_) {
        report = [this](const gbm::GbmProgress& p) {
          auto* copy = new gbm::GbmProgress(p);
          if (tsfn_.BlockingCall(copy, deliver) != napi_ok) delete copy;
        };
      }
      job_->model = std::make_shared<const gbm::GbmModel>(
          gbm::train(train_, has_valid_ ? &valid_ : nullptr, cols_, opts_, report, cancel_.get(), pool));
    } catch (...) {
      job_->error = capture_error(std::current_exception());
    }
  }

  void OnOK() override {
    if (tsfn_) {
      tsfn_.Release();  // the finalizer settles the promise after the queue drains
      return;
    }
    job_->settle(Env());
    delete job_;
  }

 private:
  static void deliver(Napi::Env env, Napi::Function cb, gbm::GbmProgress* p) {
    if (env != nullptr && cb != nullptr) {
      try {
        cb.Call({progress_object(env, *p)});
      } catch (const Napi::Error&) {
        // A throwing progress callback must not take the process down.
      }
    }
    delete p;
  }

  GbmTrainJob* job_;
  Napi::ThreadSafeFunction tsfn_;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

// ---- async batch work -------------------------------------------------------------------------------

using BatchFn = std::function<void(const float* x, std::vector<double>& out)>;

class BatchWorker : public Napi::AsyncWorker {
 public:
  BatchWorker(Napi::Env env, Napi::Float32Array x, BatchFn fn)
      : Napi::AsyncWorker(env, "studio-gbm-predict"), deferred_(Napi::Promise::Deferred::New(env)), fn_(std::move(fn)) {
    x_ = Napi::Persistent(x.As<Napi::Object>());
    data_ = x.Data();
  }
  Napi::Promise promise() { return deferred_.Promise(); }
  void Execute() override {
    try {
      fn_(data_, out_);
      ok_ = true;
    } catch (...) {
      error_ = capture_error(std::current_exception());
    }
  }
  void OnOK() override {
    Napi::Env env = Env();
    if (!ok_) {
      deferred_.Reject(make_js_error(env, error_).Value());
      return;
    }
    deferred_.Resolve(to_f64(env, out_));
  }

 private:
  Napi::Promise::Deferred deferred_;
  BatchFn fn_;
  Napi::ObjectReference x_;
  const float* data_ = nullptr;
  std::vector<double> out_;
  bool ok_ = false;
  ErrorInfo error_;
};

}  // namespace

Napi::Function GbmWrap::Init(Napi::Env env) {
  return DefineClass(env, "NativeGbm",
                     {InstanceMethod<&GbmWrap::Info>("info"), InstanceMethod<&GbmWrap::PredictRaw>("predictRaw"),
                      InstanceMethod<&GbmWrap::PredictRawOne>("predictRawOne"), InstanceMethod<&GbmWrap::Shap>("shap"),
                      InstanceMethod<&GbmWrap::ShapOne>("shapOne"),
                      InstanceMethod<&GbmWrap::ExplainOne>("explainOne"), InstanceMethod<&GbmWrap::Importance>("importance"),
                      InstanceMethod<&GbmWrap::Save>("save"), InstanceMethod<&GbmWrap::Dump>("dump"),
                      InstanceMethod<&GbmWrap::Dispose>("dispose"), StaticMethod<&GbmWrap::Train>("train"),
                      StaticMethod<&GbmWrap::Load>("load")});
}

GbmWrap::GbmWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<GbmWrap>(info) {
  if (info.Length() != 1 || !info[0].IsExternal()) throw_js(info.Env(), "ENGINE_BAD_ARGUMENT", "create GBM models with NativeGbm.train or .load");
  auto* owned = info[0].As<Napi::External<Shared>>().Data();
  model_ = std::move(*owned);
  delete owned;
}

std::shared_ptr<const gbm::GbmModel> GbmWrap::live(Napi::Env env) const {
  if (!model_) throw_js(env, "ENGINE_DISPOSED", "the model was disposed");
  return model_;
}

Napi::Value GbmWrap::Train(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info.This().IsFunction()) throw_js(env, "ENGINE_BAD_ARGUMENT", "call NativeGbm.train on the class");
  const int64_t rows = row_count(env, info[1], "rows");
  const int64_t cols = row_count(env, info[2], "cols");
  if (cols < 1 || cols > (1 << 24)) throw_js(env, "ENGINE_SHAPE_MISMATCH", "cols must be in [1, 2^24]");
  Napi::Float32Array x = float_array(env, info[0], "x", values_of(env, rows, cols));
  Napi::Float32Array y = float_array(env, info[3], "y", rows);
  gbm::GbmOptions opts = gbm_options(env, info[5], int(cols));
  int threads = 0;
  if (info[5].IsObject()) {
    const Napi::Value t = info[5].As<Napi::Object>().Get("threads");
    if (t.IsNumber()) {
      const double d = t.As<Napi::Number>().DoubleValue();
      if (!(d >= 1 && d <= 64) || d != std::floor(d)) throw_js(env, "ENGINE_BAD_OPTION", "threads must be an integer in [1, 64]");
      threads = int(d);
    }
  }

  auto* job = new GbmTrainJob(env);
  job->ctor = Napi::Persistent(info.This().As<Napi::Function>());
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  Napi::ThreadSafeFunction tsfn;
  if (info[6].IsFunction()) {
    tsfn = Napi::ThreadSafeFunction::New(env, info[6].As<Napi::Function>(), "studio-gbm-progress", 0, 1, job,
                                         [](Napi::Env e, GbmTrainJob* j) {
                                           j->settle(e);
                                           delete j;
                                         });
  }
  auto* w = new GbmTrainWorker(env, job, tsfn, cancel);
  w->x_ = Napi::Persistent(x.As<Napi::Object>());
  w->y_ = Napi::Persistent(y.As<Napi::Object>());
  w->train_ = {x.Data(), y.Data(), rows};
  w->cols_ = int(cols);
  w->threads_ = threads;
  w->opts_ = std::move(opts);
  if (info[4].IsObject()) {
    const Napi::Object v = info[4].As<Napi::Object>();
    const int64_t vrows = row_count(env, v.Get("rows"), "valid.rows");
    Napi::Float32Array vx = float_array(env, v.Get("x"), "valid.x", values_of(env, vrows, cols));
    Napi::Float32Array vy = float_array(env, v.Get("y"), "valid.y", vrows);
    w->vx_ = Napi::Persistent(vx.As<Napi::Object>());
    w->vy_ = Napi::Persistent(vy.As<Napi::Object>());
    w->valid_ = {vx.Data(), vy.Data(), vrows};
    w->has_valid_ = true;
  }
  Napi::Promise promise = job->deferred.Promise();
  w->Queue();
  Napi::Object handle = Napi::Object::New(env);
  handle.Set("promise", promise);
  handle.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo& i) {
               cancel->store(true);
               return i.Env().Undefined();
             }));
  return handle;
}

Napi::Value GbmWrap::Load(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info.This().IsFunction()) throw_js(env, "ENGINE_BAD_ARGUMENT", "call NativeGbm.load on the class");
  Napi::Uint8Array bytes = bytes_arg(env, info[0], "load");
  Shared model = guarded(env, [&] { return Shared(std::make_shared<const gbm::GbmModel>(gbm::load(bytes.Data(), bytes.ByteLength()))); });
  return info.This().As<Napi::Function>().New({Napi::External<Shared>::New(env, new Shared(std::move(model)))});
}

Napi::Value GbmWrap::Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared m = live(env);
  Napi::Object o = Napi::Object::New(env);
  o.Set("cols", m->cols);
  o.Set("trees", double(m->trees.size()));
  o.Set("bestIteration", m->best_iteration);
  o.Set("expectedValue", gbm::expected_value(*m));
  Napi::Array h = Napi::Array::New(env, m->history.size());
  for (size_t i = 0; i < m->history.size(); ++i) h.Set(uint32_t(i), progress_object(env, m->history[i]));
  o.Set("history", h);
  return o;
}

Napi::Value GbmWrap::PredictRaw(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared m = live(env);
  const int64_t rows = row_count(env, info[1], "rows");
  Napi::Float32Array x = float_array(env, info[0], "x", values_of(env, rows, m->cols));
  auto* w = new BatchWorker(env, x, [m, rows](const float* data, std::vector<double>& out) {
    out.resize(size_t(rows));
    gbm::predict_raw(*m, data, rows, out.data(), &ThreadPool::global());
  });
  Napi::Promise p = w->promise();
  w->Queue();
  return p;
}

Napi::Value GbmWrap::PredictRawOne(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared m = live(env);
  Napi::Float32Array row = float_array(env, info[0], "row", m->cols);
  return Napi::Number::New(env, gbm::predict_raw_one(*m, row.Data()));
}

Napi::Value GbmWrap::Shap(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared m = live(env);
  const int64_t rows = row_count(env, info[1], "rows");
  Napi::Float32Array x = float_array(env, info[0], "x", values_of(env, rows, m->cols));
  auto* w = new BatchWorker(env, x, [m, rows](const float* data, std::vector<double>& out) {
    out.resize(size_t(rows) * size_t(m->cols + 1));
    gbm::shap(*m, data, rows, out.data(), &ThreadPool::global());
  });
  Napi::Promise p = w->promise();
  w->Queue();
  return p;
}

Napi::Value GbmWrap::ShapOne(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared m = live(env);
  Napi::Float32Array row = float_array(env, info[0], "row", m->cols);
  Napi::Float64Array out = Napi::Float64Array::New(env, size_t(m->cols + 1));
  gbm::shap_one(*m, row.Data(), out.Data());
  return out;
}

Napi::Value GbmWrap::ExplainOne(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!model_) throw_js(env, "ENGINE_DISPOSED", "the model was disposed");
  const gbm::GbmModel& m = *model_;  // sync: the wrap keeps the model alive for the call
  Napi::Float32Array row = float_array(env, info[0], "row", m.cols);
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw_js(env, "ENGINE_BAD_ARGUMENT", "explainOne: out must be a Float64Array");
  Napi::Float64Array out = info[1].As<Napi::Float64Array>();
  if (out.ElementLength() != size_t(m.cols) + 1)
    throw_js(env, "ENGINE_SHAPE_MISMATCH", "explainOne: out must hold cols + 1 values");
  return Napi::Number::New(env, gbm::explain_one(m, row.Data(), out.Data()));
}

Napi::Value GbmWrap::Importance(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared m = live(env);
  std::vector<double> gain;
  std::vector<uint32_t> splits;
  gbm::importance(*m, gain, splits);
  Napi::Uint32Array s = Napi::Uint32Array::New(env, splits.size());
  if (!splits.empty()) std::memcpy(s.Data(), splits.data(), splits.size() * sizeof(uint32_t));
  Napi::Object o = Napi::Object::New(env);
  o.Set("gain", to_f64(env, gain));
  o.Set("splits", s);
  return o;
}

Napi::Value GbmWrap::Save(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared m = live(env);
  return guarded(env, [&] {
    const std::vector<uint8_t> bytes = gbm::save(*m);
    Napi::Uint8Array a = Napi::Uint8Array::New(env, bytes.size());
    std::memcpy(a.Data(), bytes.data(), bytes.size());
    return a.As<Napi::Value>();
  });
}

Napi::Value GbmWrap::Dump(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared m = live(env);
  Napi::Object o = Napi::Object::New(env);
  o.Set("format", "studio-gbm-trees");
  o.Set("version", 1);
  o.Set("cols", m->cols);
  o.Set("baseScore", m->base_score);
  Napi::Array feats = Napi::Array::New(env, m->features.size());
  for (size_t f = 0; f < m->features.size(); ++f) {
    Napi::Object fo = Napi::Object::New(env);
    const gbm::FeatureMap& fm = m->features[f];
    fo.Set("kind", fm.categorical ? "categorical" : "numeric");
    if (fm.categorical) {
      Napi::Array rank = Napi::Array::New(env, fm.rank.size());
      for (size_t c = 0; c < fm.rank.size(); ++c) rank.Set(uint32_t(c), fm.rank[c]);
      fo.Set("rank", rank);
    }
    feats.Set(uint32_t(f), fo);
  }
  o.Set("features", feats);
  Napi::Array trees = Napi::Array::New(env, m->trees.size());
  for (size_t t = 0; t < m->trees.size(); ++t) {
    const gbm::Tree& tr = m->trees[t];
    const uint32_t n = uint32_t(tr.size());
    Napi::Array feature = Napi::Array::New(env, n), threshold = Napi::Array::New(env, n), dl = Napi::Array::New(env, n),
                left = Napi::Array::New(env, n), right = Napi::Array::New(env, n), value = Napi::Array::New(env, n),
                cover = Napi::Array::New(env, n);
    for (uint32_t i = 0; i < n; ++i) {
      feature.Set(i, tr.feature[i]);
      threshold.Set(i, double(tr.threshold[i]));
      dl.Set(i, tr.default_left[i] != 0);
      left.Set(i, tr.left[i]);
      right.Set(i, tr.right[i]);
      value.Set(i, tr.value[i]);
      cover.Set(i, tr.cover[i]);
    }
    Napi::Object to = Napi::Object::New(env);
    to.Set("feature", feature);
    to.Set("threshold", threshold);
    to.Set("defaultLeft", dl);
    to.Set("left", left);
    to.Set("right", right);
    to.Set("value", value);
    to.Set("cover", cover);
    trees.Set(uint32_t(t), to);
  }
  o.Set("trees", trees);
  return o;
}

Napi::Value GbmWrap::Dispose(const Napi::CallbackInfo& info) {
  model_.reset();
  return info.Env().Undefined();
}

}  // namespace studio
