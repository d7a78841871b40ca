#include "train-worker.h"

#include <cmath>
#include <mutex>

#include "../core/thread-pool.h"
#include "js-error.h"

namespace studio {

namespace {

Napi::Value number_or_null(Napi::Env env, double v) { return std::isfinite(v) ? Napi::Number::New(env, v) : env.Null(); }

struct TrainJob {
  TrainJob(Napi::Env env, std::shared_ptr<Model> m) : deferred(Napi::Promise::Deferred::New(env)), model(std::move(m)) {}
  Napi::Promise::Deferred deferred;
  std::shared_ptr<Model> model;
  bool ok = false;
  TrainResult result;
  ErrorInfo error;

  void settle(Napi::Env env) {
    // The model stays busy until its promise settles, so JS never sees it idle while train() is pending.
    model->training = false;
    Napi::HandleScope scope(env);
    if (!ok) {
      deferred.Reject(make_js_error(env, error).Value());
      return;
    }
    Napi::Object o = Napi::Object::New(env);
    o.Set("epochs", result.epochs);
    o.Set("steps", double(result.steps));
    o.Set("loss", number_or_null(env, result.loss));
    o.Set("valLoss", number_or_null(env, result.val_loss));
    o.Set("valAuc", number_or_null(env, result.val_auc));
    o.Set("bestEpoch", result.best_epoch);
    o.Set("stoppedEarly", result.stopped_early);
    o.Set("seconds", result.seconds);
    o.Set("planPeakBytes", double(result.plan_peak_bytes));
    o.Set("planNaiveBytes", double(result.plan_naive_bytes));
    o.Set("device", result.device);
    deferred.Resolve(o);
  }
};

class TrainWorker : public Napi::AsyncWorker {
 public:
  TrainWorker(Napi::Env env, std::shared_ptr<Model> model, const TrainInputs& in, const TrainOptions& opts, TrainJob* job,
              Napi::ThreadSafeFunction tsfn)
      : Napi::AsyncWorker(env, "studio-train"), model_(std::move(model)), opts_(opts), job_(job), tsfn_(tsfn) {
    // Persistent references keep the caller's arrays alive while the worker reads them.
    x_ = Napi::Persistent(in.x.As<Napi::Object>());
    y_ = Napi::Persistent(in.y.As<Napi::Object>());
    train_ = Dataset{in.x.Data(), in.y.Data(), in.rows, model_->spec().inputs};
    if (!in.val_x.IsEmpty()) {
      vx_ = Napi::Persistent(in.val_x.As<Napi::Object>());
      vy_ = Napi::Persistent(in.val_y.As<Napi::Object>());
      val_ = Dataset{in.val_x.Data(), in.val_y.Data(), in.val_rows, model_->spec().inputs};
      has_val_ = true;
    }
  }

  void Execute() override {
    std::lock_guard<std::mutex> lock(model_->mu);
    try {
      ProgressFn report;
      if (tsfn_) {
        report = [this](const Progress& p) {
          auto* copy = new Progress(p);
          if (tsfn_.BlockingCall(copy, deliver) != napi_ok) delete copy;
        };
      }
      job_->result = train_model(*model_, train_, has_val_ ? &val_ : nullptr, opts_, report, &ThreadPool::global());
      job_->ok = true;
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
  static void deliver(Napi::Env env, Napi::Function cb, Progress* p) {
    if (env != nullptr && cb != nullptr) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("epoch", p->epoch);
      o.Set("step", double(p->step));
      o.Set("loss", number_or_null(env, p->loss));
      o.Set("valLoss", number_or_null(env, p->val_loss));
      o.Set("valAuc", number_or_null(env, p->val_auc));
      o.Set("rowsPerSec", number_or_null(env, p->rows_per_sec));
      try {
        cb.Call({o});
      } catch (const Napi::Error&) {
        // A throwing progress callback must not take the process down; the TS layer reports it.
      }
    }
    delete p;
  }

  std::shared_ptr<Model> model_;
  TrainOptions opts_;
  TrainJob* job_;
  Napi::ThreadSafeFunction tsfn_;
  Napi::ObjectReference x_, y_, vx_, vy_;
  Dataset train_, val_;
  bool has_val_ = false;
};

}  // namespace

Napi::Promise start_training(Napi::Env env, std::shared_ptr<Model> model, const TrainInputs& in, const TrainOptions& opts,
                             Napi::Value on_progress) {
  auto* job = new TrainJob(env, model);
  Napi::Promise promise = job->deferred.Promise();
  Napi::ThreadSafeFunction tsfn;
  if (on_progress.IsFunction()) {
    tsfn = Napi::ThreadSafeFunction::New(env, on_progress.As<Napi::Function>(), "studio-train-progress", 0, 1, job,
                                         [](Napi::Env e, TrainJob* j) {
                                           j->settle(e);
                                           delete j;
                                         });
  }
  (new TrainWorker(env, std::move(model), in, opts, job, tsfn))->Queue();
  return promise;
}

}  // namespace studio
