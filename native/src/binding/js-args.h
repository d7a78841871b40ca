// Reading the engine's plain-data arguments (spec, options, arrays) from JS values, rejecting
// anything malformed with a coded error rather than trusting the TS layer.
#pragma once
#include <napi.h>

#include "../runtime/spec.h"
#include "../runtime/trainer.h"

namespace studio {

ModelSpec spec_from_js(Napi::Env env, const Napi::Value& v);
TrainOptions options_from_js(Napi::Env env, const Napi::Value& v);
/** A Float32Array argument holding exactly `expected` elements (or any length when expected < 0). */
Napi::Float32Array float_array(Napi::Env env, const Napi::Value& v, const char* what, int64_t expected);
/** A non-negative integer row count. */
int64_t row_count(Napi::Env env, const Napi::Value& v, const char* what);

}  // namespace studio
