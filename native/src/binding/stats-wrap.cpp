// Statistics kernels of the validation pack exposed to JS (synchronous: they run on the global pool).
#include <napi.h>

#include <algorithm>
#include <vector>

#include "../core/thread-pool.h"
#include "../stats/bootstrap.h"
#include "../stats/woe-bins.h"
#include "js-args.h"
#include "stats-wrap.h"

namespace studio {

namespace {

Napi::Uint32Array uint32_arg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a Uint32Array");
  return info[i].As<Napi::Uint32Array>();
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
  Napi::Float64Array auc = f64_arg(info, 4, "aucOut");
  Napi::Float64Array ks = f64_arg(info, 5, "ksOut");
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

/** sync: woeFineBins(values, y, special, fineBins) -> { cuts, goods, bads, regular } (see woe-bins.h). */
Napi::Value WoeFineBinsJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 4) throw Napi::TypeError::New(env, "woeFineBins takes 4 arguments");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(env, "y must be a Uint8Array");
  Napi::Uint8Array y = info[1].As<Napi::Uint8Array>();
  Napi::Float64Array special = f64_arg(info, 2, "special");
  if (!info[3].IsNumber()) throw Napi::TypeError::New(env, "fineBins must be a number");
  const int64_t fine = info[3].As<Napi::Number>().Int64Value();
  if (y.ElementLength() != values.ElementLength())
    throw Napi::RangeError::New(env, "values and y must have the same length");
  if (fine < 1 || fine > 100000) throw Napi::RangeError::New(env, "fineBins must lie between 1 and 100000");
  for (size_t i = 0; i < y.ElementLength(); i++)
    if (y[i] > 1) throw Napi::RangeError::New(env, "y must hold 0 and 1");
  const WoeFineBins r = woe_fine_bins(values.Data(), y.Data(), int64_t(values.ElementLength()), special.Data(),
                                      int64_t(special.ElementLength()), fine);
  Napi::Object o = Napi::Object::New(env);
  o.Set("cuts", to_js(env, r.cuts));
  o.Set("goods", to_js(env, r.goods));
  o.Set("bads", to_js(env, r.bads));
  o.Set("regular", Napi::Number::New(env, double(r.regular)));
  return o;
}

/** sync: woeByRange(values, cuts, woe, out); woe holds cuts.length + 2 entries (ranges, then missing). */
Napi::Value WoeByRangeJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 4) throw Napi::TypeError::New(env, "woeByRange takes 4 arguments");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  Napi::Float64Array cuts = f64_arg(info, 1, "cuts");
  Napi::Float64Array woe = f64_arg(info, 2, "woe");
  Napi::Float64Array out = f64_arg(info, 3, "out");
  if (woe.ElementLength() != cuts.ElementLength() + 2)
    throw Napi::RangeError::New(env, "woe must hold cuts.length + 2 values");
  if (out.ElementLength() != values.ElementLength())
    throw Napi::RangeError::New(env, "out must have the length of values");
  woe_by_range(values.Data(), int64_t(values.ElementLength()), cuts.Data(), int64_t(cuts.ElementLength()),
               woe.Data(), out.Data());
  return env.Undefined();
}

}  // namespace

void InitStats(Napi::Env env, Napi::Object exports) {
  exports.Set("bootstrapAucKs", Napi::Function::New(env, BootstrapAucKs, "bootstrapAucKs"));
  exports.Set("woeFineBins", Napi::Function::New(env, WoeFineBinsJs, "woeFineBins"));
  exports.Set("woeByRange", Napi::Function::New(env, WoeByRangeJs, "woeByRange"));
}

}  // namespace studio
