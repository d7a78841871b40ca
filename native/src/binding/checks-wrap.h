// The dataset checks' column kernels and the row gather on the addon's exports.
#pragma once
#include <napi.h>

namespace studio {

void InitChecks(Napi::Env env, Napi::Object exports);

}  // namespace studio
