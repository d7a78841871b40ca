// Whole-program checks: fusion, scheduling, memory planning and reverse-mode autograd.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "../src/core/philox.h"
#include "../src/runtime/executor.h"
#include "../src/runtime/model.h"
#include "test.h"

using namespace studio;

namespace {

ModelSpec mlp_spec() {
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = 5;
  s.l2 = 0.01f;
  s.l1 = 0.001f;
  s.pos_weight = 2.0f;
  s.layers = {{6, Act::Tanh, 0.01f, 0.0f, Norm::Layer}, {4, Act::Gelu, 0.01f, 0.0f, Norm::None}, {3, Act::Sigmoid, 0.01f, 0.0f, Norm::Batch}};
  s.embeddings = {{4, 3, 2}};
  return s;
}

struct Batch {
  std::vector<float> x, y;
};

Batch make_batch(int64_t rows, const ModelSpec& s) {
  Batch b;
  PhiloxStream rng(5, 1);
  for (int64_t r = 0; r < rows; ++r) {
    for (int32_t c = 0; c < s.inputs; ++c) b.x.push_back(c == 4 ? float(r % 3) : rng.uniform() * 2 - 1);
    b.y.push_back(float(r % 2));
  }
  return b;
}

double loss_of(Model& m, Plan& plan, std::vector<float>& block, Batch& b, bool backward) {
  Executor ex(plan, block.data(), m.refs());
  ex.bind(plan.graph.input, b.x.data());
  ex.bind(plan.graph.target, b.y.data());
  for (auto& p : m.params())
    if (p.trainable) std::memset(p.grad.data, 0, sizeof(float) * size_t(p.size()));
  ex.forward(nullptr, 1, 0, true);
  const double loss = ex.value(plan.graph.loss).data[0];
  if (backward) ex.backward(nullptr, 1, 0);
  return loss;
}

}  // namespace

TEST(fusion_merges_dense_bias_activation) {
  Model m(mlp_spec(), 1 << 26);
  Plan fused = compile_plan(m.build_graph(8, true), true, true);
  Plan plain = compile_plan(m.build_graph(8, true), true, false);
  // Layer 1 (no norm) fuses with its GELU; layers 0 and 2 and the output fuse dense+bias only; layer 0's
  // layer norm absorbs its tanh.
  CHECK(fused.fused == 5);
  CHECK(fused.graph.nodes.size() < plain.graph.nodes.size());
  CHECK(fused.memory.peak_bytes <= fused.memory.naive_bytes);
  m.init_params(3);
  Batch b = make_batch(8, m.spec());
  std::vector<float> bf(fused.memory.peak_bytes / 4 + 16), bp(plain.memory.peak_bytes / 4 + 16);
  const double lf = loss_of(m, fused, bf, b, true);
  std::vector<std::vector<float>> gf;
  for (auto& p : m.params()) gf.emplace_back(p.grad.data, p.grad.data + (p.trainable ? p.size() : 0));
  const double lp = loss_of(m, plain, bp, b, true);
  CHECK_NEAR(lf, lp, 1e-5);
  for (size_t i = 0; i < m.params().size(); ++i)
    for (size_t k = 0; k < gf[i].size(); ++k) CHECK_NEAR(gf[i][k], m.params()[i].grad.data[k], 1e-5);
}

TEST(fusion_merges_layer_norm_activation_and_dropout) {
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = 5;
  s.layers = {{16, Act::Gelu, 0.01f, 0.25f, Norm::Layer}, {8, Act::Identity, 0.01f, 0.3f, Norm::Layer}, {6, Act::Relu, 0.01f, 0.0f, Norm::Layer}};
  Model m(s, 1 << 26);
  m.init_params(4);
  Plan fused = compile_plan(m.build_graph(32, true), true, true);
  Plan plain = compile_plan(m.build_graph(32, true), true, false);
  int norms = 0, loose = 0;
  for (const Node& n : fused.graph.nodes) {
    norms += n.op == Op::FusedLayerNorm;
    loose += n.op == Op::LayerNorm || n.op == Op::Dropout || n.op == Op::Gelu || n.op == Op::Relu;
  }
  CHECK(norms == 3);
  CHECK(loose == 0);
  // The chain's intermediate tensors (normalised values, activations) are no longer kept for backward.
  CHECK(fused.memory.peak_bytes < plain.memory.peak_bytes);
  Batch b = make_batch(32, s);
  for (int k = 0; k < 32; ++k) b.x[size_t(k * 5 + 4)] = float(k % 7) * 0.3f - 1.0f;
  std::vector<float> bf(fused.memory.peak_bytes / 4 + 16), bp(plain.memory.peak_bytes / 4 + 16);
  const double lf = loss_of(m, fused, bf, b, true);
  std::vector<std::vector<float>> gf;
  for (auto& p : m.params()) gf.emplace_back(p.grad.data, p.grad.data + (p.trainable ? p.size() : 0));
  const double lp = loss_of(m, plain, bp, b, true);
  CHECK(lf == lp);  // the forward pass is the same arithmetic in the same order
  // Gradients: the same formulas, but FMA contraction may differ between the fused and unfused loops.
  int differ = 0;
  for (size_t i = 0; i < m.params().size(); ++i) {
    float scale = 0;  // entries are compared relative to the largest of their tensor (sums cancel)
    for (float v : gf[i]) scale = std::max(scale, std::abs(v));
    for (size_t k = 0; k < gf[i].size(); ++k) {
      const float a = gf[i][k], b = m.params()[i].grad.data[k];
      if (std::abs(a - b) > 1e-5f * scale) {
        if (differ++ < 3) std::fprintf(stderr, "  %s[%zu]: fused %.9g plain %.9g\n", m.params()[i].name.c_str(), k, a, b);
      }
    }
  }
  CHECK(differ == 0);
}

TEST(autograd_matches_finite_differences_end_to_end) {
  ModelSpec s = mlp_spec();
  s.layers[2].norm = Norm::None;  // batch-norm running stats change on every forward
  Model m(s, 1 << 26);
  m.init_params(9);
  Plan plan = compile_plan(m.build_graph(6, true), true, true);
  std::vector<float> block(plan.memory.peak_bytes / 4 + 16);
  Batch b = make_batch(6, s);
  loss_of(m, plan, block, b, true);
  std::vector<std::vector<float>> grads;  // copied first: every later forward clears them
  for (auto& p : m.params()) grads.emplace_back(p.grad.data, p.grad.data + (p.trainable ? p.size() : 0));
  int bad = 0, checked = 0;
  for (size_t pi = 0; pi < m.params().size(); ++pi) {
    Param& p = m.params()[pi];
    if (!p.trainable) continue;
    const std::vector<float>& analytic = grads[pi];
    for (int64_t k = 0; k < p.size(); k += 3) {
      const float keep = p.data.data[k], h = 1e-2f;
      p.data.data[k] = keep + h;
      const double up = loss_of(m, plan, block, b, false);
      p.data.data[k] = keep - h;
      const double down = loss_of(m, plan, block, b, false);
      p.data.data[k] = keep;
      const double numeric = (up - down) / (2 * h);
      ++checked;
      if (std::abs(numeric - analytic[size_t(k)]) > 2e-3 + 2e-2 * std::abs(numeric)) {
        if (bad++ < 3) std::fprintf(stderr, "  %s[%lld]: numeric %.6f analytic %.6f\n", p.name.c_str(), (long long)k, numeric, analytic[size_t(k)]);
      }
    }
  }
  CHECK(checked > 20);
  CHECK(bad == 0);
}

TEST(inference_plan_reuses_memory) {
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = 10;
  s.layers = {{64, Act::Relu, 0.01f, 0.0f, Norm::None}, {64, Act::Relu, 0.01f, 0.0f, Norm::None}, {64, Act::Relu, 0.01f, 0.0f, Norm::None}};
  Model m(s, 1 << 26);
  Plan inf = compile_plan(m.build_graph(100, false), false, true);
  Plan tr = compile_plan(m.build_graph(100, true), true, true);
  // Inference needs only two live activations at a time; training keeps all for backward.
  CHECK(inf.memory.peak_bytes < inf.memory.naive_bytes);
  CHECK(inf.memory.peak_bytes < tr.memory.peak_bytes);
}
