// Statistics kernels of the validation pack exposed to JS (synchronous: they run on the global pool).
#include <napi.h>

#include "../core/thread-pool.h"
#include "../stats/bootstrap.h"
#include "stats-wrap.h"

namespace studio {

namespace {

Napi::Uint32Array uint32_arg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a Uint32Array");
  return info[i].As<Napi::Uint32Array>();
}

Napi::Float64Array float64_arg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a Float64Array");
  return info[i].As<Napi::Float64Array>();
}

/** sync: bootstrapAucKs(badGroup, goodGroup, groups, seed, aucOut, ksOut); resamples = aucOut.length. */
Napi::Value BootstrapAucKs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 6) throw Napi::TypeError::New(env, "bootstrapAucKs takes 6 arguments");
  Napi::Uint32Array bad = uint32_arg(info, 0, "badGroup");
  Napi::Uint32Array good = uint32_arg(info, 1, "goodGroup");
  if (!info[2].IsNumber() || !info[3].IsNumber())
    throw Napi::TypeError::New(env, "groups and seed must be numbers");
  const int64_t groups = info[2].As<Napi::Number>().Int64Value();
  const int32_t seed = info[3].As<Napi::Number>().Int32Value();
  Napi::Float64Array auc = float64_arg(info, 4, "aucOut");
  Napi::Float64Array ks = float64_arg(info, 5, "ksOut");
  if (ks.ElementLength() != auc.ElementLength())
    throw Napi::RangeError::New(env, "aucOut and ksOut must have the same length");
  if (bad.ElementLength() == 0 || good.ElementLength() == 0 || groups <= 0 || groups > (int64_t(1) << 31))
    throw Napi::RangeError::New(env, "bootstrapAucKs needs both classes and at least one group");
  for (const Napi::Uint32Array* a : {&bad, &good})
    for (size_t i = 0; i < a->ElementLength(); i++)
      if (int64_t((*a)[i]) >= groups) throw Napi::RangeError::New(env, "a group id is out of range");
  bootstrap_auc_ks(bad.Data(), int64_t(bad.ElementLength()), good.Data(), int64_t(good.ElementLength()), groups,
                   seed, int64_t(auc.ElementLength()), auc.Data(), ks.Data(), &ThreadPool::global());
  return env.Undefined();
}

}  // namespace

void InitStats(Napi::Env env, Napi::Object exports) {
  exports.Set("bootstrapAucKs", Napi::Function::New(env, BootstrapAucKs, "bootstrapAucKs"));
}

}  // namespace studio
