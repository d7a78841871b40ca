#include "js-args.h"

#include <cmath>
#include <string>

#include "js-error.h"

namespace studio {

namespace {

[[noreturn]] void bad_spec(Napi::Env env, const std::string& m) { throw_js(env, "ENGINE_BAD_SPEC", "invalid model spec: " + m); }
[[noreturn]] void bad_option(Napi::Env env, const std::string& m) { throw_js(env, "ENGINE_BAD_OPTION", "invalid training option: " + m); }

double number_or(Napi::Env env, const Napi::Object& o, const char* key, double fallback, bool spec) {
  const Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsNumber() || !std::isfinite(v.As<Napi::Number>().DoubleValue())) {
    if (spec) bad_spec(env, std::string(key) + " must be a finite number");
    bad_option(env, std::string(key) + " must be a finite number");
  }
  return v.As<Napi::Number>().DoubleValue();
}

int32_t int_or(Napi::Env env, const Napi::Object& o, const char* key, int32_t fallback, bool spec) {
  const double d = number_or(env, o, key, fallback, spec);
  if (d != std::floor(d) || d < -2147483648.0 || d > 2147483647.0) {
    if (spec) bad_spec(env, std::string(key) + " must be an integer");
    bad_option(env, std::string(key) + " must be an integer");
  }
  return int32_t(d);
}

std::string string_or(const Napi::Object& o, const char* key, const std::string& fallback) {
  const Napi::Value v = o.Get(key);
  return v.IsString() ? v.As<Napi::String>().Utf8Value() : fallback;
}

Act act_from(Napi::Env env, const std::string& s) {
  if (s == "relu") return Act::Relu;
  if (s == "leaky_relu") return Act::LeakyRelu;
  if (s == "gelu") return Act::Gelu;
  if (s == "sigmoid") return Act::Sigmoid;
  if (s == "tanh") return Act::Tanh;
  if (s == "linear") return Act::Identity;
  bad_spec(env, "unknown activation '" + s + "'");
}

}  // namespace

ModelSpec spec_from_js(Napi::Env env, const Napi::Value& v) {
  if (!v.IsObject()) bad_spec(env, "expected an object");
  const Napi::Object o = v.As<Napi::Object>();
  ModelSpec s;
  const std::string kind = string_or(o, "kind", "");
  if (kind == "logistic") s.kind = ModelKind::Logistic;
  else if (kind == "mlp") s.kind = ModelKind::Mlp;
  else bad_spec(env, "kind must be 'logistic' or 'mlp'");
  s.inputs = int_or(env, o, "inputs", 0, true);
  s.classes = int_or(env, o, "classes", 2, true);
  s.l1 = float(number_or(env, o, "l1", 0, true));
  s.l2 = float(number_or(env, o, "l2", 0, true));
  s.neg_weight = float(number_or(env, o, "negativeWeight", 1, true));
  s.pos_weight = float(number_or(env, o, "positiveWeight", 1, true));
  const Napi::Value sign = o.Get("signConstraints");
  if (sign.IsArray()) {
    const Napi::Array a = sign.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); ++i) {
      const Napi::Value e = a.Get(i);
      if (!e.IsNumber()) bad_spec(env, "signConstraints entries must be -1, 0 or 1");
      const double d = e.As<Napi::Number>().DoubleValue();
      if (d != -1 && d != 0 && d != 1) bad_spec(env, "signConstraints entries must be -1, 0 or 1");
      s.sign.push_back(int8_t(d));
    }
  } else if (!sign.IsUndefined() && !sign.IsNull()) {
    bad_spec(env, "signConstraints must be an array");
  }
  const Napi::Value layers = o.Get("layers");
  if (layers.IsArray()) {
    const Napi::Array a = layers.As<Napi::Array>();
    if (a.Length() > 64) bad_spec(env, "at most 64 layers");
    for (uint32_t i = 0; i < a.Length(); ++i) {
      if (!a.Get(i).IsObject()) bad_spec(env, "layers[" + std::to_string(i) + "] must be an object");
      const Napi::Object l = a.Get(i).As<Napi::Object>();
      LayerSpec ls;
      ls.units = int_or(env, l, "units", 0, true);
      ls.act = act_from(env, string_or(l, "activation", "relu"));
      ls.alpha = float(number_or(env, l, "alpha", 0.01, true));
      ls.dropout = float(number_or(env, l, "dropout", 0, true));
      const std::string norm = string_or(l, "norm", "none");
      if (norm == "layer") ls.norm = Norm::Layer;
      else if (norm == "batch") ls.norm = Norm::Batch;
      else if (norm != "none") bad_spec(env, "norm must be 'layer', 'batch' or 'none'");
      s.layers.push_back(ls);
    }
  } else if (!layers.IsUndefined() && !layers.IsNull()) {
    bad_spec(env, "layers must be an array");
  }
  const Napi::Value embs = o.Get("embeddings");
  if (embs.IsArray()) {
    const Napi::Array a = embs.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length() && i < 16; ++i) {
      if (!a.Get(i).IsObject()) bad_spec(env, "embeddings entries must be objects");
      const Napi::Object e = a.Get(i).As<Napi::Object>();
      s.embeddings.push_back({int_or(env, e, "column", -1, true), int_or(env, e, "cardinality", 0, true), int_or(env, e, "dim", 0, true)});
    }
  }
  return s;
}

TrainOptions options_from_js(Napi::Env env, const Napi::Value& v) {
  if (!v.IsObject()) bad_option(env, "expected an object");
  const Napi::Object o = v.As<Napi::Object>();
  TrainOptions t;
  const std::string opt = string_or(o, "optimizer", "adam");
  if (opt == "sgd") t.optim.kind = OptimKind::Sgd;
  else if (opt == "adam") t.optim.kind = OptimKind::Adam;
  else if (opt == "adamw") t.optim.kind = OptimKind::AdamW;
  else if (opt == "newton") t.optim.kind = OptimKind::Newton;
  else if (opt == "lbfgs") t.optim.kind = OptimKind::Lbfgs;
  else bad_option(env, "optimizer must be 'sgd', 'adam', 'adamw', 'newton' or 'lbfgs'");
  const bool batch_solver = t.optim.kind == OptimKind::Newton || t.optim.kind == OptimKind::Lbfgs;
  t.optim.lr = float(number_or(env, o, "lr", batch_solver ? 1.0 : 1e-3, false));
  t.optim.momentum = float(number_or(env, o, "momentum", 0.9, false));
  t.optim.beta1 = float(number_or(env, o, "beta1", 0.9, false));
  t.optim.beta2 = float(number_or(env, o, "beta2", 0.999, false));
  t.optim.eps = float(number_or(env, o, "eps", 1e-8, false));
  t.optim.weight_decay = float(number_or(env, o, "weightDecay", 0, false));
  t.epochs = int_or(env, o, "epochs", batch_solver ? 100 : 10, false);
  t.batch = int_or(env, o, "batchSize", 256, false);
  const double seed = number_or(env, o, "seed", 0, false);
  if (seed < 0 || seed != std::floor(seed) || seed > 9007199254740991.0) bad_option(env, "seed must be a non-negative safe integer");
  t.seed = uint64_t(seed);
  t.patience = int_or(env, o, "patience", 0, false);
  t.min_delta = float(number_or(env, o, "minDelta", 0, false));
  const std::string monitor = string_or(o, "monitor", "valLoss");
  if (monitor == "valAuc") t.monitor = Monitor::ValAuc;
  else if (monitor != "valLoss") bad_option(env, "monitor must be 'valLoss' or 'valAuc'");
  const std::string device = string_or(o, "device", "auto");
  if (device == "cpu") t.device = DeviceChoice::Cpu;
  else if (device == "cuda") t.device = DeviceChoice::Cuda;
  else if (device == "auto") t.device = DeviceChoice::Auto;
  else bad_option(env, "device must be 'cpu', 'cuda' or 'auto'");
  t.progress_every = int_or(env, o, "progressEvery", 0, false);
  if (t.progress_every < 0) bad_option(env, "progressEvery must be >= 0");
  return t;
}

Napi::Float32Array float_array(Napi::Env env, const Napi::Value& v, const char* what, int64_t expected) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    throw_js(env, "ENGINE_BAD_ARGUMENT", std::string(what) + " must be a Float32Array");
  Napi::Float32Array a = v.As<Napi::Float32Array>();
  if (expected >= 0 && int64_t(a.ElementLength()) != expected)
    throw_js(env, "ENGINE_SHAPE_MISMATCH", std::string(what) + " has " + std::to_string(a.ElementLength()) + " values but " +
                                               std::to_string(expected) + " were expected");
  return a;
}

int64_t row_count(Napi::Env env, const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) throw_js(env, "ENGINE_BAD_ARGUMENT", std::string(what) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || d != std::floor(d) || d > 9007199254740991.0)
    throw_js(env, "ENGINE_BAD_ARGUMENT", std::string(what) + " must be a non-negative integer");
  return int64_t(d);
}

}  // namespace studio
