// Column transform kernels (median, mean and scale, the fused pack) on the addon's exports.
#pragma once
#include <napi.h>

namespace studio {

void InitTransforms(Napi::Env env, Napi::Object exports);

}  // namespace studio
