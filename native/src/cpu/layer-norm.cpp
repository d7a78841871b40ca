// Layer norm, alone (Op::LayerNorm: an empty epilogue) or with its element-wise consumers fused in:
// act(LN(x)) and dropout(act(LN(x))) (Op::FusedLayerNorm). Forward writes
// only the final output; backward recomputes the normalised value, the activation and the dropout mask
// (counter-based RNG) from x and the per-row statistics, so no intermediate tensor is kept. The arithmetic
// is the unfused chain's, step for step; the compiler may contract a multiply-add into an FMA differently
// here, so fused and unfused gradients agree to the last bit or two (the forward values exactly).
#include <cmath>
#include <vector>

#include "../core/philox.h"
#include "../core/thread-pool.h"
#include "../ops/act-math.h"
#include "cpu-ops.h"

namespace studio::cpu {

namespace {

struct Epilogue {
  Act act;
  float alpha;
  bool drop;
  float rate, scale;
  uint64_t seed, step;
  uint32_t salt;

  /** The fused op's epilogue from its params, or none (plain layer norm). */
  Epilogue(const OpCtx& c, bool fused)
      : act(fused ? c.p->act : Act::Identity),
        alpha(c.p->alpha),
        drop(fused && c.training && c.p->rate > 0.0f),
        rate(c.p->rate),
        scale(1.0f / (1.0f - c.p->rate)),
        seed(c.seed),
        step(c.step),
        salt(c.p->salt) {}

  bool kept(uint64_t i) const { return !drop || philox_uniform(seed, salt, step, i) >= rate; }
};

/** The layer-norm output before the epilogue (the unfused LayerNorm's value). */
inline float normalised(const float* xr, const float* gamma, const float* beta, int64_t n, float mean, float rstd) {
  return (xr[n] - mean) * rstd * gamma[n] + beta[n];
}

/** d(loss)/d(LN output) for row b, as the unfused dropout and activation backward passes compute it. */
void row_grad(const Epilogue& e, const float* xr, const float* gamma, const float* beta, const float* gr, float mean, float rstd,
              int64_t b, int64_t N, float* dy) {
  for (int64_t n = 0; n < N; ++n) {
    const float y = normalised(xr, gamma, beta, n, mean, rstd);
    float g = 0.0f;
    if (e.kept(uint64_t(b * N + n))) g += e.drop ? gr[n] * e.scale : gr[n];
    float d = 0.0f;
    d += g * act_grad(e.act, y, act_value(e.act, y, e.alpha), e.alpha);
    dy[n] = d;
  }
}

void forward(OpCtx& c, const Epilogue& e) {
  const View x = c.in[0];
  const float *gamma = c.in[1].data, *beta = c.in[2].data;
  const int64_t N = x.cols;
  parallel_for(c.pool, x.rows, 64, [&](int64_t b0, int64_t b1, unsigned) {
    for (int64_t b = b0; b < b1; ++b) {
      const float* xr = x.row(b);
      double s = 0, ss = 0;
      for (int64_t n = 0; n < N; ++n) s += xr[n];
      const double mean = s / double(N);
      for (int64_t n = 0; n < N; ++n) ss += (xr[n] - mean) * (xr[n] - mean);
      const float rstd = float(1.0 / std::sqrt(ss / double(N) + c.p->eps));
      c.aux.row(b)[0] = float(mean);
      c.aux.row(b)[1] = rstd;
      float* o = c.out.row(b);
      for (int64_t n = 0; n < N; ++n) {
        const float a = act_value(e.act, normalised(xr, gamma, beta, n, float(mean), rstd), e.alpha);
        o[n] = !e.drop ? a : e.kept(uint64_t(b * N + n)) ? a * e.scale : 0.0f;
      }
    }
  });
}

void backward(OpCtx& c, const Epilogue& e) {
  const View x = c.in[0], g = c.dout;
  const float *gamma = c.in[1].data, *beta = c.in[2].data;
  const int64_t N = x.cols;
  if (c.din[0].data) {
    parallel_for(c.pool, x.rows, 64, [&](int64_t b0, int64_t b1, unsigned) {
      std::vector<float> dy(static_cast<size_t>(N));
      for (int64_t b = b0; b < b1; ++b) {
        const float mean = c.aux.row(b)[0], rstd = c.aux.row(b)[1];
        const float* xr = x.row(b);
        row_grad(e, xr, gamma, beta, g.row(b), mean, rstd, b, N, dy.data());
        double sum_dxh = 0, sum_dxh_xh = 0;
        for (int64_t n = 0; n < N; ++n) {
          const double dxh = double(dy[size_t(n)]) * gamma[n];
          sum_dxh += dxh;
          sum_dxh_xh += dxh * (xr[n] - mean) * rstd;
        }
        const double m1 = sum_dxh / double(N), m2 = sum_dxh_xh / double(N);
        float* d = c.din[0].row(b);
        for (int64_t n = 0; n < N; ++n) {
          const double xh = double(xr[n] - mean) * rstd;
          d[n] += float(rstd * (double(dy[size_t(n)]) * gamma[n] - m1 - xh * m2));
        }
      }
    });
  }
  if (c.din[1].data || c.din[2].data) {
    std::vector<float> dy(static_cast<size_t>(N));
    for (int64_t b = 0; b < x.rows; ++b) {
      const float mean = c.aux.row(b)[0], rstd = c.aux.row(b)[1];
      const float* xr = x.row(b);
      row_grad(e, xr, gamma, beta, g.row(b), mean, rstd, b, N, dy.data());
      for (int64_t n = 0; n < N; ++n) {
        if (c.din[1].data) c.din[1].data[n] += dy[size_t(n)] * (xr[n] - mean) * rstd;
        if (c.din[2].data) c.din[2].data[n] += dy[size_t(n)];
      }
    }
  }
}

}  // namespace

void layer_norm_fwd(OpCtx& c) { forward(c, Epilogue(c, false)); }
void layer_norm_bwd(OpCtx& c) { backward(c, Epilogue(c, false)); }
void fused_layer_norm_fwd(OpCtx& c) { forward(c, Epilogue(c, true)); }
void fused_layer_norm_bwd(OpCtx& c) { backward(c, Epilogue(c, true)); }

}  // namespace studio::cpu
