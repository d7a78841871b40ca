// Dense, bias add and their fusion. Every output element is reduced by one thread in a fixed
// order, so results do not depend on the number of threads, nor on the ISA: the AVX2 kernels and
// their AVX-512 versions (chosen at run time, see fp32_isa()) give bitwise identical results.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <immintrin.h>

#include "../core/thread-pool.h"
#include "act-math.h"
#include "simd.h"
#include "cpu-ops.h"

namespace studio::cpu {

namespace {

constexpr int64_t kRowGrain = 48;   // a multiple of the 6-row micro-kernel
constexpr int64_t kGradRows = 128;  // row tile of the weight gradient

inline v8f fma8(v8f a, v8f b, v8f c) { return __builtin_ia32_vfmaddps256(a, b, c); }

// Activations whose vector form is an exact select; the others go through act_value per element.
template <Act A>
constexpr bool kVectorAct = A == Act::Identity || A == Act::Relu || A == Act::LeakyRelu;

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
void gemm_rows(const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
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

// The last N % 8 columns of dW for rows k in [k0, k1): vectors run along k (x rows are
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

// ---------------------------------------------------------------------------------------------
// AVX-512 (F/BW/VL/DQ) versions of the GEMM, weight- and bias-gradient kernels, compiled per function
// through the target pragma (the rest of the build stays x86-64-v3) and chosen at run time by
// fp32_isa(). 16-wide vectors, up to 4 per row (64 columns), and a masked last vector for the
// columns past the last multiple of 16 instead of an 8-column block plus scalar chains. Every
// output is still one fused multiply-add per k (per b for dW) in ascending order from the same
// start (bias, zero or the current value), and the epilogue is the same (relu as maxps, leaky relu
// as a select, the other activations through act_value per element), so the results are bitwise
// identical to the AVX2 kernels above. Where only 1-7 columns are left past the last multiple of
// 16, the AVX2 column-tail kernels (vectors across rows, or along k) do them, as in the AVX2 path:
// a 16-wide column vector would be mostly masked there.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512bw,avx512vl,avx512dq"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512dq")
#endif
namespace avx512 {

using V = __m512;
constexpr __mmask16 kAll = 0xFFFF;

// Vector j of C at p: the last one (j == C - 1) masked by `last` when M, the others whole.
template <int C, bool M>
inline V load_v(const float* p, int j, __mmask16 last) {
  return M && j == C - 1 ? _mm512_maskz_loadu_ps(last, p) : _mm512_loadu_ps(p);
}
template <int C, bool M>
inline void store_v(float* p, int j, __mmask16 last, V v) {
  if (M && j == C - 1) _mm512_mask_storeu_ps(p, last, v);
  else _mm512_storeu_ps(p, v);
}

// The activations with an exact vector form, as act8.
template <Act A>
inline V act16(V v, float alpha) {
  const V zero = _mm512_setzero_ps();
  // v > 0 ? v : 0, NaN gives 0, as maxps256 (maskz_ form: _mm512_max_ps trips a false -Wuninitialized in GCC 12).
  if constexpr (A == Act::Relu) return _mm512_maskz_max_ps(kAll, v, zero);
  else if constexpr (A == Act::LeakyRelu)
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(v, zero, _CMP_GT_OQ), _mm512_mul_ps(_mm512_set1_ps(alpha), v), v);
  else return v;
}

// R rows x C vectors (16C columns from column n, the last vector masked by `last` when M) of
// out = act(x W + bias), as gemm_block. VA is the activation when it has a vector form (else
// Identity, and `post` is applied per element to the stored sums, as store_block does).
template <int R, int C, bool M, Act VA>
void gemm_tile(const float* x, int64_t K, const float* w, int64_t N, int64_t n, __mmask16 last, const float* bias, float* pre,
               float* out, float alpha, bool accumulate, Act post) {
  V acc[R][C];
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < C; ++j)
      acc[r][j] = accumulate ? load_v<C, M>(out + r * N + n + 16 * j, j, last)
                  : bias     ? load_v<C, M>(bias + n + 16 * j, j, last)
                             : _mm512_setzero_ps();
  const float* wk = w + n;
  for (int64_t k = 0; k < K; ++k, wk += N) {
    V wv[C];
    for (int j = 0; j < C; ++j) wv[j] = load_v<C, M>(wk + 16 * j, j, last);
    for (int r = 0; r < R; ++r) {
      const V xv = _mm512_set1_ps(x[r * K + k]);
      for (int j = 0; j < C; ++j) acc[r][j] = _mm512_fmadd_ps(xv, wv[j], acc[r][j]);
    }
  }
  if (pre)
    for (int r = 0; r < R; ++r)
      for (int j = 0; j < C; ++j) store_v<C, M>(pre + r * N + n + 16 * j, j, last, acc[r][j]);
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < C; ++j) store_v<C, M>(out + r * N + n + 16 * j, j, last, act16<VA>(acc[r][j], alpha));
  if (post != Act::Identity) {
    const int64_t width = 16 * (C - 1) + (M ? __builtin_popcount(last) : 16);
    for (int r = 0; r < R; ++r)
      for (int64_t i = n; i < n + width; ++i) out[r * N + i] = act_value(post, out[r * N + i], alpha);
  }
}

// R rows, columns [n_begin, n_end): 64-column tiles, then one tile of the remaining 1-4 vectors
// (the last one masked when (n_end - n_begin) % 16 != 0).
template <int R, Act VA>
void gemm_block(const float* x, int64_t K, const float* w, int64_t N, int64_t n_begin, int64_t n_end, const float* bias, float* pre,
                float* out, float alpha, bool accumulate, Act post) {
  int64_t n = n_begin;
  for (; n + 64 <= n_end; n += 64) gemm_tile<R, 4, false, VA>(x, K, w, N, n, kAll, bias, pre, out, alpha, accumulate, post);
  const int64_t rest = n_end - n;
  const int m = int(rest % 16);
  const __mmask16 last = m ? __mmask16((1u << m) - 1) : kAll;
  switch (int(rest / 16) * 2 + (m != 0)) {
#define STUDIO_TILE(S, C, M) \
  case S: return gemm_tile<R, C, M, VA>(x, K, w, N, n, last, bias, pre, out, alpha, accumulate, post);
    STUDIO_TILE(1, 1, true) STUDIO_TILE(2, 1, false) STUDIO_TILE(3, 2, true) STUDIO_TILE(4, 2, false)
    STUDIO_TILE(5, 3, true) STUDIO_TILE(6, 3, false) STUDIO_TILE(7, 4, true)
#undef STUDIO_TILE
    default: return;
  }
}

// Columns [n_begin, n_end) of rows [b0, b1) through 6-row blocks, then one block of the remaining 1-5 rows.
template <Act VA>
void gemm_row_blocks(const float* x, int64_t K, const float* w, int64_t N, int64_t n_begin, int64_t n_end, const float* bias, float* pre,
                     float* out, float alpha, bool accumulate, Act post, int64_t b0, int64_t b1) {
  int64_t b = b0;
  auto at = [&](float* p) { return p ? p + b * N : nullptr; };
  for (; b + 6 <= b1; b += 6) gemm_block<6, VA>(x + b * K, K, w, N, n_begin, n_end, bias, at(pre), out + b * N, alpha, accumulate, post);
  switch (b1 - b) {
#define STUDIO_ROWS(R) \
  case R: return gemm_block<R, VA>(x + b * K, K, w, N, n_begin, n_end, bias, at(pre), out + b * N, alpha, accumulate, post);
    STUDIO_ROWS(5) STUDIO_ROWS(4) STUDIO_ROWS(3) STUDIO_ROWS(2) STUDIO_ROWS(1)
#undef STUDIO_ROWS
    default: return;
  }
}

// Rows [b0, b1), as the AVX2 gemm_rows: 16-column vectors (the last one masked), except that when
// 1-7 columns are left past the last multiple of 16 and there are at least 8 rows, those columns go
// through the AVX2 tail kernel (vectors across rows), and its last b1 - b0 % 8 rows through a masked vector.
template <Act A>
void gemm_rows(const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
               bool accumulate, int64_t b0, int64_t b1) {
  constexpr Act VA = kVectorAct<A> ? A : Act::Identity;
  const Act post = kVectorAct<A> ? Act::Identity : A;
  const int64_t tail = N % 16;
  if (tail == 0 || tail >= 8 || b1 - b0 < 8)
    return gemm_row_blocks<VA>(x, K, w, N, 0, N, bias, pre, out, alpha, accumulate, post, b0, b1);
  const int64_t n0 = N - tail;
  if (n0 > 0) gemm_row_blocks<VA>(x, K, w, N, 0, n0, bias, pre, out, alpha, accumulate, post, b0, b1);
  int64_t b = b0;
  switch (tail) {
#define STUDIO_TAIL(C) \
  case C: b = gemm_tail_rows<C, A>(x, K, w, N, bias, pre, out, alpha, accumulate, b0, b1); break;
    STUDIO_TAIL(1) STUDIO_TAIL(2) STUDIO_TAIL(3) STUDIO_TAIL(4) STUDIO_TAIL(5) STUDIO_TAIL(6) STUDIO_TAIL(7)
#undef STUDIO_TAIL
  }
  gemm_row_blocks<VA>(x, K, w, N, n0, N, bias, pre, out, alpha, accumulate, post, b, b1);
}

// dW[k0..k0+R, n..n+16C) += sum_{b in [b0, b1)} x[b, k] dy[b, :] (the last vector masked when M),
// one fused multiply-add per b in ascending b order, as the AVX2 weight_grad_block.
template <int R, int C, bool M>
void weight_grad_tile(const float* x, int64_t K, const float* dy, int64_t N, int64_t k0, int64_t n, __mmask16 last, float* dw,
                      int64_t b0, int64_t b1) {
  V acc[R][C];
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < C; ++j) acc[r][j] = load_v<C, M>(dw + (k0 + r) * N + n + 16 * j, j, last);
  for (int64_t b = b0; b < b1; ++b) {
    V g[C];
    for (int j = 0; j < C; ++j) g[j] = load_v<C, M>(dy + b * N + n + 16 * j, j, last);
    const float* xb = x + b * K + k0;
    for (int r = 0; r < R; ++r) {
      const V xv = _mm512_set1_ps(xb[r]);
      for (int j = 0; j < C; ++j) acc[r][j] = _mm512_fmadd_ps(xv, g[j], acc[r][j]);
    }
  }
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < C; ++j) store_v<C, M>(dw + (k0 + r) * N + n + 16 * j, j, last, acc[r][j]);
}

// dW rows [k0, k0 + R), columns [0, n_end), rows b in [b0, b1): 64-column tiles, then one tile of the rest.
template <int R>
void weight_grad_block(const View& x, const View& dy, int64_t k0, int64_t n_end, const View& dw, int64_t b0, int64_t b1) {
  const int64_t K = x.cols, N = dy.cols;
  int64_t n = 0;
  for (; n + 64 <= n_end; n += 64) weight_grad_tile<R, 4, false>(x.data, K, dy.data, N, k0, n, kAll, dw.data, b0, b1);
  const int64_t rest = n_end - n;
  const int m = int(rest % 16);
  const __mmask16 last = m ? __mmask16((1u << m) - 1) : kAll;
  switch (int(rest / 16) * 2 + (m != 0)) {
#define STUDIO_TILE(S, C, M) \
  case S: return weight_grad_tile<R, C, M>(x.data, K, dy.data, N, k0, n, last, dw.data, b0, b1);
    STUDIO_TILE(1, 1, true) STUDIO_TILE(2, 1, false) STUDIO_TILE(3, 2, true) STUDIO_TILE(4, 2, false)
    STUDIO_TILE(5, 3, true) STUDIO_TILE(6, 3, false) STUDIO_TILE(7, 4, true)
#undef STUDIO_TILE
    default: return;
  }
}

// dW += x^T dy as the AVX2 path: k in chunks of 6 rows, b in tiles of kGradRows (ascending), the
// columns up to the last multiple of 16 (or all of them, the last vector masked, when 8-15 are
// left) by 16-wide vectors; the last 1-7 columns by weight_grad_cols (vectors along k).
void weight_grad(const View& x, const View& dy, const View& dw, ThreadPool* pool) {
  const int64_t B = x.rows, K = x.cols, N = dy.cols;
  const int64_t n_vec = N % 16 < 8 ? N - N % 16 : N;
  if (n_vec > 0) {
    parallel_for(pool, (K + 5) / 6, 2, [&](int64_t c0, int64_t c1, unsigned) {
      for (int64_t b0 = 0; b0 < B; b0 += kGradRows) {
        const int64_t b1 = std::min(B, b0 + kGradRows);
        for (int64_t c = c0; c < c1; ++c) {
          const int64_t k = c * 6;
          switch (std::min<int64_t>(6, K - k)) {
            case 6: weight_grad_block<6>(x, dy, k, n_vec, dw, b0, b1); break;
            case 5: weight_grad_block<5>(x, dy, k, n_vec, dw, b0, b1); break;
            case 4: weight_grad_block<4>(x, dy, k, n_vec, dw, b0, b1); break;
            case 3: weight_grad_block<3>(x, dy, k, n_vec, dw, b0, b1); break;
            case 2: weight_grad_block<2>(x, dy, k, n_vec, dw, b0, b1); break;
            default: weight_grad_block<1>(x, dy, k, n_vec, dw, b0, b1); break;
          }
        }
      }
    });
  }
  if (n_vec < N)
    parallel_for(pool, (K + 31) / 32, 1, [&](int64_t c0, int64_t c1, unsigned) {
      weight_grad_cols(x, dy, n_vec, c0 * 32, std::min(K, c1 * 32), dw);
    });
}

// db[n..n+16C) += sum_b dy[b, :], b ascending (the last vector masked when M): the sums stay in
// registers, as in the AVX2 bias_grad, and the last N % 16 columns are one masked vector instead
// of scalar chains.
template <int C, bool M>
void bias_grad_tile(const float* dy, int64_t B, int64_t N, int64_t n, __mmask16 last, float* db) {
  V acc[C];
  for (int j = 0; j < C; ++j) acc[j] = load_v<C, M>(db + n + 16 * j, j, last);
  for (int64_t b = 0; b < B; ++b)
    for (int j = 0; j < C; ++j) acc[j] = _mm512_add_ps(acc[j], load_v<C, M>(dy + b * N + n + 16 * j, j, last));
  for (int j = 0; j < C; ++j) store_v<C, M>(db + n + 16 * j, j, last, acc[j]);
}

void bias_grad(const View& dy, const View& db) {
  const int64_t B = dy.rows, N = dy.cols;
  int64_t n = 0;
  for (; n + 64 <= N; n += 64) bias_grad_tile<4, false>(dy.data, B, N, n, kAll, db.data);
  const int64_t rest = N - n;
  const int m = int(rest % 16);
  const __mmask16 last = m ? __mmask16((1u << m) - 1) : kAll;
  switch (int(rest / 16) * 2 + (m != 0)) {
#define STUDIO_TILE(S, C, M) \
  case S: return bias_grad_tile<C, M>(dy.data, B, N, n, last, db.data);
    STUDIO_TILE(1, 1, true) STUDIO_TILE(2, 1, false) STUDIO_TILE(3, 2, true) STUDIO_TILE(4, 2, false)
    STUDIO_TILE(5, 3, true) STUDIO_TILE(6, 3, false) STUDIO_TILE(7, 4, true)
#undef STUDIO_TILE
    default: return;
  }
}

}  // namespace avx512
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
// ---------------------------------------------------------------------------------------------

bool use_avx512() { return fp32_isa() == Fp32Isa::Avx512; }

// out[b,:] = act(x[b,:] W + bias); pre[b,:] = x[b,:] W + bias when pre is non-null.
void matmul_rows(const View& x, const View& w, const float* bias, Act act, float alpha, float* pre, const View& out, ThreadPool* pool) {
  const int64_t K = x.cols, N = w.cols;
  const bool wide = use_avx512();
  parallel_for(pool, x.rows, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
    with_act(act, [&](auto a) {
      if (wide) avx512::gemm_rows<a.value>(x.data, K, w.data, N, bias, pre, out.data, alpha, false, b0, b1);
      else gemm_rows<a.value>(x.data, K, w.data, N, bias, pre, out.data, alpha, false, b0, b1);
    });
  });
}

// dx += dy W^T ; dW += x^T dy ; db += sum_b dy.
void matmul_bwd(const View& x, const View& w, const View& dy, const View& dx, const View& dw, const View& db, ThreadPool* pool) {
  const int64_t B = x.rows, K = x.cols, N = w.cols;
  if (dx.data) {
    // dx = dy W^T runs through the same register-blocked kernel on a transposed copy of W.
    thread_local std::vector<float> wt;
    wt.resize(static_cast<size_t>(K * N));
    for (int64_t k = 0; k < K; ++k)
      for (int64_t n = 0; n < N; ++n) wt[size_t(n * K + k)] = w.data[k * N + n];
    const float* wtp = wt.data();
    const bool wide = use_avx512();
    parallel_for(pool, B, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
      if (wide) avx512::gemm_rows<Act::Identity>(dy.data, N, wtp, K, nullptr, nullptr, dx.data, 0.0f, true, b0, b1);
      else gemm_rows<Act::Identity>(dy.data, N, wtp, K, nullptr, nullptr, dx.data, 0.0f, true, b0, b1);
    });
  }
  if (dw.data && use_avx512()) {
    avx512::weight_grad(x, dy, dw, pool);
  } else if (dw.data) {
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
  if (db.data) {
    if (use_avx512()) avx512::bias_grad(dy, db);
    else bias_grad(dy, db);
  }
}

}  // namespace

void dense_fwd(OpCtx& c) { matmul_rows(c.in[0], c.in[1], nullptr, Act::Identity, 0.0f, nullptr, c.out, c.pool); }

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
  // Bias and activation run in the GEMM epilogue. The pre-activation (aux) is only read by
  // backward, so inference does not write it.
  const Act act = c.p->act;
  float* pre = act != Act::Identity && c.training ? c.aux.data : nullptr;
  matmul_rows(c.in[0], c.in[1], c.in[2].data, act, c.p->alpha, pre, c.out, c.pool);
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

namespace studio {

namespace {

Fp32Isa detect_fp32_isa() {
  const Fp32Isa best = fp32_isa_supported(Fp32Isa::Avx512) ? Fp32Isa::Avx512 : Fp32Isa::Avx2;
  const char* env = std::getenv("STUDIO_FP32_ISA");
  if (env == nullptr || *env == '\0') return best;
  if (std::strcmp(env, "avx2") == 0) return Fp32Isa::Avx2;
  if (std::strcmp(env, "avx512") == 0) {
    if (best != Fp32Isa::Avx512) std::fprintf(stderr, "studio: STUDIO_FP32_ISA=avx512 but this CPU lacks AVX-512 F/BW/VL/DQ; using avx2\n");
    return best;
  }
  std::fprintf(stderr, "studio: STUDIO_FP32_ISA=%s is neither avx2 nor avx512; using %s\n", env, fp32_isa_name(best));
  return best;
}

std::atomic<int> g_fp32_isa{-1};

}  // namespace

bool fp32_isa_supported(Fp32Isa isa) {
  if (isa == Fp32Isa::Avx2) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512dq");
}

const char* fp32_isa_name(Fp32Isa isa) { return isa == Fp32Isa::Avx512 ? "avx512" : "avx2"; }

Fp32Isa fp32_isa() {
  int v = g_fp32_isa.load(std::memory_order_relaxed);
  if (v < 0) {
    // Threads racing through the first call detect the same value.
    int expected = -1;
    v = int(detect_fp32_isa());
    if (!g_fp32_isa.compare_exchange_strong(expected, v, std::memory_order_relaxed)) v = expected;
  }
  return Fp32Isa(v);
}

Fp32Isa set_fp32_isa(Fp32Isa isa) {
  const Fp32Isa previous = fp32_isa();
  if (fp32_isa_supported(isa)) g_fp32_isa.store(int(isa), std::memory_order_relaxed);
  return previous;
}

}  // namespace studio
