#include "optimizer.h"

#include <cmath>

namespace studio {

namespace {

BackendBuffer zeroed(const Backend& be, int64_t n) {
  BackendBuffer b(be, sizeof(float) * size_t(n));
  be.zero(b.get(), b.bytes());
  return b;
}

}  // namespace

Optimizer::Optimizer(const OptimConfig& config, const std::vector<Param>& params, const Backend& backend) : c_(config), be_(backend) {
  for (const auto& p : params) {
    m_.push_back(p.trainable ? zeroed(be_, p.size()) : BackendBuffer());
    v_.push_back(p.trainable && c_.kind != OptimKind::Sgd ? zeroed(be_, p.size()) : BackendBuffer());
  }
}

void Optimizer::step(const std::vector<Param>& params, const std::vector<ParamRef>& refs, ThreadPool* pool) {
  ++t_;
  const float bc1 = 1.0f - std::pow(c_.beta1, float(t_)), bc2 = 1.0f - std::pow(c_.beta2, float(t_));
  for (size_t i = 0; i < params.size(); ++i) {
    if (!params[i].trainable) continue;
    be_.optim_step(OptimStepArgs{c_, refs[i].data, refs[i].grad, m_[i].f(), v_[i].f(), params[i].size(), bc1, bc2, pool});
  }
}

}  // namespace studio
