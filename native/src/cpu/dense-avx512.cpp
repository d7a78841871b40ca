// The AVX-512 (F/BW/VL/DQ) versions of the dense-avx2.cpp GEMM, weight- and bias-gradient kernels,
// compiled through the target pragma below (the rest of the build stays x86-64-v3) and chosen at
// run time by fp32_isa() (cpu/dense.cpp). 16-wide vectors, up to 4 per row (64 columns), and a masked last vector for the
// columns past the last multiple of 16 instead of an 8-column block plus scalar chains. Every
// output is still one fused multiply-add per k (per b for dW) in ascending order from the same
// start (bias, zero or the current value), and the epilogue is the same (relu as maxps, leaky relu
// as a select, the other activations through act_value per element), so the results are bitwise
// identical to the AVX2 kernels. Where only 1-7 columns are left past the last multiple of 16, the
// AVX2 column-tail kernels (vectors across rows, or along k) do them, as in the AVX2 path: a
// 16-wide column vector would be mostly masked there.
#include <algorithm>

#include <immintrin.h>

#include "../core/thread-pool.h"
#include "../ops/act-math.h"
#include "dense-kernels.h"

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512bw,avx512vl,avx512dq"))), apply_to = function)
#else
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512dq")
#endif

namespace studio::cpu::avx512 {

namespace {

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
void gemm_rows_t(const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
               bool accumulate, int64_t b0, int64_t b1) {
  constexpr Act VA = kVectorAct<A> ? A : Act::Identity;
  const Act post = kVectorAct<A> ? Act::Identity : A;
  const int64_t tail = N % 16;
  if (tail == 0 || tail >= 8 || b1 - b0 < 8)
    return gemm_row_blocks<VA>(x, K, w, N, 0, N, bias, pre, out, alpha, accumulate, post, b0, b1);
  const int64_t n0 = N - tail;
  if (n0 > 0) gemm_row_blocks<VA>(x, K, w, N, 0, n0, bias, pre, out, alpha, accumulate, post, b0, b1);
  int64_t b = b0;
  b = avx2::gemm_tail_rows(A, int(tail), x, K, w, N, bias, pre, out, alpha, accumulate, b0, b1);
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

}  // namespace

void gemm_rows(Act act, const float* x, int64_t K, const float* w, int64_t N, const float* bias, float* pre, float* out, float alpha,
               bool accumulate, int64_t b0, int64_t b1) {
  with_act(act, [&](auto a) { gemm_rows_t<a.value>(x, K, w, N, bias, pre, out, alpha, accumulate, b0, b1); });
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
      avx2::weight_grad_cols(x, dy, n_vec, c0 * 32, std::min(K, c1 * 32), dw);
    });
}

namespace {

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

}  // namespace

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

}  // namespace studio::cpu::avx512

#if defined(__clang__)
#pragma clang attribute pop
#endif
