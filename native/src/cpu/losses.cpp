// Losses and penalties: scalar outputs accumulated in f64 in a fixed order.
#include <algorithm>
#include <cmath>

#include "../core/thread-pool.h"
#include "cpu-ops.h"

namespace studio::cpu {

namespace {
inline float weight_of(const OpParams& p, float y) { return y * p.pos_weight + (1.0f - y) * p.neg_weight; }
}  // namespace

void softplus_neg_abs(const float* z, double* out, int64_t n) {
  typedef double v4d __attribute__((vector_size(32)));
  typedef unsigned long long v4u __attribute__((vector_size(32)));  // wraps for the lanes masked off below
  auto splat = [](double v) { return v4d{v, v, v, v}; };
  auto fma4 = [](v4d a, v4d b, v4d c) { return __builtin_ia32_vfmaddpd256(a, b, c); };
  const v4d ln2_hi = splat(6.93147180369123816490e-01), ln2_lo = splat(1.90821492927058770002e-10);
  const v4d one = splat(1.0), zero = splat(0.0);
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    v4d a;
    for (int l = 0; l < 4; ++l) a[l] = std::fabs(double(z[i + l]));
    // e = exp(-a): -a = k ln2 + r, |r| <= ln2 / 2, exp(r) by its Taylor series to r^13 (error
    // under 1e-17), times 2^k built in the exponent bits. exp(-a) underflows past a = 708; the
    // term is then below 1e-307 and is taken as 0.
    const v4d x = -a;
    const v4d k = __builtin_ia32_roundpd256(x * splat(1.44269504088896340736), 0x08);  // nearest, no exceptions
    const v4d r = fma4(k, -ln2_lo, fma4(k, -ln2_hi, x));
    v4d p = splat(1.0 / 6227020800.0);  // 1/13!
    for (double f : {1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0,
                     1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0})
      p = fma4(p, r, splat(f));
    const v4d shifted = k + splat(6755399441055744.0);  // 2^52 + 2^51: k lands in the low mantissa bits
    v4u bits;
    __builtin_memcpy(&bits, &shifted, sizeof(bits));
    bits = (bits - v4u{0x4338000000000000ULL, 0x4338000000000000ULL, 0x4338000000000000ULL, 0x4338000000000000ULL} + 1023) << 52;
    v4d scale;
    __builtin_memcpy(&scale, &bits, sizeof(scale));
    const v4d e = a > splat(708.0) ? zero : p * scale;
    // log1p(e) = log(u) + (e - (u - 1)) / u with u = 1 + e (the second term restores what the
    // rounding of u lost); log(u) = j ln2 + 2 atanh(t), t = (m - 1) / (m + 1), m = u / 2^j in
    // [0.707, 1.415], |t| <= 0.172, atanh by its series to t^23 (error under 1e-18).
    const v4d u = one + e;
    const v4d corr = (e - (u - one)) / u;
    const auto big = u > splat(1.41421356237309504880);
    const v4d j = big ? one : zero;
    const v4d m = big ? u * splat(0.5) : u;
    const v4d f = m - one;
    const v4d t = f / (splat(2.0) + f);
    const v4d t2 = t * t;
    v4d q = splat(2.0 / 23.0);
    for (double c : {2.0 / 21.0, 2.0 / 19.0, 2.0 / 17.0, 2.0 / 15.0, 2.0 / 13.0, 2.0 / 11.0, 2.0 / 9.0, 2.0 / 7.0, 2.0 / 5.0, 2.0 / 3.0})
      q = fma4(q, t2, splat(c));
    const v4d log_m = fma4(t * t2, q, t + t);
    const v4d res = fma4(j, ln2_hi, log_m + fma4(j, ln2_lo, corr));
    for (int l = 0; l < 4; ++l) out[i + l] = res[l];
  }
  for (; i < n; ++i) out[i] = std::log1p(std::exp(-std::fabs(double(z[i]))));
}

void bce_logits_fwd(OpCtx& c) {
  const int64_t B = c.in[0].rows;
  // The softplus terms in blocks, vectorised; the sum stays sequential in b.
  constexpr int64_t kBlock = 256;
  double sp[kBlock];
  double s = 0;
  for (int64_t b0 = 0; b0 < B; b0 += kBlock) {
    const int64_t nb = std::min(kBlock, B - b0);
    softplus_neg_abs(c.in[0].data + b0, sp, nb);
    for (int64_t i = 0; i < nb; ++i) {
      const float y = c.in[1].data[b0 + i];
      const double z = c.in[0].data[b0 + i];
      s += weight_of(*c.p, y) * (std::max(z, 0.0) - z * y + sp[i]);
    }
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
