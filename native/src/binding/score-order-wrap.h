// The evaluation screen's native pass exposed to JS (see ../stats/score-order.h).
#pragma once
#include <napi.h>

namespace studio {

/** Adds scoreOrderDesc and evaluationPass to the addon's exports. */
void InitScoreOrder(Napi::Env env, Napi::Object exports);

}  // namespace studio
