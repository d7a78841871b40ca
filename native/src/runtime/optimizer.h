// First-order optimizers over a model's trainable parameters, on any backend: the state (momentum,
// Adam moments) lives in the backend's memory next to the parameters it updates.
#pragma once
#include <cstdint>
#include <vector>

#include "../backend/backend.h"
#include "../ops/train-kernels.h"
#include "model.h"

namespace studio {

class ThreadPool;

class Optimizer {
 public:
  Optimizer(const OptimConfig& config, const std::vector<Param>& params, const Backend& backend);

  /** One update of every trainable parameter from its accumulated gradient (`refs` in the backend's memory). */
  void step(const std::vector<Param>& params, const std::vector<ParamRef>& refs, ThreadPool* pool);

 private:
  OptimConfig c_;
  const Backend& be_;
  std::vector<BackendBuffer> m_, v_;  // per parameter; empty when not trainable or not needed
  int64_t t_ = 0;
};

}  // namespace studio
