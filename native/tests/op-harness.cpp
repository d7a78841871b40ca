#include "op-harness.h"

#include <tuple>

#include "../src/core/philox.h"

namespace test {

using namespace studio;

std::array<int64_t, 2> out_shape(const OpCase& c) {
  std::vector<TensorInfo> infos;
  for (auto s : c.shapes) infos.push_back({s[0], s[1], TKind::Value, -1, false});
  return infer_shape(c.op, c.p, infos);
}

std::vector<std::vector<float>> make_inputs(const OpCase& c, uint64_t seed) {
  std::vector<std::vector<float>> in;
  PhiloxStream rng(seed, 7);
  for (size_t i = 0; i < c.shapes.size(); ++i) {
    std::vector<float> v(static_cast<size_t>(c.shapes[i][0] * c.shapes[i][1]));
    if (!(c.fill && c.fill(i, v)))
      for (auto& x : v) x = (0.2f + rng.uniform()) * (rng.uniform() < 0.5f ? -1.0f : 1.0f);
    in.push_back(std::move(v));
  }
  return in;
}

OpRun run_cpu(const OpCase& c, std::vector<std::vector<float>> in, const std::vector<float>* dout) {
  OpRun r;
  r.in = std::move(in);
  const auto os = out_shape(c);
  const auto as = aux_shape(c.op, c.p, os[0], os[1]);
  r.out.assign(size_t(os[0] * os[1]), 0.0f);
  r.aux.assign(size_t(as[0] * as[1]), 0.0f);
  OpCtx ctx;
  ctx.op = c.op;
  ctx.p = &c.p;
  ctx.n_in = int(c.shapes.size());
  ctx.seed = 42;
  ctx.step = 3;
  ctx.training = c.training;
  for (size_t i = 0; i < c.shapes.size(); ++i) ctx.in[i] = View{r.in[i].data(), c.shapes[i][0], c.shapes[i][1]};
  ctx.out = View{r.out.data(), os[0], os[1]};
  if (!r.aux.empty()) ctx.aux = View{r.aux.data(), as[0], as[1]};
  cpu_backend().forward(ctx);
  if (!dout) return r;
  std::vector<float> g(*dout);
  ctx.dout = View{g.data(), os[0], os[1]};
  r.din.resize(c.shapes.size());
  for (size_t i = 0; i < c.shapes.size(); ++i)
    if (c.diff[i]) {
      r.din[i].assign(r.in[i].size(), 0.0f);
      ctx.din[i] = View{r.din[i].data(), c.shapes[i][0], c.shapes[i][1]};
    }
  cpu_backend().backward(ctx);
  return r;
}

std::vector<OpCase> all_op_cases() {
  auto targets01 = [](size_t idx) {
    return [idx](size_t i, std::vector<float>& v) {
      if (i != idx) return false;
      for (size_t k = 0; k < v.size(); ++k) v[k] = float(k % 3 == 0);
      return true;
    };
  };
  std::vector<OpCase> cases;
  OpParams none;
  cases.push_back({"dense", Op::Dense, none, {{5, 4}, {4, 3}}, {true, true}, true});
  cases.push_back({"bias_add", Op::BiasAdd, none, {{5, 3}, {1, 3}}, {true, true}, true});
  for (Act a : {Act::Identity, Act::Tanh, Act::Gelu, Act::Sigmoid}) {
    OpParams p;
    p.act = a;
    cases.push_back({std::string("fused_dense/") + std::to_string(int(a)), Op::FusedDense, p, {{5, 4}, {4, 3}, {1, 3}}, {true, true, true}, true});
  }
  for (Op op : {Op::Relu, Op::LeakyRelu, Op::Gelu, Op::Sigmoid, Op::Tanh, Op::Softmax}) {
    OpParams p;
    p.alpha = 0.1f;
    cases.push_back({op_name(op), op, p, {{4, 6}}, {true}, true});
  }
  OpParams drop;
  drop.rate = 0.3f;
  drop.salt = 5;
  cases.push_back({"dropout", Op::Dropout, drop, {{6, 8}}, {true}, true});
  cases.push_back({"layer_norm", Op::LayerNorm, none, {{4, 6}, {1, 6}, {1, 6}}, {true, true, true}, true});
  // Layer norm with its activation and dropout fused in (and each alone, and in inference).
  for (auto [act, rate, training] : {std::tuple{Act::Gelu, 0.0f, true}, std::tuple{Act::Identity, 0.3f, true},
                                     std::tuple{Act::Tanh, 0.25f, true}, std::tuple{Act::Sigmoid, 0.25f, false}}) {
    OpParams p;
    p.act = act;
    p.rate = rate;
    p.salt = 9;
    cases.push_back({std::string("fused_layer_norm/") + std::to_string(int(act)) + (rate > 0 ? "+dropout" : "") + (training ? "" : "/eval"),
                     Op::FusedLayerNorm, p, {{4, 6}, {1, 6}, {1, 6}}, {true, true, true}, training});
  }
  OpCase bn{"batch_norm", Op::BatchNorm, none, {{6, 4}, {1, 4}, {1, 4}, {1, 4}, {1, 4}}, {true, true, true, false, false}};
  bn.fill = [](size_t i, std::vector<float>& v) {
    if (i < 3) return false;
    for (auto& x : v) x = i == 4 ? 1.5f : 0.1f;
    return true;
  };
  cases.push_back(bn);
  OpCase bn_eval = bn;
  bn_eval.label = "batch_norm/eval";
  bn_eval.training = false;
  cases.push_back(bn_eval);
  OpParams emb;
  emb.col = 1;
  OpCase e{"embedding", Op::Embedding, emb, {{5, 3}, {4, 2}}, {false, true}};
  e.fill = [](size_t i, std::vector<float>& v) {
    if (i != 0) return false;
    for (size_t k = 0; k < v.size(); ++k) v[k] = float((k * 7) % 4);
    return true;
  };
  cases.push_back(e);
  cases.push_back({"concat", Op::Concat, none, {{3, 2}, {3, 4}}, {true, true}, true});
  OpParams sel;
  sel.cols = {2, 0};
  cases.push_back({"select", Op::Select, sel, {{3, 4}}, {true}, true});
  OpParams bce;
  bce.pos_weight = 3.0f;
  bce.neg_weight = 0.5f;
  OpCase b{"bce_logits", Op::BceLogits, bce, {{7, 1}, {7, 1}}, {true, false}};
  b.fill = targets01(1);
  cases.push_back(b);
  OpCase ce{"softmax_ce", Op::SoftmaxCe, none, {{5, 3}, {5, 1}}, {true, false}};
  ce.fill = [](size_t i, std::vector<float>& v) {
    if (i != 1) return false;
    for (size_t k = 0; k < v.size(); ++k) v[k] = float(k % 3);
    return true;
  };
  cases.push_back(ce);
  OpParams pen;
  pen.lambda = 0.7f;
  cases.push_back({"l1_penalty", Op::L1Penalty, pen, {{3, 4}}, {true}, true});
  cases.push_back({"l2_penalty", Op::L2Penalty, pen, {{3, 4}}, {true}, true});
  cases.push_back({"add_n", Op::AddN, none, {{1, 1}, {1, 1}, {1, 1}}, {true, true, true}, true});
  return cases;
}

}  // namespace test
