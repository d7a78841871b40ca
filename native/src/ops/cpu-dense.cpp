// Dense, bias add and their fusion. Every output element is reduced by one thread in a fixed
// order, so results do not depend on the number of threads.
#include <algorithm>
#include <cstring>
#include <vector>

#include "../core/thread-pool.h"
#include "act-math.h"
#include "simd.h"
#include "cpu-ops.h"

namespace studio::cpu {

namespace {

constexpr int64_t kRowGrain = 48;  // a multiple of the 6-row micro-kernel

// Register-blocked micro-kernel: R rows x 16 columns of out in 2R vector accumulators, so each
// W row slice is loaded once per R rows. Every output sums over k in ascending order, the same
// in the vector and scalar tails, so blocking never changes results.
// With `accumulate`, the sums start from the current out instead of the bias (or zero).
template <int R>
void gemm_block(const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* out, bool accumulate = false) {
  int64_t n = 0;
  for (; n + 16 <= N; n += 16) {
    v8f acc[R][2];
    for (int r = 0; r < R; ++r) {
      acc[r][0] = accumulate ? load8(out + r * N + n) : bias ? load8(bias + n) : splat8(0.0f);
      acc[r][1] = accumulate ? load8(out + r * N + n + 8) : bias ? load8(bias + n + 8) : splat8(0.0f);
    }
    for (int64_t k = 0; k < K; ++k) {
      const v8f w0 = load8(w + k * N + n), w1 = load8(w + k * N + n + 8);
      for (int r = 0; r < R; ++r) {
        const v8f xv = splat8(x[r * K + k]);
        acc[r][0] += xv * w0;
        acc[r][1] += xv * w1;
      }
    }
    for (int r = 0; r < R; ++r) {
      store8(out + r * N + n, acc[r][0]);
      store8(out + r * N + n + 8, acc[r][1]);
    }
  }
  for (; n < N; ++n)
    for (int r = 0; r < R; ++r) {
      float s = accumulate ? out[r * N + n] : bias ? bias[n] : 0.0f;
      for (int64_t k = 0; k < K; ++k) s += x[r * K + k] * w[k * N + n];
      out[r * N + n] = s;
    }
}

// out[b,:] = x[b,:] W (+ bias).
void matmul_rows(const View& x, const View& w, const float* bias, const View& out, ThreadPool* pool) {
  const int64_t K = x.cols, N = w.cols;
  parallel_for(pool, x.rows, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
    int64_t b = b0;
    for (; b + 6 <= b1; b += 6) gemm_block<6>(x.row(b), K, w.data, N, bias, out.row(b));
    for (; b < b1; ++b) gemm_block<1>(x.row(b), K, w.data, N, bias, out.row(b));
  });
}

// dW[k0..k0+R, :] += sum_b x[b, k] dy[b, :], rows b in ascending order.
template <int R>
void weight_grad_block(const View& x, const View& dy, int64_t k0, const View& dw) {
  const int64_t B = x.rows, K = x.cols, N = dy.cols;
  int64_t n = 0;
  for (; n + 16 <= N; n += 16) {
    v8f acc[R][2];
    for (int r = 0; r < R; ++r) {
      acc[r][0] = load8(dw.row(k0 + r) + n);
      acc[r][1] = load8(dw.row(k0 + r) + n + 8);
    }
    for (int64_t b = 0; b < B; ++b) {
      const v8f g0 = load8(dy.row(b) + n), g1 = load8(dy.row(b) + n + 8);
      for (int r = 0; r < R; ++r) {
        const v8f xv = splat8(x.data[b * K + k0 + r]);
        acc[r][0] += xv * g0;
        acc[r][1] += xv * g1;
      }
    }
    for (int r = 0; r < R; ++r) {
      store8(dw.row(k0 + r) + n, acc[r][0]);
      store8(dw.row(k0 + r) + n + 8, acc[r][1]);
    }
  }
  for (; n < N; ++n)
    for (int r = 0; r < R; ++r) {
      float s = dw.row(k0 + r)[n];
      for (int64_t b = 0; b < B; ++b) s += x.data[b * K + k0 + r] * dy.row(b)[n];
      dw.row(k0 + r)[n] = s;
    }
}

// dx += dy W^T ; dW += x^T dy ; db += sum_b dy.
void matmul_bwd(const View& x, const View& w, const View& dy, const View& dx, const View& dw, const View& db, ThreadPool* pool) {
  const int64_t B = x.rows, K = x.cols, N = w.cols;
  if (dx.data) {
    // dx = dy W^T runs through the same register-blocked kernel on a transposed copy of W.
    std::vector<float> wt(static_cast<size_t>(K * N));
    for (int64_t k = 0; k < K; ++k)
      for (int64_t n = 0; n < N; ++n) wt[size_t(n * K + k)] = w.data[k * N + n];
    parallel_for(pool, B, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
      int64_t b = b0;
      for (; b + 6 <= b1; b += 6) gemm_block<6>(dy.row(b), N, wt.data(), K, nullptr, dx.row(b), true);
      for (; b < b1; ++b) gemm_block<1>(dy.row(b), N, wt.data(), K, nullptr, dx.row(b), true);
    });
  }
  if (dw.data) {
    parallel_for(pool, (K + 5) / 6, 2, [&](int64_t c0, int64_t c1, unsigned) {
      for (int64_t c = c0; c < c1; ++c) {
        const int64_t k = c * 6;
        if (k + 6 <= K) weight_grad_block<6>(x, dy, k, dw);
        else
          for (int64_t r = k; r < K; ++r) weight_grad_block<1>(x, dy, r, dw);
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
    with_act(act, [&](auto a) { act_forward_loop<a.value>(pre.data + i0, c.out.data + i0, i1 - i0, alpha); });
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
      with_act(act, [&](auto a) { act_backward_inplace<a.value>(dpre.data + i0, c.out.data + i0, c.dout.data + i0, i1 - i0, alpha); });
    });
  }
  matmul_bwd(c.in[0], c.in[1], dpre, c.din[0], c.din[1], c.din[2], c.pool);
}

}  // namespace studio::cpu
