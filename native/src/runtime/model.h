// A model: its spec, parameter storage, and compiled plans cached per (batch rows, mode).
#pragma once
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "../core/arena.h"
#include "executor.h"
#include "spec.h"

namespace studio {

struct Param {
  std::string name;
  int64_t rows = 0;
  int64_t cols = 0;
  bool trainable = true;
  Block data;
  Block grad;
  int64_t size() const { return rows * cols; }
};

struct CachedPlan {
  Plan plan;
  Block block;
};

class Model {
 public:
  /** Validates the spec and allocates parameters (zeros until init or load). */
  Model(ModelSpec spec, size_t memory_limit_bytes);
  ~Model();

  const ModelSpec& spec() const { return spec_; }
  std::vector<Param>& params() { return params_; }
  const std::vector<ParamRef>& refs() const { return refs_; }
  Arena& arena() { return arena_; }

  /** The program for `rows` rows; training graphs end in the loss, inference graphs in logits. */
  Graph build_graph(int64_t rows, bool training) const;
  /** Compiled plan and its memory block, cached (callers hold mu). */
  CachedPlan& plan(int64_t rows, bool training);
  /** Seeded initialisation: U(±1/sqrt(fan_in)) for dense layers, zeros for logistic models. */
  void init_params(uint64_t seed);

  bool initialized = false;
  std::string meta;  // opaque JSON kept with the model (the TS-side spec)
  std::mutex mu;     // held by whoever trains or predicts
  std::atomic<bool> cancel{false};
  std::atomic<bool> training{false};

 private:
  int add_param(const std::string& name, int64_t rows, int64_t cols, bool trainable);
  ModelSpec spec_;
  Arena arena_;
  std::vector<Param> params_;
  std::vector<ParamRef> refs_;
  std::map<std::pair<int64_t, bool>, std::unique_ptr<CachedPlan>> plans_;
};

}  // namespace studio
