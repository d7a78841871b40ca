// The element kernels a training loop needs besides the ops: the optimizer update, gathering shuffled
// rows into a mini-batch, and projecting sign-constrained weights. Each backend implements them on its
// own memory (cpu/train.cpp, declared in cpu/cpu-ops.h; cuda/train.cu), so one training loop runs on
// either.
#pragma once
#include <cstdint>

namespace studio {

class ThreadPool;

// Newton and Lbfgs are whole-batch solvers for logistic models (runtime/logistic-newton.h, logistic-lbfgs.h).
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

/** One first-order update of n weights; m (and v for Adam) hold the optimizer state. */
struct OptimStepArgs {
  OptimConfig c;
  float* w = nullptr;
  const float* g = nullptr;
  float* m = nullptr;
  float* v = nullptr;
  int64_t n = 0;
  float bc1 = 1.0f;  // Adam bias corrections 1 - beta^t
  float bc2 = 1.0f;
  ThreadPool* pool = nullptr;  // CPU only
};

/** dst[r, :] = src[idx[r], :] for r < n: the rows of one shuffled mini-batch. */
struct GatherArgs {
  float* dst = nullptr;
  const float* src = nullptr;
  const uint32_t* idx = nullptr;
  int64_t n = 0;
  int64_t cols = 0;
};

}  // namespace studio
