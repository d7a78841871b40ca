// Batch norm (per column), statistics accumulated in f64; layer norm is in layer-norm.cpp.
#include <cmath>
#include <vector>

#include "../core/thread-pool.h"
#include "cpu-ops.h"

namespace studio::cpu {

void batch_norm_fwd(OpCtx& c) {
  const View x = c.in[0];
  const float *gamma = c.in[1].data, *beta = c.in[2].data;
  float *run_mean = c.in[3].data, *run_var = c.in[4].data;
  const int64_t B = x.rows, N = x.cols;
  float *mean = c.aux.row(0), *rstd = c.aux.row(1);
  if (c.training) {
    std::vector<double> s(N, 0.0), ss(N, 0.0);
    for (int64_t b = 0; b < B; ++b)
      for (int64_t n = 0; n < N; ++n) s[n] += x.row(b)[n];
    for (int64_t n = 0; n < N; ++n) s[n] /= double(B);
    for (int64_t b = 0; b < B; ++b)
      for (int64_t n = 0; n < N; ++n) ss[n] += (x.row(b)[n] - s[n]) * (x.row(b)[n] - s[n]);
    const float m = c.p->momentum;
    for (int64_t n = 0; n < N; ++n) {
      const double var = ss[n] / double(B);
      mean[n] = float(s[n]);
      rstd[n] = float(1.0 / std::sqrt(var + c.p->eps));
      run_mean[n] = (1 - m) * run_mean[n] + m * float(s[n]);
      run_var[n] = (1 - m) * run_var[n] + m * float(B > 1 ? ss[n] / double(B - 1) : var);
    }
  } else {
    for (int64_t n = 0; n < N; ++n) {
      mean[n] = run_mean[n];
      rstd[n] = 1.0f / std::sqrt(run_var[n] + c.p->eps);
    }
  }
  parallel_for(c.pool, B, 256, [&](int64_t b0, int64_t b1, unsigned) {
    for (int64_t b = b0; b < b1; ++b) {
      const float* xr = x.row(b);
      float* o = c.out.row(b);
      for (int64_t n = 0; n < N; ++n) o[n] = (xr[n] - mean[n]) * rstd[n] * gamma[n] + beta[n];
    }
  });
}

void batch_norm_bwd(OpCtx& c) {
  const View x = c.in[0], g = c.dout;
  const float* gamma = c.in[1].data;
  const int64_t B = x.rows, N = x.cols;
  const float *mean = c.aux.row(0), *rstd = c.aux.row(1);
  std::vector<double> sum_g(N, 0.0), sum_g_xh(N, 0.0);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t n = 0; n < N; ++n) {
      const double xh = double(x.row(b)[n] - mean[n]) * rstd[n];
      sum_g[n] += g.row(b)[n];
      sum_g_xh[n] += g.row(b)[n] * xh;
    }
  if (c.din[1].data)
    for (int64_t n = 0; n < N; ++n) c.din[1].data[n] += float(sum_g_xh[n]);
  if (c.din[2].data)
    for (int64_t n = 0; n < N; ++n) c.din[2].data[n] += float(sum_g[n]);
  if (!c.din[0].data) return;
  parallel_for(c.pool, B, 256, [&](int64_t b0, int64_t b1, unsigned) {
    for (int64_t b = b0; b < b1; ++b) {
      float* d = c.din[0].row(b);
      for (int64_t n = 0; n < N; ++n) {
        if (!c.training) {
          d[n] += g.row(b)[n] * gamma[n] * rstd[n];
          continue;
        }
        const double xh = double(x.row(b)[n] - mean[n]) * rstd[n];
        d[n] += float(gamma[n] * rstd[n] * (g.row(b)[n] - sum_g[n] / double(B) - xh * sum_g_xh[n] / double(B)));
      }
    }
  });
}

}  // namespace studio::cpu
