// Async training: runs on a libuv worker thread (AsyncWorker); progress goes to JS through a
// ThreadSafeFunction, and the promise settles from that function's finalizer so that every
// queued progress report is delivered before the promise resolves.
#pragma once
#include <memory>
#include <napi.h>

#include "../runtime/model.h"
#include "../runtime/trainer.h"

namespace studio {

struct TrainInputs {
  Napi::Float32Array x, y, val_x, val_y;  // val_* empty when there is no validation set
  int64_t rows = 0, val_rows = 0;
};

/** Starts training on the thread pool; returns the promise of the TrainResult object. */
Napi::Promise start_training(Napi::Env env, std::shared_ptr<Model> model, const TrainInputs& in, const TrainOptions& opts,
                             Napi::Value on_progress);

}  // namespace studio
