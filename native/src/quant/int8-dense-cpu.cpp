// AVX2 INT8 dense without VNNI: _mm256_maddubs_epi16 multiplies unsigned by signed bytes and adds
// pairs to int16, _mm256_madd_epi16 widens pairs to int32. Integer sums are exact, so results do
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

inline int32_t hsum(__m256i v) {
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  s = _mm_hadd_epi32(s, s);
  s = _mm_hadd_epi32(s, s);
  return _mm_cvtsi128_si32(s);
}

// Signed inputs go in as |x| with the sign moved onto w; |x|, |w| <= 127 keeps each pair sum
// (at most 2 * 127 * 127) inside int16, so maddubs never saturates.
template <bool NonNeg>
inline __m256i dot32(__m256i x, __m256i ax, __m256i w, __m256i ones) {
  const __m256i p = NonNeg ? _mm256_maddubs_epi16(x, w) : _mm256_maddubs_epi16(ax, _mm256_sign_epi8(w, x));
  return _mm256_madd_epi16(p, ones);
}

// sums[r][c] = x[r, :] . w[c, :] over k_pad bytes, R rows by C weight rows in registers.
template <bool NonNeg, int R, int C>
void dot_block(const int8_t* x, const int8_t* w, int64_t kp, int32_t (&sums)[R][C]) {
  const __m256i ones = _mm256_set1_epi16(1);
  __m256i acc[R][C];
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) acc[r][c] = _mm256_setzero_si256();
  for (int64_t k = 0; k < kp; k += kInt8Pad) {
    __m256i xv[R], ax[R];
    for (int r = 0; r < R; ++r) {
      xv[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + r * kp + k));
      ax[r] = NonNeg ? xv[r] : _mm256_abs_epi8(xv[r]);
    }
    for (int c = 0; c < C; ++c) {
      const __m256i wv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + c * kp + k));
      for (int r = 0; r < R; ++r) acc[r][c] = _mm256_add_epi32(acc[r][c], dot32<NonNeg>(xv[r], ax[r], wv, ones));
    }
  }
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) sums[r][c] = hsum(acc[r][c]);
}

inline void emit(const Int8DenseArgs& a, int64_t row, int64_t col, int32_t s) {
  const float y = act_value(a.act, float(s) * a.scale[col] + a.bias[col], a.alpha);
  if (a.out_q) a.out_q[row * a.out_pad + col] = quantize_value(y, a.out_scale);
  else a.out[row * a.n + col] = y;
}

template <bool NonNeg, int R>
void row_block(const Int8DenseArgs& a, int64_t b) {
  const int8_t* x = a.x + b * a.k_pad;
  int64_t n = 0;
  for (; n + 4 <= a.n; n += 4) {
    int32_t s[R][4];
    dot_block<NonNeg, R, 4>(x, a.w + n * a.k_pad, a.k_pad, s);
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < 4; ++c) emit(a, b + r, n + c, s[r][c]);
  }
  for (; n < a.n; ++n) {
    int32_t s[R][1];
    dot_block<NonNeg, R, 1>(x, a.w + n * a.k_pad, a.k_pad, s);
    for (int r = 0; r < R; ++r) emit(a, b + r, n, s[r][0]);
  }
  if (a.out_q)
    for (int r = 0; r < R; ++r) std::memset(a.out_q + (b + r) * a.out_pad + a.n, 0, size_t(a.out_pad - a.n));
}

template <bool NonNeg>
void rows(const Int8DenseArgs& a, int64_t b0, int64_t b1) {
  int64_t b = b0;
  for (; b + 2 <= b1; b += 2) row_block<NonNeg, 2>(a, b);
  for (; b < b1; ++b) row_block<NonNeg, 1>(a, b);
}

}  // namespace

int8_t quantize_value(float v, float scale) {
  return int8_t(std::clamp(std::nearbyint(v / scale), -127.0f, 127.0f));
}

void quantize_rows(const float* x, int64_t rows, int64_t k, int64_t k_pad, float scale, int8_t* out) {
  for (int64_t r = 0; r < rows; ++r) {
    int8_t* o = out + r * k_pad;
    for (int64_t j = 0; j < k; ++j) o[j] = quantize_value(x[r * k + j], scale);
    std::memset(o + k, 0, size_t(k_pad - k));
  }
}

void int8_dense_cpu(const Int8DenseArgs& a) {
  parallel_for(a.pool, a.rows, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
    if (a.x_nonneg) rows<true>(a, b0, b1);
    else rows<false>(a, b0, b1);
  });
}

}  // namespace studio::quant
