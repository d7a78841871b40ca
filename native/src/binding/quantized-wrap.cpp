#include "quantized-wrap.h"

#include <cstring>
#include <vector>

#include "../core/thread-pool.h"
#include "../quant/quant-format.h"
#include "../quant/quantize-model.h"
#include "../quant/quantized-predict.h"
#include "../runtime/dataset.h"
#include "../runtime/serialize.h"
#include "js-args.h"
#include "js-error.h"
#include "predict-worker.h"

namespace studio {

namespace {

using Shared = std::shared_ptr<const quant::QuantizedModel>;

constexpr size_t kLoadLimit = size_t(8192) << 20;

Napi::Uint8Array bytes_arg(Napi::Env env, const Napi::Value& v, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw_js(env, "ENGINE_BAD_ARGUMENT", std::string(what) + " must be a Uint8Array");
  return v.As<Napi::Uint8Array>();
}

Napi::Object wrap(Napi::Env env, const Napi::FunctionReference& ctor, Shared model) {
  return ctor.New({Napi::External<Shared>::New(env, new Shared(std::move(model)))});
}

Napi::FunctionReference constructor_of(const Napi::CallbackInfo& info) {
  if (!info.This().IsFunction()) throw_js(info.Env(), "ENGINE_BAD_ARGUMENT", "call NativeQuantizedModel.quantize or .load on the class");
  return Napi::Persistent(info.This().As<Napi::Function>());
}

class QuantizeWorker : public Napi::AsyncWorker {
 public:
  QuantizeWorker(Napi::Env env, Napi::FunctionReference ctor, std::unique_ptr<Model> model, Napi::Float32Array x, int64_t rows, quant::Calibration c)
      : Napi::AsyncWorker(env, "studio-quantize"), deferred_(Napi::Promise::Deferred::New(env)), ctor_(std::move(ctor)), model_(std::move(model)),
        rows_(rows), calibration_(c) {
    x_ = Napi::Persistent(x.As<Napi::Object>());
    data_ = x.Data();
  }
  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      result_ = quant::quantize_model(*model_, data_, rows_, calibration_, &ThreadPool::global());
    } catch (...) {
      error_ = capture_error(std::current_exception());
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (!result_) {
      deferred_.Reject(make_js_error(env, error_).Value());
      return;
    }
    deferred_.Resolve(wrap(env, ctor_, std::move(result_)));
  }

 private:
  Napi::Promise::Deferred deferred_;
  Napi::FunctionReference ctor_;
  std::unique_ptr<Model> model_;
  Napi::ObjectReference x_;
  const float* data_ = nullptr;
  int64_t rows_;
  quant::Calibration calibration_;
  Shared result_;
  ErrorInfo error_;
};

}  // namespace

Napi::Function QuantizedWrap::Init(Napi::Env env) {
  return DefineClass(env, "NativeQuantizedModel",
                     {InstanceMethod<&QuantizedWrap::Predict>("predict"), InstanceMethod<&QuantizedWrap::PredictOne>("predictOne"),
                      InstanceMethod<&QuantizedWrap::Save>("save"), InstanceMethod<&QuantizedWrap::Info>("info"),
                      InstanceMethod<&QuantizedWrap::Dispose>("dispose"), StaticMethod<&QuantizedWrap::Quantize>("quantize"),
                      StaticMethod<&QuantizedWrap::Load>("load")});
}

QuantizedWrap::QuantizedWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<QuantizedWrap>(info) {
  if (info.Length() != 1 || !info[0].IsExternal())
    throw_js(info.Env(), "ENGINE_BAD_ARGUMENT", "create INT8 models with NativeQuantizedModel.quantize or .load");
  auto* owned = info[0].As<Napi::External<Shared>>().Data();
  model_ = std::move(*owned);
  delete owned;
}

Shared QuantizedWrap::live(Napi::Env env) const {
  if (!model_) throw_js(env, "ENGINE_DISPOSED", "the model was disposed");
  return model_;
}

Napi::Value QuantizedWrap::Quantize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::FunctionReference ctor = constructor_of(info);
  Napi::Uint8Array bytes = bytes_arg(env, info[0], "model bytes");
  std::unique_ptr<Model> model = guarded(env, [&] { return load_model(bytes.Data(), bytes.ByteLength(), kLoadLimit); });
  const int64_t rows = row_count(env, info[2], "calibration.rows");
  int64_t values = 0;
  if (__builtin_mul_overflow(rows, int64_t(model->spec().inputs), &values)) throw_js(env, "ENGINE_SHAPE_MISMATCH", "rows x columns overflows");
  Napi::Float32Array x = float_array(env, info[1], "calibration.X", values);
  quant::Calibration c;
  const std::string method = info[3].IsString() ? info[3].As<Napi::String>().Utf8Value() : "";
  if (method == "percentile") c.method = quant::CalibMethod::Percentile;
  else if (method != "minmax") throw_js(env, "ENGINE_BAD_OPTION", "method must be 'minmax' or 'percentile'");
  if (!info[4].IsNumber()) throw_js(env, "ENGINE_BAD_OPTION", "percentile must be a number");
  c.percentile = info[4].As<Napi::Number>().DoubleValue();
  auto* w = new QuantizeWorker(env, std::move(ctor), std::move(model), x, rows, c);
  Napi::Promise p = w->promise();
  w->Queue();
  return p;
}

Napi::Value QuantizedWrap::Load(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::FunctionReference ctor = constructor_of(info);
  Napi::Uint8Array bytes = bytes_arg(env, info[0], "load");
  Shared model = guarded(env, [&] { return Shared(quant::load_quantized(bytes.Data(), bytes.ByteLength())); });
  return wrap(env, ctor, std::move(model));
}

Napi::Value QuantizedWrap::Predict(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared model = live(env);
  const int64_t rows = row_count(env, info[1], "rows");
  int64_t values = 0;
  if (__builtin_mul_overflow(rows, int64_t(model->inputs), &values)) throw_js(env, "ENGINE_SHAPE_MISMATCH", "rows x columns overflows");
  Napi::Float32Array x = float_array(env, info[0], "X", values);
  return start_async_prediction(env, "studio-predict-int8", x, [model = std::move(model), rows](const float* data, std::vector<float>& out) {
    check_finite(data, rows, model->inputs, "prediction input");
    out.resize(size_t(rows * model->layers.back().out));
    if (rows > 0) quant::quantized_proba(*model, data, rows, out.data(), &ThreadPool::global());
  });
}

Napi::Value QuantizedWrap::PredictOne(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared model = live(env);
  if (model->layers.back().out != 1) throw_js(env, "ENGINE_BAD_ARGUMENT", "predictOne serves binary models; use predict for multi-class");
  Napi::Float32Array row = float_array(env, info[0], "row", model->inputs);
  return guarded(env, [&] {
    check_finite(row.Data(), 1, model->inputs, "row");
    float p = 0;
    quant::quantized_proba(*model, row.Data(), 1, &p, nullptr);
    return Napi::Number::New(env, p);
  });
}

Napi::Value QuantizedWrap::Save(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared model = live(env);
  return guarded(env, [&] {
    const std::vector<uint8_t> bytes = quant::save_quantized(*model);
    return Napi::Buffer<uint8_t>::Copy(env, bytes.data(), bytes.size()).As<Napi::Value>();
  });
}

Napi::Value QuantizedWrap::Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Shared model = live(env);
  const quant::WeightReport r = quant::weight_report(*model);
  Napi::Object o = Napi::Object::New(env);
  o.Set("meta", model->meta);
  o.Set("fp32WeightBytes", r.fp32_bytes);
  o.Set("int8WeightBytes", r.int8_bytes);
  Napi::Array scales = Napi::Array::New(env, model->layers.size());
  for (size_t i = 0; i < model->layers.size(); ++i) scales.Set(uint32_t(i), double(model->layers[i].x_scale));
  o.Set("activationScales", scales);
  return o;
}

Napi::Value QuantizedWrap::Dispose(const Napi::CallbackInfo& info) {
  model_.reset();
  return info.Env().Undefined();
}

}  // namespace studio
