// First-order optimizers over a model's trainable parameters.
#pragma once
#include <cstdint>
#include <vector>

#include "model.h"

namespace studio {

class ThreadPool;

// Newton and Lbfgs are whole-batch solvers for logistic models (logistic-newton.h, logistic-lbfgs.h).
enum class OptimKind : uint8_t { Sgd, Adam, AdamW, Newton, Lbfgs };

struct OptimConfig {
  OptimKind kind = OptimKind::Adam;
  float lr = 1e-3f;
  float momentum = 0.9f;      // SGD
  float beta1 = 0.9f;         // Adam
  float beta2 = 0.999f;
  float eps = 1e-8f;
  float weight_decay = 0.0f;  // AdamW (decoupled) and SGD (coupled)
};

class Optimizer {
 public:
  Optimizer(const OptimConfig& config, const std::vector<Param>& params);
  /** One update from the accumulated gradients. */
  void step(std::vector<Param>& params, ThreadPool* pool);

 private:
  OptimConfig c_;
  std::vector<std::vector<float>> m_, v_;
  int64_t t_ = 0;
};

}  // namespace studio
