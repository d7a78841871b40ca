#include "plan.h"

#include <algorithm>
#include <queue>

#include "../core/errors.h"

namespace studio {

namespace {

std::vector<std::vector<int>> consumers_of(const Graph& g) {
  std::vector<std::vector<int>> cons(g.tensors.size());
  for (size_t i = 0; i < g.nodes.size(); ++i)
    for (int t : g.nodes[i].in) cons[size_t(t)].push_back(int(i));
  return cons;
}

/** The one node reading tensor t, or -1 when it has several readers or is the graph's output or loss. */
int sole_consumer(const Graph& g, const std::vector<std::vector<int>>& cons, int t) {
  if (t == g.output || t == g.loss || cons[size_t(t)].size() != 1) return -1;
  return cons[size_t(t)][0];
}

/** Removes the nodes a fusion pass absorbed. */
void drop_dead(Graph& g, const std::vector<bool>& dead) {
  std::vector<Node> kept;
  for (size_t i = 0; i < g.nodes.size(); ++i)
    if (!dead[i]) kept.push_back(std::move(g.nodes[i]));
  g.nodes = std::move(kept);
}

bool is_activation(Op op) { return op == Op::Relu || op == Op::LeakyRelu || op == Op::Gelu || op == Op::Sigmoid || op == Op::Tanh; }

Act activation_of(Op op) {
  switch (op) {
    case Op::Relu: return Act::Relu;
    case Op::LeakyRelu: return Act::LeakyRelu;
    case Op::Gelu: return Act::Gelu;
    case Op::Sigmoid: return Act::Sigmoid;
    case Op::Tanh: return Act::Tanh;
    default: return Act::Identity;
  }
}

}  // namespace

int fuse_dense_chains(Graph& g) {
  const auto cons = consumers_of(g);
  std::vector<bool> dead(g.nodes.size(), false);
  int fused = 0;
  auto sole_consumer = [&](int t) { return studio::sole_consumer(g, cons, t); };
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (g.nodes[i].op != Op::Dense || dead[i]) continue;
    const int bi = sole_consumer(g.nodes[i].out);
    if (bi < 0 || g.nodes[size_t(bi)].op != Op::BiasAdd || g.nodes[size_t(bi)].in[0] != g.nodes[i].out) continue;
    Node f;
    f.op = Op::FusedDense;
    f.in = {g.nodes[i].in[0], g.nodes[i].in[1], g.nodes[size_t(bi)].in[1]};
    const int pre = g.nodes[size_t(bi)].out;
    const int ai = sole_consumer(pre);
    if (ai >= 0 && is_activation(g.nodes[size_t(ai)].op)) {
      const Node& a = g.nodes[size_t(ai)];
      f.p = a.p;
      f.p.act = activation_of(a.op);
      f.out = a.out;
      f.aux = pre;  // the pre-activation, kept for backward
      dead[size_t(ai)] = true;
    } else {
      f.p.act = Act::Identity;
      f.out = pre;
    }
    dead[size_t(bi)] = true;
    g.nodes[i] = std::move(f);
    ++fused;
  }
  drop_dead(g, dead);
  return fused;
}

int fuse_norm_chains(Graph& g) {
  const auto cons = consumers_of(g);
  std::vector<bool> dead(g.nodes.size(), false);
  int fused = 0;
  auto sole_consumer = [&](int t) { return studio::sole_consumer(g, cons, t); };
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (g.nodes[i].op != Op::LayerNorm || dead[i]) continue;
    Node f = g.nodes[i];
    f.op = Op::FusedLayerNorm;
    f.p.act = Act::Identity;
    f.p.rate = 0.0f;
    int next = sole_consumer(f.out);
    if (next >= 0 && is_activation(g.nodes[size_t(next)].op)) {
      const Node& a = g.nodes[size_t(next)];
      f.p.act = activation_of(a.op);
      f.p.alpha = a.p.alpha;
      f.out = a.out;
      dead[size_t(next)] = true;
      next = sole_consumer(f.out);
    }
    if (next >= 0 && g.nodes[size_t(next)].op == Op::Dropout) {
      const Node& d = g.nodes[size_t(next)];
      f.p.rate = d.p.rate;
      f.p.salt = d.p.salt;
      f.out = d.out;
      dead[size_t(next)] = true;
    }
    if (f.out == g.nodes[i].out) continue;  // nothing to absorb
    g.nodes[i] = std::move(f);
    ++fused;
  }
  drop_dead(g, dead);
  return fused;
}

std::vector<int> topological_order(const Graph& g) {
  std::vector<int> producer(g.tensors.size(), -1);
  for (size_t i = 0; i < g.nodes.size(); ++i) producer[size_t(g.nodes[i].out)] = int(i);
  std::vector<int> pending(g.nodes.size(), 0);
  std::vector<std::vector<int>> next(g.nodes.size());
  for (size_t i = 0; i < g.nodes.size(); ++i)
    for (int t : g.nodes[i].in)
      if (producer[size_t(t)] >= 0) {
        ++pending[i];
        next[size_t(producer[size_t(t)])].push_back(int(i));
      }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (size_t i = 0; i < g.nodes.size(); ++i)
    if (pending[i] == 0) ready.push(int(i));
  std::vector<int> order;
  while (!ready.empty()) {
    const int n = ready.top();
    ready.pop();
    order.push_back(n);
    for (int m : next[size_t(n)])
      if (--pending[size_t(m)] == 0) ready.push(m);
  }
  if (order.size() != g.nodes.size()) throw EngineError(ErrorCode::Internal, "engine program has a cycle");
  return order;
}

Plan compile_plan(Graph g, bool training, bool fuse) {
  Plan plan;
  plan.training = training;
  if (fuse) plan.fused = fuse_dense_chains(g) + fuse_norm_chains(g);
  plan.order = topological_order(g);
  const int n = int(plan.order.size());
  std::vector<int> pos(g.nodes.size());
  for (int i = 0; i < n; ++i) pos[size_t(plan.order[size_t(i)])] = i;
  const auto cons = consumers_of(g);

  std::vector<Lifetime> lives;
  std::vector<std::pair<int, bool>> owner;  // (tensor, is_grad) per lifetime
  auto bytes = [&](int t) { return size_t(g.tensors[size_t(t)].rows * g.tensors[size_t(t)].cols) * sizeof(float); };
  plan.zero_before.assign(size_t(n), {});
  for (int i = 0; i < n; ++i) {
    const Node& node = g.nodes[size_t(plan.order[size_t(i)])];
    int last_use = i;
    for (int c : cons[size_t(node.out)]) last_use = std::max(last_use, pos[size_t(c)]);
    if (node.out == g.output || node.out == g.loss) last_use = training ? 2 * n : n;
    // Training keeps every value until its producer's backward, which is after all consumers'.
    lives.push_back({bytes(node.out), i, training ? 2 * n - 1 - i : last_use});
    owner.emplace_back(node.out, false);
    if (node.aux >= 0) {
      lives.push_back({bytes(node.aux), i, training ? 2 * n - 1 - i : i});
      owner.emplace_back(node.aux, false);
    }
    if (training && g.tensors[size_t(node.out)].requires_grad) {
      int first_writer = -1;
      for (int c : cons[size_t(node.out)]) first_writer = std::max(first_writer, pos[size_t(c)]);
      const int first = node.out == g.loss || first_writer < 0 ? 2 * n - 1 - i : 2 * n - 1 - first_writer;
      lives.push_back({bytes(node.out), first, 2 * n - 1 - i});
      owner.emplace_back(node.out, true);
      if (first_writer >= 0 && node.out != g.loss) plan.zero_before[size_t(first_writer)].push_back(node.out);
    }
  }
  plan.memory = plan_memory(lives);
  plan.value_offset.assign(g.tensors.size(), -1);
  plan.grad_offset.assign(g.tensors.size(), -1);
  for (size_t k = 0; k < lives.size(); ++k) {
    auto [t, is_grad] = owner[k];
    (is_grad ? plan.grad_offset : plan.value_offset)[size_t(t)] = int64_t(plan.memory.offsets[k]);
  }
  plan.graph = std::move(g);
  return plan;
}

}  // namespace studio
