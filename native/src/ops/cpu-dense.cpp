// Dense, bias add and their fusion. Every output element is reduced by one thread in a fixed
// order, so results do not depend on the number of threads.
#include <algorithm>
#include <cstring>
#include <vector>

#include "../core/thread-pool.h"
#include "act-math.h"
#include "cpu-ops.h"

namespace studio::cpu {

namespace {

constexpr int64_t kRowGrain = 32;

// out[b,:] = x[b,:] W (+ bias), vectorised over the output columns.
void matmul_rows(const View& x, const View& w, const float* bias, const View& out, ThreadPool* pool) {
  const int64_t K = x.cols, N = w.cols;
  parallel_for(pool, x.rows, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
    for (int64_t b = b0; b < b1; ++b) {
      float* __restrict o = out.row(b);
      if (bias) std::memcpy(o, bias, sizeof(float) * N);
      else std::fill(o, o + N, 0.0f);
      const float* xr = x.row(b);
      for (int64_t k = 0; k < K; ++k) {
        const float xv = xr[k];
        const float* __restrict wr = w.row(k);
        for (int64_t n = 0; n < N; ++n) o[n] += xv * wr[n];
      }
    }
  });
}

// dx += dy W^T ; dW += x^T dy ; db += sum_b dy.
void matmul_bwd(const View& x, const View& w, const View& dy, const View& dx, const View& dw, const View& db, ThreadPool* pool) {
  const int64_t B = x.rows, K = x.cols, N = w.cols;
  if (dx.data) {
    // dx[b,:] += sum_n dy[b,n] * W^T[n,:]: axpy over a transposed copy of W vectorises, where a
    // dot-product reduction would not (without reassociating floating-point sums).
    std::vector<float> wt(static_cast<size_t>(K * N));
    for (int64_t k = 0; k < K; ++k)
      for (int64_t n = 0; n < N; ++n) wt[size_t(n * K + k)] = w.data[k * N + n];
    parallel_for(pool, B, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
      for (int64_t b = b0; b < b1; ++b) {
        const float* __restrict g = dy.row(b);
        float* __restrict d = dx.row(b);
        for (int64_t n = 0; n < N; ++n) {
          const float gv = g[n];
          const float* __restrict t = wt.data() + n * K;
          for (int64_t k = 0; k < K; ++k) d[k] += gv * t[k];
        }
      }
    });
  }
  if (dw.data) {
    parallel_for(pool, K, 4, [&](int64_t k0, int64_t k1, unsigned) {
      for (int64_t k = k0; k < k1; ++k) {
        float* __restrict d = dw.row(k);
        for (int64_t b = 0; b < B; ++b) {
          const float xv = x.data[b * K + k];
          const float* __restrict g = dy.row(b);
          for (int64_t n = 0; n < N; ++n) d[n] += xv * g[n];
        }
      }
    });
  }
  if (db.data) {
    for (int64_t b = 0; b < B; ++b) {
      const float* __restrict g = dy.row(b);
      for (int64_t n = 0; n < N; ++n) db.data[n] += g[n];
    }
  }
}

}  // namespace

void dense_fwd(OpCtx& c) { matmul_rows(c.in[0], c.in[1], nullptr, c.out, c.pool); }

void dense_bwd(OpCtx& c) { matmul_bwd(c.in[0], c.in[1], c.dout, c.din[0], c.din[1], View{}, c.pool); }

void bias_add_fwd(OpCtx& c) {
  const View x = c.in[0];
  const float* bias = c.in[1].data;
  parallel_for(c.pool, x.rows, 256, [&](int64_t b0, int64_t b1, unsigned) {
    for (int64_t b = b0; b < b1; ++b) {
      const float* xr = x.row(b);
      float* o = c.out.row(b);
      for (int64_t n = 0; n < x.cols; ++n) o[n] = xr[n] + bias[n];
    }
  });
}

void bias_add_bwd(OpCtx& c) {
  const int64_t total = c.dout.size(), N = c.dout.cols;
  if (c.din[0].data) {
    for (int64_t i = 0; i < total; ++i) c.din[0].data[i] += c.dout.data[i];
  }
  if (c.din[1].data) {
    for (int64_t b = 0; b < c.dout.rows; ++b) {
      const float* g = c.dout.row(b);
      for (int64_t n = 0; n < N; ++n) c.din[1].data[n] += g[n];
    }
  }
}

void fused_dense_fwd(OpCtx& c) {
  const Act act = c.p->act;
  const View pre = act == Act::Identity ? c.out : c.aux;
  matmul_rows(c.in[0], c.in[1], c.in[2].data, pre, c.pool);
  if (act == Act::Identity) return;
  const float alpha = c.p->alpha;
  parallel_for(c.pool, pre.size(), 16384, [&](int64_t i0, int64_t i1, unsigned) {
    for (int64_t i = i0; i < i1; ++i) c.out.data[i] = act_value(act, pre.data[i], alpha);
  });
}

void fused_dense_bwd(OpCtx& c) {
  const Act act = c.p->act;
  View dpre = c.dout;
  if (act != Act::Identity) {
    // The pre-activation is dead after this op, so its buffer holds d(pre) in place.
    dpre = c.aux;
    const float alpha = c.p->alpha;
    parallel_for(c.pool, dpre.size(), 16384, [&](int64_t i0, int64_t i1, unsigned) {
      for (int64_t i = i0; i < i1; ++i) dpre.data[i] = c.dout.data[i] * act_grad(act, dpre.data[i], c.out.data[i], alpha);
    });
  }
  matmul_bwd(c.in[0], c.in[1], dpre, c.din[0], c.din[1], c.din[2], c.pool);
}

}  // namespace studio::cpu
