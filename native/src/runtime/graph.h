// The engine program: tensors with static 2-D shapes and the op nodes between them.
#pragma once
#include <cstdint>
#include <vector>

#include "../ops/op.h"

namespace studio {

enum class TKind : uint8_t { Input, Target, Param, State, Value };

struct TensorInfo {
  int64_t rows = 0;
  int64_t cols = 0;
  TKind kind = TKind::Value;
  int param = -1;  // index into the model's parameters for Param/State
  bool requires_grad = false;
};

struct Node {
  Op op = Op::Count;
  OpParams p;
  std::vector<int> in;
  int out = -1;
  int aux = -1;
};

struct Graph {
  std::vector<TensorInfo> tensors;
  std::vector<Node> nodes;
  int input = -1;
  int target = -1;
  int loss = -1;    // training graphs
  int output = -1;  // logits

  int add_input(int64_t rows, int64_t cols);
  int add_target(int64_t rows);
  /** A model parameter (trainable) or state (e.g. running statistics, not trained). */
  int add_param(int index, int64_t rows, int64_t cols, bool trainable);
  /** Appends a node after checking input shapes; returns its output tensor. */
  int add(Op op, std::vector<int> in, OpParams p = {});
};

/** Output shape of `op` applied to the given input shapes; throws EngineError(ShapeMismatch). */
std::array<int64_t, 2> infer_shape(Op op, const OpParams& p, const std::vector<TensorInfo>& in);

}  // namespace studio
