#include "model-wrap.h"

#include <mutex>

#include "../runtime/dataset.h"
#include "../runtime/predict.h"
#include "../runtime/serialize.h"
#include "js-args.h"
#include "js-error.h"
#include "predict-worker.h"
#include "train-worker.h"

namespace studio {

namespace {

size_t memory_limit(Napi::Env env, const Napi::Value& v) {
  if (v.IsUndefined() || v.IsNull()) return size_t(8192) << 20;
  if (!v.IsNumber() || !(v.As<Napi::Number>().DoubleValue() >= 1) || v.As<Napi::Number>().DoubleValue() > 1e7)
    throw_js(env, "ENGINE_BAD_ARGUMENT", "memoryLimitMb must be a number between 1 and 10000000");
  return size_t(v.As<Napi::Number>().DoubleValue()) << 20;
}

int64_t checked_size(Napi::Env env, int64_t rows, int64_t cols) {
  int64_t n = 0;
  if (__builtin_mul_overflow(rows, cols, &n)) throw_js(env, "ENGINE_SHAPE_MISMATCH", "rows x columns overflows");
  return n;
}

}  // namespace

Napi::Function ModelWrap::Init(Napi::Env env) {
  Napi::Function cls = DefineClass(env, "NativeModel",
                                   {InstanceMethod<&ModelWrap::Train>("train"), InstanceMethod<&ModelWrap::Cancel>("cancel"),
                                    InstanceMethod<&ModelWrap::Predict>("predict"), InstanceMethod<&ModelWrap::PredictOne>("predictOne"),
                                    InstanceMethod<&ModelWrap::Save>("save"), InstanceMethod<&ModelWrap::Info>("info"),
                                    InstanceMethod<&ModelWrap::Dispose>("dispose"), StaticMethod<&ModelWrap::Load>("load")});
  env.SetInstanceData<Napi::FunctionReference>(new Napi::FunctionReference(Napi::Persistent(cls)));
  return cls;
}

ModelWrap::ModelWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<ModelWrap>(info) {
  Napi::Env env = info.Env();
  if (info.Length() == 1 && info[0].IsExternal()) {  // from load()
    auto* owned = info[0].As<Napi::External<std::shared_ptr<Model>>>().Data();
    model_ = std::move(*owned);
    delete owned;
    return;
  }
  const ModelSpec spec = spec_from_js(env, info[0]);
  const size_t limit = memory_limit(env, info[1]);
  model_ = guarded(env, [&] { return std::make_shared<Model>(spec, limit); });
  if (info[2].IsString()) model_->meta = info[2].As<Napi::String>().Utf8Value();
}

std::shared_ptr<Model> ModelWrap::live(Napi::Env env) const {
  if (!model_) throw_js(env, "ENGINE_DISPOSED", "the model was disposed");
  return model_;
}

Napi::Value ModelWrap::Train(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::shared_ptr<Model> model = live(env);
  const int64_t inputs = model->spec().inputs;
  TrainInputs in;
  in.rows = row_count(env, info[2], "rows");
  in.x = float_array(env, info[0], "X", checked_size(env, in.rows, inputs));
  in.y = float_array(env, info[1], "y", in.rows);
  const TrainOptions opts = options_from_js(env, info[3]);
  if (info[4].IsObject()) {
    const Napi::Object v = info[4].As<Napi::Object>();
    in.val_rows = row_count(env, v.Get("rows"), "validation.rows");
    in.val_x = float_array(env, v.Get("X"), "validation.X", checked_size(env, in.val_rows, inputs));
    in.val_y = float_array(env, v.Get("y"), "validation.y", in.val_rows);
  }
  if (model->training.exchange(true)) throw_js(env, "ENGINE_BUSY", "the model is already training");
  model->cancel = false;
  return start_training(env, model, in, opts, info[5]);
}

Napi::Value ModelWrap::Cancel(const Napi::CallbackInfo& info) {
  if (model_) model_->cancel = true;
  return info.Env().Undefined();
}

Napi::Value ModelWrap::Predict(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::shared_ptr<Model> model = live(env);
  const int64_t rows = row_count(env, info[1], "rows");
  Napi::Float32Array x = float_array(env, info[0], "X", checked_size(env, rows, model->spec().inputs));
  return start_prediction(env, model, x, rows);
}

Napi::Value ModelWrap::PredictOne(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::shared_ptr<Model> model = live(env);
  if (output_width(model->spec()) != 1) throw_js(env, "ENGINE_BAD_ARGUMENT", "predictOne serves binary models; use predict for multi-class");
  Napi::Float32Array row = float_array(env, info[0], "row", model->spec().inputs);
  std::unique_lock<std::mutex> lock(model->mu, std::try_to_lock);
  // A queued training may not hold the lock yet, so its flag is checked too.
  if (!lock.owns_lock() || model->training) throw_js(env, "ENGINE_BUSY", "the model is training or predicting; try again when it finishes");
  return guarded(env, [&] {
    check_finite(row.Data(), 1, model->spec().inputs, "row");
    check_codes(model->spec(), row.Data(), 1, "row");
    float p = 0;
    predict_one(*model, row.Data(), &p);
    return Napi::Number::New(env, p);
  });
}

Napi::Value ModelWrap::Save(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::shared_ptr<Model> model = live(env);
  std::unique_lock<std::mutex> lock(model->mu, std::try_to_lock);
  if (!lock.owns_lock() || model->training) throw_js(env, "ENGINE_BUSY", "the model is training or predicting; save it when that finishes");
  return guarded(env, [&] {
    const std::vector<uint8_t> bytes = save_model(*model);
    return Napi::Buffer<uint8_t>::Copy(env, bytes.data(), bytes.size()).As<Napi::Value>();
  });
}

Napi::Value ModelWrap::Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::shared_ptr<Model> model = live(env);
  Napi::Object o = Napi::Object::New(env);
  double count = 0;
  for (const auto& p : model->params())
    if (p.trainable) count += double(p.size());
  o.Set("parameters", count);
  o.Set("meta", model->meta);
  const ArenaStats s = model->arena().stats();
  Napi::Object mem = Napi::Object::New(env);
  mem.Set("reservedBytes", double(s.reserved_bytes));
  mem.Set("inUseBytes", double(s.in_use_bytes));
  mem.Set("peakInUseBytes", double(s.peak_in_use_bytes));
  mem.Set("allocations", double(s.allocations));
  mem.Set("reuses", double(s.reuses));
  o.Set("memory", mem);
  return o;
}

Napi::Value ModelWrap::Dispose(const Napi::CallbackInfo& info) {
  if (model_) {
    model_->cancel = true;  // a running worker keeps its own reference and frees the model when done
    model_.reset();
  }
  return info.Env().Undefined();
}

Napi::Value ModelWrap::Load(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw_js(env, "ENGINE_BAD_ARGUMENT", "load expects a Uint8Array");
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  const size_t limit = memory_limit(env, info[1]);
  std::unique_ptr<Model> model = guarded(env, [&] { return load_model(bytes.Data(), bytes.ByteLength(), limit); });
  auto* owned = new std::shared_ptr<Model>(std::move(model));
  return env.GetInstanceData<Napi::FunctionReference>()->New({Napi::External<std::shared_ptr<Model>>::New(env, owned)});
}

}  // namespace studio
