// Reading the engine's plain-data arguments (spec, options, arrays) from JS values, rejecting
// anything malformed with a coded error rather than trusting the TS layer.
#pragma once
#include <napi.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../runtime/spec.h"
#include "../runtime/trainer.h"

namespace studio {

ModelSpec spec_from_js(Napi::Env env, const Napi::Value& v);
TrainOptions options_from_js(Napi::Env env, const Napi::Value& v);
/** A Float32Array argument holding exactly `expected` elements (or any length when expected < 0). */
Napi::Float32Array float_array(Napi::Env env, const Napi::Value& v, const char* what, int64_t expected);
/** A non-negative integer row count. */
int64_t row_count(Napi::Env env, const Napi::Value& v, const char* what);

/** Argument `i` as a typed array of `type`, or a TypeError "<what> must be a <kind>". */
template <typename A>
A typed_arg(const Napi::CallbackInfo& info, size_t i, napi_typedarray_type type, const char* what,
            const char* kind) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != type)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a " + kind);
  return info[i].As<A>();
}

/** Argument `i` as a Float64Array (the synchronous column kernels' arguments). */
inline Napi::Float64Array f64_arg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  return typed_arg<Napi::Float64Array>(info, i, napi_float64_array, what, "Float64Array");
}

/** A new Float64Array holding `v`. */
inline Napi::Float64Array to_js(Napi::Env env, const std::vector<double>& v) {
  Napi::Float64Array a = Napi::Float64Array::New(env, v.size());
  std::copy(v.begin(), v.end(), a.Data());
  return a;
}

}  // namespace studio
