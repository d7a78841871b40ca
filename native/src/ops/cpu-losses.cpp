// Losses and penalties: scalar outputs accumulated in f64 in a fixed order.
#include <algorithm>
#include <cmath>

#include "../core/thread-pool.h"
#include "cpu-ops.h"

namespace studio::cpu {

namespace {
inline double bce_term(double z, double y) { return std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z))); }
inline float weight_of(const OpParams& p, float y) { return y * p.pos_weight + (1.0f - y) * p.neg_weight; }
}  // namespace

void bce_logits_fwd(OpCtx& c) {
  const int64_t B = c.in[0].rows;
  double s = 0;
  for (int64_t b = 0; b < B; ++b) {
    const float y = c.in[1].data[b];
    s += weight_of(*c.p, y) * bce_term(c.in[0].data[b], y);
  }
  c.out.data[0] = float(s / double(B));
}

void bce_logits_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  const int64_t B = c.in[0].rows;
  const float scale = c.dout.data[0] / float(B);
  for (int64_t b = 0; b < B; ++b) {
    const float z = c.in[0].data[b], y = c.in[1].data[b];
    const float p = 1.0f / (1.0f + std::exp(-z));
    c.din[0].data[b] += scale * weight_of(*c.p, y) * (p - y);
  }
}

void softmax_fwd(OpCtx& c) {
  const int64_t C = c.out.cols;
  parallel_for(c.pool, c.out.rows, 256, [&](int64_t b0, int64_t b1, unsigned) {
    for (int64_t b = b0; b < b1; ++b) {
      const float* z = c.in[0].row(b);
      float* p = c.out.row(b);
      const float m = *std::max_element(z, z + C);
      double s = 0;
      for (int64_t j = 0; j < C; ++j) s += (p[j] = std::exp(z[j] - m));
      for (int64_t j = 0; j < C; ++j) p[j] = float(p[j] / s);
    }
  });
}

void softmax_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  const int64_t C = c.out.cols;
  for (int64_t b = 0; b < c.out.rows; ++b) {
    const float *p = c.out.row(b), *g = c.dout.row(b);
    double dot = 0;
    for (int64_t j = 0; j < C; ++j) dot += double(p[j]) * g[j];
    for (int64_t j = 0; j < C; ++j) c.din[0].row(b)[j] += float(p[j] * (g[j] - dot));
  }
}

void softmax_ce_fwd(OpCtx& c) {
  const int64_t B = c.in[0].rows, C = c.in[0].cols;
  double s = 0;
  for (int64_t b = 0; b < B; ++b) {
    const float* z = c.in[0].row(b);
    const int64_t k = std::clamp<int64_t>(int64_t(c.in[1].data[b]), 0, C - 1);
    const double m = *std::max_element(z, z + C);
    double e = 0;
    for (int64_t j = 0; j < C; ++j) e += std::exp(z[j] - m);
    s += m + std::log(e) - z[k];
  }
  c.out.data[0] = float(s / double(B));
}

void softmax_ce_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  const int64_t B = c.in[0].rows, C = c.in[0].cols;
  const float scale = c.dout.data[0] / float(B);
  for (int64_t b = 0; b < B; ++b) {
    const float* z = c.in[0].row(b);
    const int64_t k = std::clamp<int64_t>(int64_t(c.in[1].data[b]), 0, C - 1);
    const float m = *std::max_element(z, z + C);
    double e = 0;
    for (int64_t j = 0; j < C; ++j) e += std::exp(z[j] - m);
    for (int64_t j = 0; j < C; ++j) {
      const float p = float(std::exp(z[j] - m) / e);
      c.din[0].row(b)[j] += scale * (p - (j == k ? 1.0f : 0.0f));
    }
  }
}

void penalty_fwd(OpCtx& c) {
  const float* w = c.in[0].data;
  double s = 0;
  if (c.op == Op::L1Penalty) {
    for (int64_t i = 0; i < c.in[0].size(); ++i) s += std::abs(w[i]);
    c.out.data[0] = float(c.p->lambda * s);
  } else {
    for (int64_t i = 0; i < c.in[0].size(); ++i) s += double(w[i]) * w[i];
    c.out.data[0] = float(0.5 * c.p->lambda * s);
  }
}

void penalty_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  const float g = c.dout.data[0] * c.p->lambda;
  const float* w = c.in[0].data;
  float* d = c.din[0].data;
  for (int64_t i = 0; i < c.in[0].size(); ++i)
    d[i] += c.op == Op::L1Penalty ? g * float((w[i] > 0) - (w[i] < 0)) : g * w[i];
}

void add_n_fwd(OpCtx& c) {
  double s = 0;
  for (int i = 0; i < c.n_in; ++i) s += c.in[i].data[0];
  c.out.data[0] = float(s);
}

void add_n_bwd(OpCtx& c) {
  for (int i = 0; i < c.n_in; ++i)
    if (c.din[i].data) c.din[i].data[0] += c.dout.data[0];
}

}  // namespace studio::cpu
