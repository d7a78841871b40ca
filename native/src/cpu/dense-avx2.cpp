// The AVX2 (x86-64-v3) fp32 dense kernels: register-blocked GEMM with its activation epilogue, the
// weight and bias gradients. Every output element is reduced by one thread in a fixed order, so
// results do not depend on the number of threads; dense-avx512.cpp holds their AVX-512 versions.
#include <algorithm>

#include <immintrin.h>

#include "../core/thread-pool.h"
#include "../ops/act-math.h"
#include "dense-kernels.h"
#include "simd.h"

namespace studio::cpu::avx2 {

namespace {

inline v8f fma8(v8f a, v8f b, v8f c) { return __builtin_ia32_vfmaddps256(a, b, c); }

template <Act A>
inline v8f act8(v8f v, float alpha) {
  const v8f zero = splat8(0.0f);
  // maxps(v, 0) is v > 0 ? v : 0 exactly (NaN gives 0), as act_value's relu.
  if constexpr (A == Act::Relu) return __builtin_ia32_maxps256(v, zero);
  else if constexpr (A == Act::LeakyRelu) return v > zero ? v : splat8(alpha) * v;
  else return v;
}

// Epilogue of R rows x C vectors of accumulators at out + n (row stride N): pre (when non-null)
// gets the sums, out gets act(sum); the activations without an exact vector form run per element.
template <Act A, int R, int C>
inline void store_block(float* pre, float* out, int64_t N, int64_t n, const v8f (&acc)[R][C], float alpha) {
  if (pre)
    for (int r = 0; r < R; ++r)
      for (int j = 0; j < C; ++j) store8(pre + r * N + n + 8 * j, acc[r][j]);
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < C; ++j) store8(out + r * N + n + 8 * j, act8<A>(acc[r][j], alpha));
  if constexpr (!kVectorAct<A>)
    for (int r = 0; r < R; ++r)
      for (int64_t i = n; i < n + 8 * C; ++i) out[r * N + i] = act_value(A, out[r * N + i], alpha);
}

// Register-blocked micro-kernel: R rows x 16 columns of out in 2R vector accumulators, so each
// W row slice is loaded once per R rows; then one 8-column block, then the last N % 8 columns
// with R independent scalar chains. Every output is one fused multiply-add per k, in ascending k
// order, starting from the bias (or zero, or the current out with `accumulate`), in all three
// parts and for every R, so blocking never changes results.
// The epilogue applies the activation: `out` = act(sum) and, when `pre` is non-null, pre = sum.
// Only columns [n_begin, n_end) are computed (n_begin a multiple of 8, or n_end - n_begin < 8).
template <int R, Act A>
void gemm_block(const float* x, int64_t K, const float* w, int64_t N, int64_t n_begin, int64_t n_end, const float* bias, float* pre,
                float* out, float alpha, bool accumulate) {
  auto start8 = [&](int r, int64_t n) { return accumulate ? load8(out + r * N + n) : bias ? load8(bias + n) : splat8(0.0f); };
  int64_t n = n_begin;
  for (; n + 16 <= n_end; n += 16) {
    v8f acc[R][2];
    for (int r = 0; r < R; ++r) {
      acc[r][0] = start8(r, n);
      acc[r][1] = start8(r, n + 8);
    }
    const float* wk = w + n;
    for (int64_t k = 0; k < K; ++k, wk += N) {
      const v8f w0 = load8(wk), w1 = load8(wk + 8);
      for (int r = 0; r < R; ++r) {
        const v8f xv = splat8(x[r * K + k]);
        acc[r][0] = fma8(xv, w0, acc[r][0]);
        acc[r][1] = fma8(xv, w1, acc[r][1]);
      }
    }
    store_block<A>(pre, out, N, n, acc, alpha);
  }
  if (n + 8 <= n_end) {
    v8f acc[R][1];
    for (int r = 0; r < R; ++r) acc[r][0] = start8(r, n);
    const float* wk = w + n;
    for (int64_t k = 0; k < K; ++k, wk += N) {
      const v8f w0 = load8(wk);
      for (int r = 0; r < R; ++r) acc[r][0] = fma8(splat8(x[r * K + k]), w0, acc[r][0]);
    }
    store_block<A>(pre, out, N, n, acc, alpha);
    n += 8;
  }
  for (; n < n_end; ++n) {
    float s[R];
    for (int r = 0; r < R; ++r) s[r] = accumulate ? out[r * N + n] : bias ? bias[n] : 0.0f;
    for (int64_t k = 0; k < K; ++k) {
      const float wkn = w[k * N + n];
      for (int r = 0; r < R; ++r) s[r] = __builtin_fmaf(x[r * K + k], wkn, s[r]);
    }
    for (int r = 0; r < R; ++r) {
      if (pre) pre[r * N + n] = s[r];
      out[r * N + n] = act_value(A, s[r], alpha);
    }
  }
}

// Columns [n_begin, n_end) of rows [b0, b1) through 6-row blocks, then one block of the remaining 1-5 rows.
template <Act A>
void gemm_row_blocks(const float* x, int64_t K, const float* w, int64_t N, int64_t n_begin, int64_t n_end, const float* bias, float* pre,
                     float* out, float alpha, bool accumulate, int64_t b0, int64_t b1) {
  int64_t b = b0;
  auto at = [&](float* p) { return p ? p + b * N : nullptr; };
  for (; b + 6 <= b1; b += 6) gemm_block<6, A>(x + b * K, K, w, N, n_begin, n_end, bias, at(pre), out + b * N, alpha, accumulate);
  switch (b1 - b) {
    case 5: return gemm_block<5, A>(x + b * K, K, w, N, n_begin, n_end, bias, at(pre), out + b * N, alpha, accumulate);
    case 4: return gemm_block<4, A>(x + b * K, K, w, N, n_begin, n_end, bias, at(pre), out + b * N, alpha, accumulate);
    case 3: return gemm_block<3, A>(x + b * K, K, w, N, n_begin, n_end, bias, at(pre), out + b * N, alpha, accumulate);
    case 2: return gemm_block<2, A>(x + b * K, K, w, N, n_begin, n_end, bias, at(pre), out + b * N, alpha, accumulate);
    case 1: return gemm_block<1, A>(x + b * K, K, w, N, n_begin, n_end, bias, at(pre), out + b * N, alpha, accumulate);
    default: return;
  }
}

// Columns 0-7 of x[r * stride + c] for rows r = 0..7, transposed: t[c] holds column c of the 8 rows.
inline void transpose8x8(const float* p, int64_t stride, v8f (&t)[8]) {
  __m256 a[4], b[4];
  for (int i = 0; i < 4; ++i) {
    a[i] = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(p + i * stride)), _mm_loadu_ps(p + (i + 4) * stride), 1);
    b[i] = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(p + i * stride + 4)), _mm_loadu_ps(p + (i + 4) * stride + 4), 1);
  }
  const __m256 u0 = _mm256_unpacklo_ps(a[0], a[1]), u1 = _mm256_unpackhi_ps(a[0], a[1]);
  const __m256 u2 = _mm256_unpacklo_ps(a[2], a[3]), u3 = _mm256_unpackhi_ps(a[2], a[3]);
  const __m256 v0 = _mm256_unpacklo_ps(b[0], b[1]), v1 = _mm256_unpackhi_ps(b[0], b[1]);
  const __m256 v2 = _mm256_unpacklo_ps(b[2], b[3]), v3 = _mm256_unpackhi_ps(b[2], b[3]);
  t[0] = v8f(_mm256_shuffle_ps(u0, u2, 0x44));
  t[1] = v8f(_mm256_shuffle_ps(u0, u2, 0xEE));
  t[2] = v8f(_mm256_shuffle_ps(u1, u3, 0x44));
  t[3] = v8f(_mm256_shuffle_ps(u1, u3, 0xEE));
  t[4] = v8f(_mm256_shuffle_ps(v0, v2, 0x44));
  t[5] = v8f(_mm256_shuffle_ps(v0, v2, 0xEE));
  t[6] = v8f(_mm256_shuffle_ps(v1, v3, 0x44));
  t[7] = v8f(_mm256_shuffle_ps(v1, v3, 0xEE));
}

// The last N % 8 columns (n0..N) for G groups of 8 rows at x (row stride K), with vectors across
// the rows: x tiles are transposed in registers, so each output is still one fused multiply-add
// per k in ascending k order from the same start as gemm_block's scalar chains (same results), at
// one vector FMA per k for 8 rows; the G groups are independent chains that hide FMA latency.
template <int G, int C, Act A>
void gemm_tail8(const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
                bool accumulate) {
  const int64_t n0 = N - C;
  v8f acc[G][C];
  for (int g = 0; g < G; ++g)
    for (int c = 0; c < C; ++c) {
      float t[8];
      for (int i = 0; i < 8; ++i) t[i] = accumulate ? out[(8 * g + i) * N + n0 + c] : bias ? bias[n0 + c] : 0.0f;
      acc[g][c] = load8(t);
    }
  int64_t k = 0;
  for (; k + 8 <= K; k += 8)
    for (int g = 0; g < G; ++g) {
      v8f xt[8];
      transpose8x8(x + 8 * g * K + k, K, xt);
      for (int j = 0; j < 8; ++j)
        for (int c = 0; c < C; ++c) acc[g][c] = fma8(xt[j], splat8(w[(k + j) * N + n0 + c]), acc[g][c]);
    }
  for (; k < K; ++k)
    for (int g = 0; g < G; ++g) {
      float t[8];
      for (int i = 0; i < 8; ++i) t[i] = x[(8 * g + i) * K + k];
      const v8f xv = load8(t);
      for (int c = 0; c < C; ++c) acc[g][c] = fma8(xv, splat8(w[k * N + n0 + c]), acc[g][c]);
    }
  for (int g = 0; g < G; ++g)
    for (int c = 0; c < C; ++c) {
      float t[8];
      if (pre) {
        store8(t, acc[g][c]);
        for (int i = 0; i < 8; ++i) pre[(8 * g + i) * N + n0 + c] = t[i];
      }
      store8(t, act8<A>(acc[g][c], alpha));
      for (int i = 0; i < 8; ++i) out[(8 * g + i) * N + n0 + c] = kVectorAct<A> ? t[i] : act_value(A, t[i], alpha);
    }
}

// Rows [b, b1) of the last C columns: groups of 8 rows, four (C <= 2) or two (C <= 4) at a time;
// returns the first row not done (fewer than 8 remain).
template <int C, Act A>
int64_t gemm_tail_rows(const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
                       bool accumulate, int64_t b, int64_t b1) {
  constexpr int G = C <= 2 ? 4 : C <= 4 ? 2 : 1;
  auto at = [&](float* p) { return p ? p + b * N : nullptr; };
  for (; b + 8 * G <= b1; b += 8 * G) gemm_tail8<G, C, A>(x + b * K, K, w, N, bias, at(pre), out + b * N, alpha, accumulate);
  for (; b + 8 <= b1; b += 8) gemm_tail8<1, C, A>(x + b * K, K, w, N, bias, at(pre), out + b * N, alpha, accumulate);
  return b;
}

// Rows [b0, b1): the 16- and 8-column blocks by row blocks; the last N % 8 columns by groups of
// 8 rows (vectors across rows), the last b1 - b0 % 8 rows' tails by the scalar chains.
template <Act A>
void gemm_rows_t(const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
               bool accumulate, int64_t b0, int64_t b1) {
  const int64_t n0 = N - N % 8;
  if (n0 == N || b1 - b0 < 8) return gemm_row_blocks<A>(x, K, w, N, 0, N, bias, pre, out, alpha, accumulate, b0, b1);
  if (n0 > 0) gemm_row_blocks<A>(x, K, w, N, 0, n0, bias, pre, out, alpha, accumulate, b0, b1);
  int64_t b = b0;
  switch (N - n0) {
#define STUDIO_TAIL(C) \
  case C: b = gemm_tail_rows<C, A>(x, K, w, N, bias, pre, out, alpha, accumulate, b0, b1); break;
    STUDIO_TAIL(1) STUDIO_TAIL(2) STUDIO_TAIL(3) STUDIO_TAIL(4) STUDIO_TAIL(5) STUDIO_TAIL(6) STUDIO_TAIL(7)
#undef STUDIO_TAIL
  }
  gemm_row_blocks<A>(x, K, w, N, n0, N, bias, pre, out, alpha, accumulate, b, b1);
}

// dW[k0..k0+R, :] += sum_{b in [b0, b1)} x[b, k] dy[b, :], rows b in ascending order, one fused
// multiply-add per b; columns in 16- and 8-wide blocks (the last N % 8 columns are done by
// weight_grad_cols). Row tiles called in ascending order give the same sums as one call over all
// rows: each tile continues from the value the previous one stored.
template <int R>
void weight_grad_block(const View& x, const View& dy, int64_t k0, const View& dw, int64_t b0, int64_t b1) {
  const int64_t K = x.cols, N = dy.cols;
  int64_t n = 0;
  for (; n + 16 <= N; n += 16) {
    v8f acc[R][2];
    for (int r = 0; r < R; ++r) {
      acc[r][0] = load8(dw.row(k0 + r) + n);
      acc[r][1] = load8(dw.row(k0 + r) + n + 8);
    }
    for (int64_t b = b0; b < b1; ++b) {
      const v8f g0 = load8(dy.row(b) + n), g1 = load8(dy.row(b) + n + 8);
      for (int r = 0; r < R; ++r) {
        const v8f xv = splat8(x.data[b * K + k0 + r]);
        acc[r][0] = fma8(xv, g0, acc[r][0]);
        acc[r][1] = fma8(xv, g1, acc[r][1]);
      }
    }
    for (int r = 0; r < R; ++r) {
      store8(dw.row(k0 + r) + n, acc[r][0]);
      store8(dw.row(k0 + r) + n + 8, acc[r][1]);
    }
  }
  if (n + 8 <= N) {
    v8f acc[R];
    for (int r = 0; r < R; ++r) acc[r] = load8(dw.row(k0 + r) + n);
    for (int64_t b = b0; b < b1; ++b) {
      const v8f g0 = load8(dy.row(b) + n);
      for (int r = 0; r < R; ++r) acc[r] = fma8(splat8(x.data[b * K + k0 + r]), g0, acc[r]);
    }
    for (int r = 0; r < R; ++r) store8(dw.row(k0 + r) + n, acc[r]);
  }
}

// dW[k..k+8, n] (a column slice, stride N) as a vector, and back.
inline v8f load_col8(const float* p, int64_t stride) {
  float t[8];
  for (int l = 0; l < 8; ++l) t[l] = p[l * stride];
  return load8(t);
}
inline void store_col8(float* p, int64_t stride, v8f v) {
  float t[8];
  store8(t, v);
  for (int l = 0; l < 8; ++l) p[l * stride] = t[l];
}

}  // namespace

void gemm_rows(Act act, const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
               bool accumulate, int64_t b0, int64_t b1) {
  with_act(act, [&](auto a) { gemm_rows_t<a.value>(x, K, w, N, bias, pre, out, alpha, accumulate, b0, b1); });
}

int64_t gemm_tail_rows(Act act, int cols, const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out,
                       float alpha, bool accumulate, int64_t b, int64_t b1) {
  int64_t done = b;
  with_act(act, [&](auto a) {
    switch (cols) {
#define STUDIO_TAIL(C) \
  case C: done = gemm_tail_rows<C, a.value>(x, K, w, N, bias, pre, out, alpha, accumulate, b, b1); break;
      STUDIO_TAIL(1) STUDIO_TAIL(2) STUDIO_TAIL(3) STUDIO_TAIL(4) STUDIO_TAIL(5) STUDIO_TAIL(6) STUDIO_TAIL(7)
#undef STUDIO_TAIL
      default: break;
    }
  });
  return done;
}

// The columns [n0, N) of dW (the last N % 8, or N % 16 on the AVX-512 path) for rows k in [k0, k1): vectors run along k (x rows are
// contiguous in k) and each dW element still sums over b in ascending order with one fused
// multiply-add per b, as weight_grad_block does.
void weight_grad_cols(const View& x, const View& dy, int64_t n0, int64_t k0, int64_t k1, const View& dw) {
  const int64_t B = x.rows, K = x.cols, N = dy.cols;
  for (int64_t n = n0; n < N; ++n) {
    int64_t k = k0;
    for (; k + 32 <= k1; k += 32) {
      v8f acc[4];
      for (int j = 0; j < 4; ++j) acc[j] = load_col8(dw.data + (k + 8 * j) * N + n, N);
      for (int64_t b = 0; b < B; ++b) {
        const v8f g = splat8(dy.data[b * N + n]);
        for (int j = 0; j < 4; ++j) acc[j] = fma8(load8(x.data + b * K + k + 8 * j), g, acc[j]);
      }
      for (int j = 0; j < 4; ++j) store_col8(dw.data + (k + 8 * j) * N + n, N, acc[j]);
    }
    for (; k + 8 <= k1; k += 8) {
      v8f acc = load_col8(dw.data + k * N + n, N);
      for (int64_t b = 0; b < B; ++b) acc = fma8(load8(x.data + b * K + k), splat8(dy.data[b * N + n]), acc);
      store_col8(dw.data + k * N + n, N, acc);
    }
    for (; k < k1; k += 4) {
      const int m = int(std::min<int64_t>(4, k1 - k));
      float s[4];
      for (int l = 0; l < m; ++l) s[l] = dw.data[(k + l) * N + n];
      for (int64_t b = 0; b < B; ++b) {
        const float g = dy.data[b * N + n];
        for (int l = 0; l < m; ++l) s[l] = __builtin_fmaf(x.data[b * K + k + l], g, s[l]);
      }
      for (int l = 0; l < m; ++l) dw.data[(k + l) * N + n] = s[l];
    }
  }
}

// db[n] += sum_b dy[b, n], b ascending: up to 64 columns at a time in vector registers (instead
// of a load-add-store of db per row), the last N % 8 columns as scalar chains.
void bias_grad(const View& dy, const View& db) {
  const int64_t B = dy.rows, N = dy.cols;
  int64_t n = 0;
  for (; n + 8 <= N;) {
    const int C = int(std::min<int64_t>(8, (N - n) / 8));
    v8f acc[8];
    for (int j = 0; j < C; ++j) acc[j] = load8(db.data + n + 8 * j);
    for (int64_t b = 0; b < B; ++b)
      for (int j = 0; j < C; ++j) acc[j] += load8(dy.data + b * N + n + 8 * j);
    for (int j = 0; j < C; ++j) store8(db.data + n + 8 * j, acc[j]);
    n += 8 * C;
  }
  if (n < N) {
    float s[8];
    const int C = int(N - n);
    for (int j = 0; j < C; ++j) s[j] = db.data[n + j];
    for (int64_t b = 0; b < B; ++b)
      for (int j = 0; j < C; ++j) s[j] += dy.data[b * N + n + j];
    for (int j = 0; j < C; ++j) db.data[n + j] = s[j];
  }
}

// dW += x^T dy: k in chunks of 6 rows, b in tiles of kGradRows (ascending), columns in 16- and
// 8-wide blocks, the last N % 8 columns by weight_grad_cols.
void weight_grad(const View& x, const View& dy, const View& dw, ThreadPool* pool) {
  const int64_t B = x.rows, K = x.cols, N = dy.cols;
  if (N >= 8) {
    // Rows in tiles of kGradRows so the x and dy rows a tile reads stay in L1 across the
    // column blocks and k blocks of the chunk.
    parallel_for(pool, (K + 5) / 6, 2, [&](int64_t c0, int64_t c1, unsigned) {
      for (int64_t b0 = 0; b0 < B; b0 += kGradRows) {
        const int64_t b1 = std::min(B, b0 + kGradRows);
        for (int64_t c = c0; c < c1; ++c) {
          const int64_t k = c * 6;
          switch (std::min<int64_t>(6, K - k)) {
            case 6: weight_grad_block<6>(x, dy, k, dw, b0, b1); break;
            case 5: weight_grad_block<5>(x, dy, k, dw, b0, b1); break;
            case 4: weight_grad_block<4>(x, dy, k, dw, b0, b1); break;
            case 3: weight_grad_block<3>(x, dy, k, dw, b0, b1); break;
            case 2: weight_grad_block<2>(x, dy, k, dw, b0, b1); break;
            default: weight_grad_block<1>(x, dy, k, dw, b0, b1); break;
          }
        }
      }
    });
  }
  if (N % 8) {
    const int64_t n0 = N - N % 8;
    parallel_for(pool, (K + 31) / 32, 1, [&](int64_t c0, int64_t c1, unsigned) {
      weight_grad_cols(x, dy, n0, c0 * 32, std::min(K, c1 * 32), dw);
    });
  }
}

}  // namespace studio::cpu::avx2
