// Training: shuffled mini-batches with a first-order optimizer, or Newton/IRLS or L-BFGS/OWL-QN for
// logistic models.
#pragma once
#include <cstdint>
#include <functional>

#include "../backend/backend.h"
#include "dataset.h"
#include "model.h"
#include "optimizer.h"

namespace studio {

class ThreadPool;

enum class Monitor : uint8_t { ValLoss, ValAuc };

/** Where to train: the CPU, a CUDA device (an error when none is usable), or CUDA for neural networks
 *  when a device is present and the CPU otherwise (logistic solvers always run on the CPU). */
enum class DeviceChoice : uint8_t { Cpu, Cuda, Auto };

struct TrainOptions {
  OptimConfig optim;
  int32_t epochs = 10;      // Newton, L-BFGS: maximum iterations
  int64_t batch = 256;
  uint64_t seed = 0;
  int32_t patience = 0;     // early stopping after this many epochs without improvement; 0 = off
  float min_delta = 0.0f;
  Monitor monitor = Monitor::ValLoss;
  int64_t progress_every = 0;  // steps between progress reports (epoch ends always report); 0 = epochs only
  double tolerance = 1e-9;     // Newton: stop when the Newton decrement falls below it;
                               // L-BFGS: when no projected-gradient component exceeds it
  DeviceChoice device = DeviceChoice::Cpu;
  const Backend* backend = nullptr;  // an explicit backend for the mini-batch loop (tests); overrides device
};

struct Progress {
  int32_t epoch = 0;
  int64_t step = 0;
  double loss = 0;
  double val_loss = 0;  // NaN when not evaluated at this report
  double val_auc = 0;
  double rows_per_sec = 0;
};

struct TrainResult {
  int32_t epochs = 0;
  int64_t steps = 0;
  double loss = 0;       // mean training loss of the last epoch (Newton, L-BFGS: final objective)
  double val_loss = 0;   // NaN without validation data
  double val_auc = 0;
  int32_t best_epoch = 0;
  bool stopped_early = false;
  double seconds = 0;
  size_t plan_peak_bytes = 0;  // planned activation memory of the training plan
  size_t plan_naive_bytes = 0; // what it would take without reuse
  const char* device = "cpu";  // the backend that ran the training
};

using ProgressFn = std::function<void(const Progress&)>;

/** The backend `opts` selects for `model`; throws EngineError(BadOption) when it cannot be had. */
const Backend& training_backend(const Model& model, const TrainOptions& opts);

/** Trains `model` in place; throws EngineError on bad data, a NaN loss or cancellation. */
TrainResult train_model(Model& model, const Dataset& train, const Dataset* val, const TrainOptions& opts, const ProgressFn& progress,
                        ThreadPool* pool);
/** Validation loss and AUC (AUC is NaN for multi-class models). */
std::pair<double, double> evaluate(Model& model, const Dataset& d, ThreadPool* pool);

}  // namespace studio
