// Element-wise activations and dropout.
#include "../core/philox.h"
#include "../core/thread-pool.h"
#include "../ops/act-math.h"
#include "cpu-ops.h"

namespace studio::cpu {

namespace {
constexpr int64_t kGrain = 16384;
}

void activation_fwd(OpCtx& c) {
  const Act act = op_act(c.op);
  const float alpha = c.p->alpha;
  const float* x = c.in[0].data;
  float* y = c.out.data;
  parallel_for(c.pool, c.out.size(), kGrain, [&](int64_t i0, int64_t i1, unsigned) {
    with_act(act, [&](auto a) { act_forward_loop<a.value>(x + i0, y + i0, i1 - i0, alpha); });
  });
}

void activation_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  const Act act = op_act(c.op);
  const float alpha = c.p->alpha;
  const float *x = c.in[0].data, *y = c.out.data, *g = c.dout.data;
  float* d = c.din[0].data;
  parallel_for(c.pool, c.out.size(), kGrain, [&](int64_t i0, int64_t i1, unsigned) {
    with_act(act, [&](auto a) { act_backward_loop<a.value>(x + i0, y + i0, g + i0, d + i0, i1 - i0, alpha); });
  });
}

void dropout_fwd(OpCtx& c) {
  const float rate = c.p->rate;
  const float* x = c.in[0].data;
  float* y = c.out.data;
  const int64_t n = c.out.size();
  if (!c.training || rate <= 0.0f) {
    for (int64_t i = 0; i < n; ++i) y[i] = x[i];
    return;
  }
  const float scale = 1.0f / (1.0f - rate);
  parallel_for(c.pool, n, kGrain, [&](int64_t i0, int64_t i1, unsigned) {
    for (int64_t i = i0; i < i1; ++i) y[i] = philox_uniform(c.seed, c.p->salt, c.step, uint64_t(i)) >= rate ? x[i] * scale : 0.0f;
  });
}

void dropout_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  const float rate = c.p->rate;
  const float* g = c.dout.data;
  float* d = c.din[0].data;
  const int64_t n = c.out.size();
  if (!c.training || rate <= 0.0f) {
    for (int64_t i = 0; i < n; ++i) d[i] += g[i];
    return;
  }
  // The mask is recomputed from the counter-based RNG rather than stored.
  const float scale = 1.0f / (1.0f - rate);
  parallel_for(c.pool, n, kGrain, [&](int64_t i0, int64_t i1, unsigned) {
    for (int64_t i = i0; i < i1; ++i)
      if (philox_uniform(c.seed, c.p->salt, c.step, uint64_t(i)) >= rate) d[i] += g[i] * scale;
  });
}

}  // namespace studio::cpu
