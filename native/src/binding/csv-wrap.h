// The CSV cell reader (csv/csv-columns.h) on the addon's exports.
#pragma once
#include <napi.h>

namespace studio {

void InitCsv(Napi::Env env, Napi::Object exports);

}  // namespace studio
