#include "model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "../core/errors.h"
#include "../core/philox.h"

namespace studio {

namespace {
std::string layer_name(size_t i, const char* what) { return "layer" + std::to_string(i) + "." + what; }
int64_t embedded_width(const ModelSpec& s) {
  int64_t w = s.inputs - int64_t(s.embeddings.size());
  for (const auto& e : s.embeddings) w += e.dim;
  return w;
}
}  // namespace

Model::Model(ModelSpec spec, size_t memory_limit_bytes) : spec_(std::move(spec)), arena_(memory_limit_bytes) {
  validate_spec(spec_);
  for (size_t i = 0; i < spec_.embeddings.size(); ++i)
    add_param("embedding" + std::to_string(i) + ".table", spec_.embeddings[i].cardinality, spec_.embeddings[i].dim, true);
  int64_t width = embedded_width(spec_);
  for (size_t i = 0; i < spec_.layers.size(); ++i) {
    const auto& l = spec_.layers[i];
    add_param(layer_name(i, "weight"), width, l.units, true);
    add_param(layer_name(i, "bias"), 1, l.units, true);
    if (l.norm != Norm::None) {
      add_param(layer_name(i, "gamma"), 1, l.units, true);
      add_param(layer_name(i, "beta"), 1, l.units, true);
    }
    if (l.norm == Norm::Batch) {
      add_param(layer_name(i, "running_mean"), 1, l.units, false);
      add_param(layer_name(i, "running_var"), 1, l.units, false);
    }
    width = l.units;
  }
  add_param("output.weight", width, output_width(spec_), true);
  add_param("output.bias", 1, output_width(spec_), true);
  init_params(0);
  initialized = false;
}

Model::~Model() {
  for (auto& [key, cached] : plans_) arena_.release(cached->block);
  for (auto& p : params_) {
    arena_.release(p.data);
    arena_.release(p.grad);
  }
}

int Model::add_param(const std::string& name, int64_t rows, int64_t cols, bool trainable) {
  if (rows * cols > (int64_t(1) << 40)) throw EngineError(ErrorCode::OutOfMemory, "out of memory: parameter " + name + " is too large");
  Param p{name, rows, cols, trainable, {}, {}};
  p.data = arena_.acquire(size_t(rows * cols) * sizeof(float));
  if (trainable) p.grad = arena_.acquire(size_t(rows * cols) * sizeof(float));
  params_.push_back(p);
  refs_.push_back(ParamRef{p.data.data, p.grad.data});
  return int(params_.size()) - 1;
}

void Model::init_params(uint64_t seed) {
  std::map<std::string, int64_t> fan_in;  // of each weight and of the bias that follows it
  for (const auto& p : params_) {
    if (p.name.size() > 7 && p.name.compare(p.name.size() - 7, 7, ".weight") == 0) {
      fan_in[p.name] = p.rows;
      fan_in[p.name.substr(0, p.name.size() - 7) + ".bias"] = p.rows;
    }
  }
  for (size_t i = 0; i < params_.size(); ++i) {
    Param& p = params_[i];
    float* d = p.data.data;
    const int64_t n = p.size();
    const std::string& name = p.name;
    auto ends = [&](const char* s) { return name.size() >= std::strlen(s) && name.compare(name.size() - std::strlen(s), std::string::npos, s) == 0; };
    double limit = 0;
    if (ends("gamma") || ends("running_var")) {
      std::fill(d, d + n, 1.0f);
      continue;
    }
    if (ends("table")) limit = 0.1;
    // Dense weights and biases ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), PyTorch's nn.Linear default:
    // on the benchmark credit data it trained to a clearly better AUC in 5 epochs than He init.
    // Logistic models start at zero: the problem is convex and needs no symmetry breaking.
    else if (spec_.kind == ModelKind::Mlp && fan_in.count(name)) limit = 1.0 / std::sqrt(double(fan_in[name]));
    if (limit == 0) {
      std::fill(d, d + n, 0.0f);
      continue;
    }
    PhiloxStream rng(seed, uint32_t(i + 1));
    for (int64_t k = 0; k < n; ++k) d[k] = float((2.0 * rng.uniform() - 1.0) * limit);
  }
  initialized = true;
}

Graph Model::build_graph(int64_t rows, bool training) const {
  std::map<std::string, int> index;
  for (size_t i = 0; i < params_.size(); ++i) index[params_[i].name] = int(i);
  Graph g;
  auto param = [&](const std::string& name) {
    const Param& p = params_[size_t(index.at(name))];
    return g.add_param(index.at(name), p.rows, p.cols, p.trainable);
  };
  const int x = g.add_input(rows, spec_.inputs);
  int h = x;
  if (!spec_.embeddings.empty()) {
    OpParams sel;
    for (int32_t c = 0; c < spec_.inputs; ++c) {
      bool coded = false;
      for (const auto& e : spec_.embeddings) coded = coded || e.column == c;
      if (!coded) sel.cols.push_back(c);
    }
    std::vector<int> parts;
    if (!sel.cols.empty()) parts.push_back(g.add(Op::Select, {x}, sel));
    for (size_t i = 0; i < spec_.embeddings.size(); ++i) {
      OpParams p;
      p.col = spec_.embeddings[i].column;
      parts.push_back(g.add(Op::Embedding, {x, param("embedding" + std::to_string(i) + ".table")}, p));
    }
    h = parts.size() == 1 ? parts[0] : g.add(Op::Concat, parts);
  }
  std::vector<int> weights;
  for (size_t i = 0; i < spec_.layers.size(); ++i) {
    const auto& l = spec_.layers[i];
    const int w = param(layer_name(i, "weight"));
    weights.push_back(w);
    int z = g.add(Op::BiasAdd, {g.add(Op::Dense, {h, w}), param(layer_name(i, "bias"))});
    if (l.norm == Norm::Layer) z = g.add(Op::LayerNorm, {z, param(layer_name(i, "gamma")), param(layer_name(i, "beta"))});
    if (l.norm == Norm::Batch)
      z = g.add(Op::BatchNorm, {z, param(layer_name(i, "gamma")), param(layer_name(i, "beta")), param(layer_name(i, "running_mean")),
                                param(layer_name(i, "running_var"))});
    if (l.act != Act::Identity) {
      OpParams p;
      p.alpha = l.alpha;
      z = g.add(act_op(l.act), {z}, p);
    }
    if (l.dropout > 0.0f) {
      OpParams p;
      p.rate = l.dropout;
      p.salt = uint32_t(i + 1);
      z = g.add(Op::Dropout, {z}, p);
    }
    h = z;
  }
  const int w_out = param("output.weight");
  weights.push_back(w_out);
  g.output = g.add(Op::BiasAdd, {g.add(Op::Dense, {h, w_out}), param("output.bias")});
  if (!training) return g;
  const int y = g.add_target(rows);
  OpParams lp;
  lp.pos_weight = spec_.pos_weight;
  lp.neg_weight = spec_.neg_weight;
  int loss = g.add(spec_.classes > 2 ? Op::SoftmaxCe : Op::BceLogits, {g.output, y}, lp);
  for (int w : weights) {
    for (auto [op, lambda] : {std::pair{Op::L2Penalty, spec_.l2}, std::pair{Op::L1Penalty, spec_.l1}}) {
      if (lambda <= 0.0f) continue;
      OpParams pp;
      pp.lambda = lambda;
      loss = g.add(Op::AddN, {loss, g.add(op, {w}, pp)});
    }
  }
  g.loss = loss;
  return g;
}

CachedPlan& Model::plan(int64_t rows, bool training) {
  auto& slot = plans_[{rows, training}];
  if (!slot) {
    auto cached = std::make_unique<CachedPlan>();
    cached->plan = compile_plan(build_graph(rows, training), training);
    cached->block = arena_.acquire(cached->plan.memory.peak_bytes);
    slot = std::move(cached);
  }
  return *slot;
}

}  // namespace studio
