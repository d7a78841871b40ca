// AVX2 INT8 dense without VNNI: a word of four x bytes is broadcast against packed weight words of
// 8 columns; _mm256_maddubs_epi16 multiplies unsigned by signed bytes and adds pairs to int16,
// _mm256_madd_epi16 adds the pairs into one int32 per column. Integer sums are exact, so results do
// not depend on blocking or on the number of threads.
#include "int8-dense-cpu.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "../core/thread-pool.h"
#include "../ops/act-math.h"

namespace studio::quant {

namespace {

constexpr int64_t kRowGrain = 16;

inline int32_t word_at(const int8_t* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// Signed inputs go in as |x| with the sign moved onto w; |x|, |w| <= 127 keeps each pair sum
// (at most 2 * 127 * 127) inside int16, so maddubs never saturates.
template <bool NonNeg>
inline __m256i dot4(__m256i xb, __m256i ax, __m256i w, __m256i ones) {
  const __m256i p = NonNeg ? _mm256_maddubs_epi16(xb, w) : _mm256_maddubs_epi16(ax, _mm256_sign_epi8(w, xb));
  return _mm256_madd_epi16(p, ones);
}

// Dequantize, add bias, activate and store (or requantize) the 8 columns from n0 of one row.
void epilogue(const Int8DenseArgs& a, int64_t row, int64_t n0, __m256i sums) {
  const int64_t cols = std::min<int64_t>(8, a.n - n0);
  if (cols <= 0) return;
  __m256 y = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sums), _mm256_loadu_ps(a.scale + n0), _mm256_loadu_ps(a.bias + n0));
  alignas(32) float t[8];
  if (a.act == Act::Relu) {
    y = _mm256_max_ps(y, _mm256_setzero_ps());
  } else if (a.act != Act::Identity) {
    _mm256_store_ps(t, y);
    for (float& v : t) v = act_value(a.act, v, a.alpha);
    y = _mm256_load_ps(t);
  }
  if (a.out_q) {
    __m256 q = _mm256_round_ps(_mm256_div_ps(y, _mm256_set1_ps(a.out_scale)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    q = _mm256_min_ps(_mm256_max_ps(q, _mm256_set1_ps(-127.0f)), _mm256_set1_ps(127.0f));
    const __m256i qi = _mm256_cvtps_epi32(q);
    const __m128i q16 = _mm_packs_epi32(_mm256_castsi256_si128(qi), _mm256_extracti128_si256(qi, 1));
    const __m128i q8 = _mm_packs_epi16(q16, q16);  // the 8 values in order, already within ±127
    int8_t* o = a.out_q + row * a.out_pad + n0;
    if (cols == 8) {
      _mm_storel_epi64(reinterpret_cast<__m128i*>(o), q8);
    } else {
      alignas(16) int8_t t8[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(t8), q8);
      std::memcpy(o, t8, size_t(cols));
    }
    return;
  }
  float* o = a.out + row * a.n + n0;
  if (cols == 8) {
    _mm256_storeu_ps(o, y);
    return;
  }
  _mm256_store_ps(t, y);
  std::memcpy(o, t, sizeof(float) * size_t(cols));
}

// R rows by C x 8 columns in R x C int32 accumulators.
template <bool NonNeg, int R, int C>
void block(const Int8DenseArgs& a, int64_t b, int64_t n0) {
  const __m256i ones = _mm256_set1_epi16(1);
  __m256i acc[R][C];
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) acc[r][c] = _mm256_setzero_si256();
  const int8_t* x = a.x + b * a.k_pad;
  const int8_t* w = a.w + n0 * 4;
  const int64_t words = a.k_pad / 4, stride = a.n_pad * 4;
  for (int64_t k = 0; k < words; ++k) {
    __m256i wv[C];
    for (int c = 0; c < C; ++c) wv[c] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + k * stride + c * 32));
    for (int r = 0; r < R; ++r) {
      const __m256i xb = _mm256_set1_epi32(word_at(x + r * a.k_pad + k * 4));
      const __m256i ax = NonNeg ? xb : _mm256_abs_epi8(xb);
      for (int c = 0; c < C; ++c) acc[r][c] = _mm256_add_epi32(acc[r][c], dot4<NonNeg>(xb, ax, wv[c], ones));
    }
  }
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) epilogue(a, b + r, n0 + c * 8, acc[r][c]);
}

template <bool NonNeg, int R>
void row_block(const Int8DenseArgs& a, int64_t b) {
  int64_t n0 = 0;
  for (; n0 + 16 <= a.n_pad; n0 += 16) block<NonNeg, R, 2>(a, b, n0);
  for (; n0 < a.n_pad; n0 += 8) block<NonNeg, R, 1>(a, b, n0);
  if (a.out_q)
    for (int r = 0; r < R; ++r) std::memset(a.out_q + (b + r) * a.out_pad + a.n, 0, size_t(a.out_pad - a.n));
}

template <bool NonNeg>
void rows(const Int8DenseArgs& a, int64_t b0, int64_t b1) {
  int64_t b = b0;
  for (; b + 4 <= b1; b += 4) row_block<NonNeg, 4>(a, b);
  for (; b < b1; ++b) row_block<NonNeg, 1>(a, b);
}

}  // namespace

int8_t quantize_value(float v, float scale) {
  return int8_t(std::clamp(std::nearbyint(v / scale), -127.0f, 127.0f));
}

void quantize_rows(const float* x, int64_t rows, int64_t k, int64_t k_pad, float scale, int8_t* out) {
  // Eight at a time with the same division, rounding and clamp as quantize_value.
  const __m256 s = _mm256_set1_ps(scale), lo = _mm256_set1_ps(-127.0f), hi = _mm256_set1_ps(127.0f);
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * k;
    int8_t* o = out + r * k_pad;
    int64_t j = 0;
    for (; j + 8 <= k; j += 8) {
      const __m256 q = _mm256_round_ps(_mm256_div_ps(_mm256_loadu_ps(xr + j), s), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      const __m256i qi = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(q, lo), hi));
      const __m128i q16 = _mm_packs_epi32(_mm256_castsi256_si128(qi), _mm256_extracti128_si256(qi, 1));
      _mm_storel_epi64(reinterpret_cast<__m128i*>(o + j), _mm_packs_epi16(q16, q16));
    }
    for (; j < k; ++j) o[j] = quantize_value(xr[j], scale);
    std::memset(o + k, 0, size_t(k_pad - k));
  }
}

std::vector<int8_t> pack_weights(const int8_t* w, int64_t k, int64_t n) {
  const int64_t k_pad = int8_padded(k, kInt8KAlign), n_pad = int8_padded(n, kInt8NAlign);
  std::vector<int8_t> out(size_t(k_pad * n_pad), 0);
  for (int64_t kk = 0; kk < k; ++kk)
    for (int64_t c = 0; c < n; ++c) out[size_t(((kk / 4) * n_pad + c) * 4 + kk % 4)] = w[kk * n + c];
  return out;
}

void int8_dense_cpu(const Int8DenseArgs& a) {
  parallel_for(a.pool, a.rows, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
    if (a.x_nonneg) rows<true>(a, b0, b1);
    else rows<false>(a, b0, b1);
  });
}

}  // namespace studio::quant
