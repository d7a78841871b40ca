#include "predict-worker.h"

#include <cstring>
#include <mutex>
#include <utility>

#include "../core/thread-pool.h"
#include "../runtime/dataset.h"
#include "../runtime/predict.h"
#include "js-error.h"

namespace studio {

namespace {

class PredictWorker : public Napi::AsyncWorker {
 public:
  PredictWorker(Napi::Env env, const char* name, Napi::Float32Array x, PredictFn predict)
      : Napi::AsyncWorker(env, name), deferred_(Napi::Promise::Deferred::New(env)), predict_(std::move(predict)) {
    x_ = Napi::Persistent(x.As<Napi::Object>());
    data_ = x.Data();
  }
  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      predict_(data_, out_);
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
  PredictFn predict_;
  Napi::ObjectReference x_;  // keeps the input alive while the worker reads it
  const float* data_ = nullptr;
  std::vector<float> out_;
  bool ok_ = false;
  ErrorInfo error_;
};

}  // namespace

Napi::Promise start_async_prediction(Napi::Env env, const char* name, Napi::Float32Array x, PredictFn predict) {
  auto* w = new PredictWorker(env, name, x, std::move(predict));
  Napi::Promise p = w->promise();
  w->Queue();
  return p;
}

Napi::Promise start_prediction(Napi::Env env, std::shared_ptr<Model> model, Napi::Float32Array x, int64_t rows) {
  return start_async_prediction(env, "studio-predict", x, [model = std::move(model), rows](const float* data, std::vector<float>& out) {
    std::lock_guard<std::mutex> lock(model->mu);
    check_finite(data, rows, model->spec().inputs, "prediction input");
    check_codes(model->spec(), data, rows, "prediction input");
    out.resize(size_t(rows * output_width(model->spec())));
    if (rows > 0) predict_proba(*model, data, rows, out.data(), &ThreadPool::global());
  });
}

}  // namespace studio
