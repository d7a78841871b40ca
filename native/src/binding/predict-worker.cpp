#include "predict-worker.h"

#include <cstring>
#include <mutex>
#include <vector>

#include "../core/thread-pool.h"
#include "../runtime/dataset.h"
#include "../runtime/predict.h"
#include "js-error.h"

namespace studio {

namespace {

class PredictWorker : public Napi::AsyncWorker {
 public:
  PredictWorker(Napi::Env env, std::shared_ptr<Model> model, Napi::Float32Array x, int64_t rows)
      : Napi::AsyncWorker(env, "studio-predict"), deferred_(Napi::Promise::Deferred::New(env)), model_(std::move(model)), rows_(rows) {
    x_ = Napi::Persistent(x.As<Napi::Object>());
    data_ = x.Data();
  }
  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    std::lock_guard<std::mutex> lock(model_->mu);
    try {
      check_finite(data_, rows_, model_->spec().inputs, "prediction input");
      check_codes(model_->spec(), data_, rows_, "prediction input");
      out_.resize(size_t(rows_ * output_width(model_->spec())));
      if (rows_ > 0) predict_proba(*model_, data_, rows_, out_.data(), &ThreadPool::global());
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
    Napi::Float32Array out = Napi::Float32Array::New(env, out_.size());
    if (!out_.empty()) std::memcpy(out.Data(), out_.data(), out_.size() * sizeof(float));
    deferred_.Resolve(out);
  }

 private:
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<Model> model_;
  Napi::ObjectReference x_;
  const float* data_ = nullptr;
  int64_t rows_;
  std::vector<float> out_;
  bool ok_ = false;
  ErrorInfo error_;
};

}  // namespace

Napi::Promise start_prediction(Napi::Env env, std::shared_ptr<Model> model, Napi::Float32Array x, int64_t rows) {
  auto* w = new PredictWorker(env, std::move(model), x, rows);
  Napi::Promise p = w->promise();
  w->Queue();
  return p;
}

}  // namespace studio
