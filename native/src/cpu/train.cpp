#include <cmath>
#include <cstring>

#include "../core/thread-pool.h"
#include "cpu-ops.h"

namespace studio::cpu {

void optim_step(const OptimStepArgs& a) {
  float* __restrict w = a.w;
  const float* __restrict g = a.g;
  float* __restrict m = a.m;
  float* __restrict v = a.v;
  const OptimConfig c = a.c;
  const float bc1 = a.bc1, bc2 = a.bc2;
  parallel_for(a.pool, a.n, 1 << 16, [&](int64_t k0, int64_t k1, unsigned) {
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
        const float s = c.lr / bc1, rs = 1.0f / std::sqrt(bc2);
        for (int64_t k = k0; k < k1; ++k) {
          m[k] = c.beta1 * m[k] + (1 - c.beta1) * g[k];
          v[k] = c.beta2 * v[k] + (1 - c.beta2) * g[k] * g[k];
          w[k] -= s * m[k] / (std::sqrt(v[k]) * rs + c.eps) + decay * w[k];
        }
        break;
      }
      case OptimKind::Newton:
      case OptimKind::Lbfgs: break;
    }
  });
}

void gather_rows(const GatherArgs& a) {
  const size_t row_bytes = sizeof(float) * size_t(a.cols);
  for (int64_t r = 0; r < a.n; ++r) {
    // Shuffled rows are random reads; prefetching a few rows ahead hides their latency.
    if (r + 8 < a.n) __builtin_prefetch(a.src + int64_t(a.idx[r + 8]) * a.cols);
    std::memcpy(a.dst + r * a.cols, a.src + int64_t(a.idx[r]) * a.cols, row_bytes);
  }
}

void project_signs(float* w, const float* sign, int64_t n) {
  for (int64_t j = 0; j < n; ++j)
    if (sign[j] * w[j] < 0) w[j] = 0.0f;
}

}  // namespace studio::cpu
