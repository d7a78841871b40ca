#include "graph.h"

#include <string>

#include "../core/errors.h"

namespace studio {

namespace {
[[noreturn]] void mismatch(Op op, const std::string& why) {
  throw EngineError(ErrorCode::ShapeMismatch, std::string("shape mismatch in ") + op_name(op) + ": " + why);
}
std::string dims(const TensorInfo& t) { return "[" + std::to_string(t.rows) + "," + std::to_string(t.cols) + "]"; }
}  // namespace

std::array<int64_t, 2> infer_shape(Op op, const OpParams& p, const std::vector<TensorInfo>& in) {
  auto need = [&](size_t n) {
    if (in.size() != n) mismatch(op, "expected " + std::to_string(n) + " inputs, got " + std::to_string(in.size()));
  };
  switch (op) {
    case Op::Dense:
      need(2);
      if (in[0].cols != in[1].rows) mismatch(op, dims(in[0]) + " x " + dims(in[1]));
      return {in[0].rows, in[1].cols};
    case Op::FusedDense:
      need(3);
      if (in[0].cols != in[1].rows || in[2].cols != in[1].cols || in[2].rows != 1) mismatch(op, dims(in[0]) + " x " + dims(in[1]) + " + " + dims(in[2]));
      return {in[0].rows, in[1].cols};
    case Op::BiasAdd:
      need(2);
      if (in[1].rows != 1 || in[1].cols != in[0].cols) mismatch(op, dims(in[0]) + " + " + dims(in[1]));
      return {in[0].rows, in[0].cols};
    case Op::Relu:
    case Op::LeakyRelu:
    case Op::Gelu:
    case Op::Sigmoid:
    case Op::Tanh:
    case Op::Dropout:
    case Op::Softmax:
      need(1);
      return {in[0].rows, in[0].cols};
    case Op::LayerNorm:
    case Op::FusedLayerNorm:
    case Op::BatchNorm:
      need(op == Op::BatchNorm ? 5 : 3);
      for (size_t i = 1; i < in.size(); ++i)
        if (in[i].rows != 1 || in[i].cols != in[0].cols) mismatch(op, dims(in[0]) + " with parameter " + dims(in[i]));
      return {in[0].rows, in[0].cols};
    case Op::Embedding:
      need(2);
      if (p.col < 0 || p.col >= in[0].cols) mismatch(op, "code column " + std::to_string(p.col) + " outside " + dims(in[0]));
      return {in[0].rows, in[1].cols};
    case Op::Concat: {
      if (in.empty() || in.size() > size_t(kMaxInputs)) mismatch(op, "between 1 and 5 inputs");
      int64_t cols = 0;
      for (const auto& t : in) {
        if (t.rows != in[0].rows) mismatch(op, "row counts differ");
        cols += t.cols;
      }
      return {in[0].rows, cols};
    }
    case Op::Select:
      need(1);
      for (int32_t c : p.cols)
        if (c < 0 || c >= in[0].cols) mismatch(op, "column " + std::to_string(c) + " outside " + dims(in[0]));
      return {in[0].rows, int64_t(p.cols.size())};
    case Op::BceLogits:
    case Op::SoftmaxCe:
      need(2);
      if ((op == Op::BceLogits && in[0].cols != 1) || in[1].cols != 1 || in[0].rows != in[1].rows) mismatch(op, dims(in[0]) + " vs target " + dims(in[1]));
      return {1, 1};
    case Op::L1Penalty:
    case Op::L2Penalty:
      need(1);
      return {1, 1};
    case Op::AddN:
      if (in.empty() || in.size() > size_t(kMaxInputs)) mismatch(op, "between 1 and 5 inputs");
      for (const auto& t : in)
        if (t.rows != 1 || t.cols != 1) mismatch(op, "terms must be scalars");
      return {1, 1};
    case Op::Count: break;
  }
  mismatch(op, "unknown op");
}

int Graph::add_input(int64_t rows, int64_t cols) {
  tensors.push_back({rows, cols, TKind::Input, -1, false});
  return input = int(tensors.size()) - 1;
}

int Graph::add_target(int64_t rows) {
  tensors.push_back({rows, 1, TKind::Target, -1, false});
  return target = int(tensors.size()) - 1;
}

int Graph::add_param(int index, int64_t rows, int64_t cols, bool trainable) {
  tensors.push_back({rows, cols, trainable ? TKind::Param : TKind::State, index, trainable});
  return int(tensors.size()) - 1;
}

int Graph::add(Op op, std::vector<int> in, OpParams p) {
  std::vector<TensorInfo> infos;
  bool grad = false;
  for (int t : in) {
    infos.push_back(tensors.at(size_t(t)));
    grad = grad || tensors[size_t(t)].requires_grad;
  }
  const auto shape = infer_shape(op, p, infos);
  Node n;
  n.op = op;
  n.in = std::move(in);
  const auto aux = aux_shape(op, p, shape[0], shape[1]);
  n.p = std::move(p);
  tensors.push_back({shape[0], shape[1], TKind::Value, -1, grad});
  n.out = int(tensors.size()) - 1;
  if (aux[0] > 0) {
    tensors.push_back({aux[0], aux[1], TKind::Value, -1, false});
    n.aux = int(tensors.size()) - 1;
  }
  nodes.push_back(std::move(n));
  return nodes.back().out;
}

}  // namespace studio
