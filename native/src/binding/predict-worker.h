// Async batch prediction on a libuv worker thread, parallel across rows on the engine's pool.
#pragma once
#include <memory>
#include <napi.h>

#include "../runtime/model.h"

namespace studio {

/** Resolves to a Float32Array of probabilities (rows, or rows x classes for softmax models). */
Napi::Promise start_prediction(Napi::Env env, std::shared_ptr<Model> model, Napi::Float32Array x, int64_t rows);

}  // namespace studio
