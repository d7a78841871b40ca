// Statistics kernels (validation pack) on the addon's exports.
#pragma once
#include <napi.h>

namespace studio {

void InitStats(Napi::Env env, Napi::Object exports);

}  // namespace studio
