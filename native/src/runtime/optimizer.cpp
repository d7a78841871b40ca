#include "optimizer.h"

#include <cmath>

#include "../core/thread-pool.h"

namespace studio {

Optimizer::Optimizer(const OptimConfig& config, const std::vector<Param>& params) : c_(config) {
  for (const auto& p : params) {
    m_.emplace_back(p.trainable ? size_t(p.size()) : 0, 0.0f);
    v_.emplace_back(p.trainable && c_.kind != OptimKind::Sgd ? size_t(p.size()) : 0, 0.0f);
  }
}

void Optimizer::step(std::vector<Param>& params, ThreadPool* pool) {
  ++t_;
  const float bc1 = 1.0f - std::pow(c_.beta1, float(t_)), bc2 = 1.0f - std::pow(c_.beta2, float(t_));
  for (size_t i = 0; i < params.size(); ++i) {
    Param& p = params[i];
    if (!p.trainable) continue;
    float* __restrict w = p.data.data;
    const float* __restrict g = p.grad.data;
    float* __restrict m = m_[i].data();
    float* __restrict v = v_[i].data();
    const OptimConfig c = c_;
    parallel_for(pool, p.size(), 1 << 16, [&](int64_t k0, int64_t k1, unsigned) {
      switch (c.kind) {
        case OptimKind::Sgd:
          for (int64_t k = k0; k < k1; ++k) {
            m[k] = c.momentum * m[k] + g[k] + c.weight_decay * w[k];
            w[k] -= c.lr * m[k];
          }
          break;
        case OptimKind::Adam:
        case OptimKind::AdamW: {
          const float decay = c.kind == OptimKind::AdamW ? c.lr * c.weight_decay : 0.0f;
          const float a = c.lr / bc1, rs = 1.0f / std::sqrt(bc2);
          for (int64_t k = k0; k < k1; ++k) {
            m[k] = c.beta1 * m[k] + (1 - c.beta1) * g[k];
            v[k] = c.beta2 * v[k] + (1 - c.beta2) * g[k] * g[k];
            w[k] -= a * m[k] / (std::sqrt(v[k]) * rs + c.eps) + decay * w[k];
          }
          break;
        }
        case OptimKind::Newton:
        case OptimKind::Lbfgs: break;
      }
    });
  }
}

}  // namespace studio
