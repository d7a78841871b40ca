// Async batch prediction on a libuv worker thread, parallel across rows on the engine's pool.
#pragma once
#include <functional>
#include <memory>
#include <napi.h>
#include <vector>

#include "../runtime/model.h"

namespace studio {

/** Fills `out` from the input rows; runs off the event loop and may throw an EngineError. */
using PredictFn = std::function<void(const float* x, std::vector<float>& out)>;

/**
 * Runs `predict` on a worker thread while keeping `x` alive, and resolves to a Float32Array of its output
 * (or rejects with the typed error). Shared by the fp32 and INT8 models.
 */
Napi::Promise start_async_prediction(Napi::Env env, const char* name, Napi::Float32Array x, PredictFn predict);

/** Resolves to a Float32Array of probabilities (rows, or rows x classes for softmax models). */
Napi::Promise start_prediction(Napi::Env env, std::shared_ptr<Model> model, Napi::Float32Array x, int64_t rows);

}  // namespace studio
