// Runs a plan on a backend: forward in schedule order, reverse-mode autograd in reverse order.
#pragma once
#include <cstdint>
#include <vector>

#include "../backend/backend.h"
#include "plan.h"

namespace studio {

class ThreadPool;

/** Storage of one model parameter and its gradient (grad is null for state). */
struct ParamRef {
  float* data = nullptr;
  float* grad = nullptr;
};

class Executor {
 public:
  /** `block` must hold plan.memory.peak_bytes; params are indexed by TensorInfo::param. */
  Executor(const Plan& plan, float* block, const std::vector<ParamRef>& params, const Backend& backend = cpu_backend());

  /** Points the input (or target) tensor at caller memory. */
  void bind(int tensor, float* data);
  void forward(ThreadPool* pool, uint64_t seed, uint64_t step, bool training);
  /** Backpropagates d(loss)=1; parameter gradients are accumulated, so clear them first. */
  void backward(ThreadPool* pool, uint64_t seed, uint64_t step);
  View value(int tensor) const;

 private:
  OpCtx context(const Node& node, ThreadPool* pool, uint64_t seed, uint64_t step, bool training, bool with_grads) const;
  View grad(int tensor) const;

  const Plan& plan_;
  float* block_;
  const std::vector<ParamRef>& params_;
  const Backend& backend_;
  std::vector<float*> bound_;
};

}  // namespace studio
