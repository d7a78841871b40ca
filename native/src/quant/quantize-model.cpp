#include "quantize-model.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "../core/errors.h"
#include "../cpu/cpu-ops.h"
#include "../runtime/dataset.h"

namespace studio::quant {

namespace {

constexpr int64_t kCalibChunk = 2048;
constexpr float kNormEps = 1e-5f;  // OpParams' default, which build_graph keeps

// act(x W + b) for one chunk through the engine's own fused fp32 kernel.
void forward_f32(const DenseF32& d, const float* x, int64_t rows, std::vector<float>& y, std::vector<float>& pre, ThreadPool* pool) {
  y.resize(size_t(rows * d.out));
  pre.resize(d.act == Act::Identity ? 0 : size_t(rows * d.out));
  OpParams p;
  p.act = d.act;
  p.alpha = d.alpha;
  OpCtx c;
  c.op = Op::FusedDense;
  c.p = &p;
  c.n_in = 3;
  c.in[0] = View{const_cast<float*>(x), rows, d.in};
  c.in[1] = View{const_cast<float*>(d.w.data()), d.in, d.out};
  c.in[2] = View{const_cast<float*>(d.b.data()), 1, d.out};
  c.out = View{y.data(), rows, d.out};
  c.aux = View{pre.data(), rows, d.out};
  c.pool = pool;
  cpu::fused_dense_fwd(c);
}

}  // namespace

std::vector<DenseF32> dense_layers(Model& model) {
  const ModelSpec& s = model.spec();
  if (!s.embeddings.empty()) throw EngineError(ErrorCode::BadSpec, "INT8 quantization does not cover embeddings yet; quantize a model without them");
  std::map<std::string, const Param*> by_name;
  for (const auto& p : model.params()) by_name[p.name] = &p;
  auto values = [&](const std::string& name) {
    const Param* p = by_name.at(name);
    return std::vector<float>(p->data.data, p->data.data + p->size());
  };
  std::vector<DenseF32> out;
  int64_t width = s.inputs;
  for (size_t i = 0; i <= s.layers.size(); ++i) {
    const bool last = i == s.layers.size();
    const std::string base = last ? "output" : "layer" + std::to_string(i);
    DenseF32 d;
    d.w = values(base + ".weight");
    d.b = values(base + ".bias");
    d.in = width;
    d.out = int64_t(d.b.size());
    if (!last) {
      const LayerSpec& l = s.layers[i];
      if (l.norm == Norm::Layer) throw EngineError(ErrorCode::BadSpec, "INT8 quantization does not cover layer norm yet; use batch norm or none");
      d.act = l.act;
      d.alpha = l.alpha;
      if (l.norm == Norm::Batch) {
        // Inference batch norm is affine per unit, so it folds into the columns of W and into b.
        const auto gamma = values(base + ".gamma"), beta = values(base + ".beta");
        const auto mean = values(base + ".running_mean"), var = values(base + ".running_var");
        for (int64_t n = 0; n < d.out; ++n) {
          const float g = gamma[size_t(n)] / std::sqrt(var[size_t(n)] + kNormEps);
          for (int64_t k = 0; k < d.in; ++k) d.w[size_t(k * d.out + n)] *= g;
          d.b[size_t(n)] = (d.b[size_t(n)] - mean[size_t(n)]) * g + beta[size_t(n)];
        }
      }
    }
    width = d.out;
    out.push_back(std::move(d));
  }
  return out;
}

void quantize_weights(const DenseF32& d, QuantLayer& q) {
  q.in = int32_t(d.in);
  q.out = int32_t(d.out);
  q.act = d.act;
  q.alpha = d.alpha;
  q.bias = d.b;
  q.w_scale.assign(size_t(d.out), 1.0f);
  q.w.resize(d.w.size());
  for (int64_t n = 0; n < d.out; ++n) {
    float m = 0.0f;
    for (int64_t k = 0; k < d.in; ++k) m = std::max(m, std::abs(d.w[size_t(k * d.out + n)]));
    if (m > 0) q.w_scale[size_t(n)] = float(double(m) / 127.0);
  }
  for (int64_t k = 0; k < d.in; ++k)
    for (int64_t n = 0; n < d.out; ++n) {
      const double v = std::floor(double(d.w[size_t(k * d.out + n)]) / double(q.w_scale[size_t(n)]) + 0.5);
      q.w[size_t(k * d.out + n)] = int8_t(std::clamp(v, -127.0, 127.0));
    }
}

std::unique_ptr<QuantizedModel> quantize_model(Model& model, const float* X, int64_t rows, Calibration c, ThreadPool* pool) {
  const ModelSpec& s = model.spec();
  if (rows < 1) throw EngineError(ErrorCode::EmptyDataset, "calibration needs at least one row; pass a sample of the training data");
  if (c.method == CalibMethod::Percentile && !(c.percentile > 0 && c.percentile <= 100))
    throw EngineError(ErrorCode::BadOption, "percentile must be in (0, 100]");
  check_finite(X, rows, s.inputs, "calibration data");
  const std::vector<DenseF32> dense = dense_layers(model);
  std::vector<RangeObserver> observers(dense.size(), RangeObserver(c));
  std::vector<float> a, b, pre;
  for (int64_t start = 0; start < rows; start += kCalibChunk) {
    const int64_t n = std::min(kCalibChunk, rows - start);
    const float* h = X + start * s.inputs;
    for (size_t i = 0; i < dense.size(); ++i) {
      observers[i].observe(h, n * dense[i].in);
      if (i + 1 == dense.size()) break;
      forward_f32(dense[i], h, n, a, pre, pool);
      std::swap(a, b);
      h = b.data();
    }
  }
  auto q = std::make_unique<QuantizedModel>();
  q->kind = s.kind;
  q->inputs = s.inputs;
  q->classes = s.classes;
  q->meta = model.meta;
  q->layers.resize(dense.size());
  for (size_t i = 0; i < dense.size(); ++i) {
    quantize_weights(dense[i], q->layers[i]);
    q->layers[i].x_scale = observers[i].scale();
  }
  prepare_kernels(*q);
  return q;
}

}  // namespace studio::quant
