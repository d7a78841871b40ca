#include "executor.h"

#include "../core/errors.h"

namespace studio {

Executor::Executor(const Plan& plan, float* block, const std::vector<ParamRef>& params, const Backend& backend)
    : plan_(plan), block_(block), params_(params), backend_(backend), bound_(plan.graph.tensors.size(), nullptr) {}

void Executor::bind(int tensor, float* data) { bound_.at(size_t(tensor)) = data; }

View Executor::value(int t) const {
  const TensorInfo& info = plan_.graph.tensors[size_t(t)];
  float* data = nullptr;
  switch (info.kind) {
    case TKind::Input:
    case TKind::Target: data = bound_[size_t(t)]; break;
    case TKind::Param:
    case TKind::State: data = params_.at(size_t(info.param)).data; break;
    case TKind::Value:
      if (plan_.value_offset[size_t(t)] >= 0) data = block_ + plan_.value_offset[size_t(t)] / sizeof(float);
      break;
  }
  return View{data, info.rows, info.cols};
}

View Executor::grad(int t) const {
  const TensorInfo& info = plan_.graph.tensors[size_t(t)];
  float* data = nullptr;
  if (info.kind == TKind::Param) data = params_.at(size_t(info.param)).grad;
  else if (info.kind == TKind::Value && plan_.grad_offset[size_t(t)] >= 0) data = block_ + plan_.grad_offset[size_t(t)] / sizeof(float);
  return View{data, info.rows, info.cols};
}

OpCtx Executor::context(const Node& node, ThreadPool* pool, uint64_t seed, uint64_t step, bool training, bool with_grads) const {
  OpCtx c;
  c.op = node.op;
  c.p = &node.p;
  c.n_in = int(node.in.size());
  for (int i = 0; i < c.n_in; ++i) {
    c.in[size_t(i)] = value(node.in[size_t(i)]);
    if (with_grads && plan_.graph.tensors[size_t(node.in[size_t(i)])].requires_grad) c.din[size_t(i)] = grad(node.in[size_t(i)]);
  }
  c.out = value(node.out);
  if (node.aux >= 0) c.aux = value(node.aux);
  if (with_grads) c.dout = grad(node.out);
  c.pool = pool;
  c.seed = seed;
  c.step = step;
  c.training = training;
  return c;
}

void Executor::forward(ThreadPool* pool, uint64_t seed, uint64_t step, bool training) {
  for (int idx : plan_.order) {
    OpCtx c = context(plan_.graph.nodes[size_t(idx)], pool, seed, step, training, false);
    backend_.forward(c);
  }
}

void Executor::backward(ThreadPool* pool, uint64_t seed, uint64_t step) {
  if (!plan_.training || plan_.graph.loss < 0) throw EngineError(ErrorCode::Internal, "backward on a plan without a loss");
  const float one = 1.0f;  // d(loss)/d(loss), written into the backend's memory
  backend_.copy(grad(plan_.graph.loss).data, &one, sizeof one, CopyKind::HostToDevice);
  for (int i = int(plan_.order.size()) - 1; i >= 0; --i) {
    for (int t : plan_.zero_before[size_t(i)]) {
      const View g = grad(t);
      backend_.zero(g.data, sizeof(float) * size_t(g.size()));
    }
    const Node& node = plan_.graph.nodes[size_t(plan_.order[size_t(i)])];
    if (!plan_.graph.tensors[size_t(node.out)].requires_grad) continue;
    OpCtx c = context(node, pool, seed, step, true, true);
    backend_.backward(c);
  }
}

}  // namespace studio
