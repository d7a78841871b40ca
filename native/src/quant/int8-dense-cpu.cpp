// INT8 dense on the CPU. A word of four x bytes is broadcast against packed weight words of 8 (or 16)
// columns and multiplied into one int32 per column: AVX2 with _mm256_maddubs_epi16 (u8 x s8, pairs to
// int16) and _mm256_madd_epi16 (pairs to int32); AVX-VNNI and AVX-512 VNNI with vpdpbusd, which does
// both in one instruction. Integer sums are exact, so results depend neither on the kernel, the
// blocking nor the number of threads. The kernels are compiled with function target attributes in
// this one file (the build stays x86-64-v3) and chosen at run time with __builtin_cpu_supports.
#include "int8-dense-cpu.h"

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cmath>
#include <cstring>

#include "../core/errors.h"
#include "../core/thread-pool.h"
#include "../ops/act-math.h"

namespace studio::quant {

namespace {

constexpr int64_t kRowGrain = 16;
// The register blocks below are arrays of vectors indexed in constant-trip loops. Unless those loops are
// unrolled early (`#pragma GCC unroll 32`), GCC 12 leaves the arrays in memory and, in the k loop, stores
// every accumulator to the stack on every word (perf: half the time of the 512-bit 256x256 layer went
// to those copies); the sums also reach the epilogue through a local array (see block).
// Below this many multiply-adds a call runs on the calling thread: waking the pool costs more.
constexpr int64_t kSerialMacs = int64_t(1) << 18;

inline int32_t word_at(const int8_t* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// Activations other than identity and relu, one value at a time through the scalar act_value. Not
// inlined into the ISA-specific kernels, so every path runs this very code.
__attribute__((noinline)) void act_inplace(float* t, int n, Act act, float alpha) {
  for (int i = 0; i < n; ++i) t[i] = act_value(act, t[i], alpha);
}

namespace avx2 {
#define I8_TARGET __attribute__((target("avx2,fma")))
#define I8_DOT(acc, u, s) _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1)))
#define I8_OFFSET 0
#define I8_ROWS 4    // 8 accumulators + 2 weight vectors + temporaries fill the 16 ymm registers
#define I8_CHAINS 1  // vpaddd has a latency of 1: nothing to hide
#include "int8-kernel-256.inc"
#undef I8_CHAINS
#undef I8_ROWS
#undef I8_OFFSET
#undef I8_DOT
#undef I8_TARGET
}  // namespace avx2

namespace avxvnni {
#define I8_TARGET __attribute__((target("avx2,fma,avxvnni")))
#define I8_DOT(acc, u, s) _mm256_dpbusd_avx_epi32(acc, u, s)
#define I8_OFFSET 1
#define I8_ROWS 5     // 10 accumulators + 2 weight vectors + broadcasts of the 16 ymm (GCC 12 spilled 6 rows)
#define I8_CHAINS 10  // vpdpbusd: latency about 5, two per cycle
#include "int8-kernel-256.inc"
#undef I8_CHAINS
#undef I8_ROWS
#undef I8_OFFSET
#undef I8_DOT
#undef I8_TARGET
}  // namespace avxvnni

// The 256-bit kernel in EVEX encoding (AVX512-VL VNNI), for the last 8 columns of the AVX-512 path: a
// CPU with AVX-512 VNNI need not have AVX-VNNI (Ice Lake, Cascade Lake), and a 512-bit vpdpbusd on 8
// useful columns would run at half the rate of two 256-bit ones.
namespace avx512vl {
#define I8_TARGET __attribute__((target("avx2,fma,avx512f,avx512bw,avx512vl,avx512vnni")))
#define I8_DOT(acc, u, s) _mm256_dpbusd_epi32(acc, u, s)
#define I8_OFFSET 1
#define I8_ROWS 6
#define I8_CHAINS 10
#include "int8-kernel-256.inc"
#undef I8_CHAINS
#undef I8_ROWS
#undef I8_OFFSET
#undef I8_DOT
#undef I8_TARGET
}  // namespace avx512vl

// AVX-512 VNNI: 16 columns per vector, columns past n masked in the epilogue, and a last 8 columns of n_pad
// (n_pad is only a multiple of 8) through the EVEX 256-bit kernel above.
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on their own _mm512_undefined_* (GCC PR 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
namespace avx512vnni {
#define I8_TARGET __attribute__((target("avx2,fma,avx512f,avx512bw,avx512vl,avx512vnni")))

template <bool Quant>
I8_TARGET inline void epilogue(const Int8DenseArgs& a, int64_t row, int64_t n0, __m512i sums) {
  const int64_t cols = a.n - n0 < 16 ? a.n - n0 : 16;
  if (cols <= 0) return;
  const __mmask16 m = __mmask16((1u << cols) - 1);
  // scale and bias are n_pad long and n_pad is a multiple of 16 wherever this runs (the last 8 go to
  // the 256-bit kernel), so the loads need no mask.
  __m512 y = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sums), _mm512_loadu_ps(a.scale + n0), _mm512_loadu_ps(a.bias + n0));
  if (a.act == Act::Relu) {
    y = _mm512_max_ps(y, _mm512_setzero_ps());
  } else if (a.act != Act::Identity) {
    alignas(64) float t[16];
    _mm512_store_ps(t, y);
    act_inplace(t, 16, a.act, a.alpha);
    y = _mm512_load_ps(t);
  }
  if constexpr (Quant) {
    // Clamp, then round in the conversion, as requantized() in the 256-bit kernel.
    __m512 q = _mm512_div_ps(y, _mm512_set1_ps(a.out_scale));
    if (a.act != Act::Relu) q = _mm512_max_ps(q, _mm512_set1_ps(-127.0f));
    q = _mm512_min_ps(q, _mm512_set1_ps(127.0f));
    // Narrowed in a register and stored whole when all 16 columns are real: the masked form of the
    // narrowing store cost about a third of the 256x256 layer's epilogue (perf).
    const __m128i q8 = _mm512_cvtsepi32_epi8(_mm512_cvtps_epi32(q));
    int8_t* o = a.out_q + row * a.out_pad + n0;
    if (cols == 16) _mm_storeu_si128(reinterpret_cast<__m128i*>(o), q8);
    else _mm_mask_storeu_epi8(o, m, q8);
  } else {
    float* o = a.out + row * a.n + n0;
    if (cols == 16) _mm512_storeu_ps(o, y);
    else _mm512_mask_storeu_ps(o, m, y);
  }
}

constexpr int kRows512 = 6;     // 24 accumulators + 4 weight vectors + 1 broadcast of the 32 zmm
// Signed inputs (the first layer) also keep 4 column-sum accumulators and the 128 bias: 4 rows ease the
// register pressure (at 6 GCC 12 stored accumulators to the stack on every word; at 4 a few still go
// there, cheap as the first layer has few words of k).
constexpr int kRows512Signed = 4;
constexpr int kChains512 = 10;  // independent accumulators a block keeps, as in the AVX-VNNI kernel

// One word of k: R rows by C x 16 columns into acc, and for signed inputs the column sums into corr.
template <bool NonNeg, int R, int C>
I8_TARGET __attribute__((always_inline)) inline void step(__m512i (&acc)[R][C], __m512i (&corr)[C], const int8_t* x, const int8_t* w, int64_t k_pad) {
  const __m512i bias128 = _mm512_set1_epi8(int8_t(-128));
  __m512i wv[C];
  #pragma GCC unroll 32
  for (int c = 0; c < C; ++c) wv[c] = _mm512_loadu_si512(w + c * 64);
  if constexpr (!NonNeg)
    #pragma GCC unroll 32
    for (int c = 0; c < C; ++c) corr[c] = _mm512_dpbusd_epi32(corr[c], bias128, wv[c]);
  #pragma GCC unroll 32
  for (int r = 0; r < R; ++r) {
    __m512i xb = _mm512_set1_epi32(word_at(x + r * k_pad));
    if constexpr (!NonNeg) xb = _mm512_xor_si512(xb, bias128);  // x + 128 as unsigned bytes
    #pragma GCC unroll 32
    for (int c = 0; c < C; ++c) acc[r][c] = _mm512_dpbusd_epi32(acc[r][c], xb, wv[c]);
  }
}

// The requantize clamp of epilogue(): after relu (q >= 0) only the upper one.
I8_TARGET __attribute__((always_inline)) inline __m512 clamp127(__m512 q, bool relu, __m512 lo, __m512 hi) {
  if (!relu) q = _mm512_max_ps(q, lo);
  return _mm512_min_ps(q, hi);
}

// The epilogue of one block, on its sums in memory (see block). Not inlined, so the k loop's
// accumulators end in that one store.
template <bool Quant, int R, int C>
I8_TARGET __attribute__((noinline)) void finish(const Int8DenseArgs& a, int64_t b, int64_t n0, const int32_t (&sums)[R][C][16]) {
  // Identity or relu over C x 16 real columns (every block of a 256-wide layer): the epilogue's
  // arithmetic in the same order, with the per-column loads, the activation tests and the column
  // masks hoisted out of the R x C vectors.
  if ((a.act == Act::Relu || a.act == Act::Identity) && n0 + C * 16 <= a.n) {
    const bool relu = a.act == Act::Relu;
    __m512 sc[C], bi[C];
#pragma GCC unroll 32
    for (int c = 0; c < C; ++c) {
      sc[c] = _mm512_loadu_ps(a.scale + n0 + c * 16);
      bi[c] = _mm512_loadu_ps(a.bias + n0 + c * 16);
    }
    if constexpr (Quant) {
      const __m512 os = _mm512_set1_ps(a.out_scale), lo = _mm512_set1_ps(-127.0f), hi = _mm512_set1_ps(127.0f);
      // The division's integers from a multiply by 1 / out_scale, when both are normal floats:
      // t = y x fl(1 / out_scale) is within 1.5 x 2^-23 |y / out_scale| of the correctly rounded quotient
      // (two roundings), under 2.5e-5 once clamped to ±127 (the clamp only narrows the gap), so the two
      // round to the same integer unless t lies within that of a half-integer. A vector with any lane
      // within 2^-12 of one is redone with the division: the bytes are always the division's.
      const float inv_s = 1.0f / a.out_scale;
      const bool by_inverse = std::isnormal(a.out_scale) && std::isnormal(inv_s);
      const __m512 inv = _mm512_set1_ps(inv_s), near_tie = _mm512_set1_ps(0.5f - 1.0f / 4096);
      int8_t* o = a.out_q + b * a.out_pad + n0;
      const int64_t stride = a.out_pad;
#pragma GCC unroll 32
      for (int r = 0; r < R; ++r)
#pragma GCC unroll 32
        for (int c = 0; c < C; ++c) {
          __m512 y = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_load_si512(sums[r][c])), sc[c], bi[c]);
          if (relu) y = _mm512_max_ps(y, _mm512_setzero_ps());
          __m512i qi;
          if (by_inverse) {
            const __m512 q = clamp127(_mm512_mul_ps(y, inv), relu, lo, hi);
            qi = _mm512_cvtps_epi32(q);
            const __m512 off = _mm512_abs_ps(_mm512_sub_ps(q, _mm512_cvtepi32_ps(qi)));  // exact, <= 1/2
            if (__builtin_expect(_mm512_cmp_ps_mask(off, near_tie, _CMP_NLT_UQ) != 0, 0))
              qi = _mm512_cvtps_epi32(clamp127(_mm512_div_ps(y, os), relu, lo, hi));
          } else {
            qi = _mm512_cvtps_epi32(clamp127(_mm512_div_ps(y, os), relu, lo, hi));
          }
          _mm_storeu_si128(reinterpret_cast<__m128i*>(o + r * stride + c * 16), _mm512_cvtsepi32_epi8(qi));
        }
    } else {
      float* o = a.out + b * a.n + n0;
      const int64_t stride = a.n;
#pragma GCC unroll 32
      for (int r = 0; r < R; ++r)
#pragma GCC unroll 32
        for (int c = 0; c < C; ++c) {
          __m512 y = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_load_si512(sums[r][c])), sc[c], bi[c]);
          if (relu) y = _mm512_max_ps(y, _mm512_setzero_ps());
          _mm512_storeu_ps(o + r * stride + c * 16, y);
        }
    }
    return;
  }
  if constexpr (Quant) {
    const Int8DenseArgs l = a;  // a local copy, as in the 256-bit kernel
    #pragma GCC unroll 32
    for (int r = 0; r < R; ++r)
      #pragma GCC unroll 32
      for (int c = 0; c < C; ++c) epilogue<Quant>(l, b + r, n0 + c * 16, _mm512_load_si512(sums[r][c]));
  } else {
    #pragma GCC unroll 32
    for (int r = 0; r < R; ++r)
      #pragma GCC unroll 32
      for (int c = 0; c < C; ++c) epilogue<Quant>(a, b + r, n0 + c * 16, _mm512_load_si512(sums[r][c]));
  }
}

// R rows by C x 16 columns. Signed inputs go
// in as x + 128 (unsigned) with 128 x the column sums of w taken off at the end (exact int32 sums). As
// in the 256-bit kernel, small blocks run U accumulator sets on alternate words of k.
template <bool NonNeg, bool Quant, int R, int C>
I8_TARGET void block(const Int8DenseArgs& a, int64_t b, int64_t n0) {
  constexpr int kNeed = (kChains512 + R * C - 1) / (R * C);
  constexpr int U = kNeed < 1 ? 1 : kNeed > 4 ? 4 : kNeed;
  __m512i acc[U][R][C], corr[U][C];
  #pragma GCC unroll 32
  for (int u = 0; u < U; ++u)
    #pragma GCC unroll 32
    for (int c = 0; c < C; ++c) {
      corr[u][c] = _mm512_setzero_si512();
      #pragma GCC unroll 32
      for (int r = 0; r < R; ++r) acc[u][r][c] = _mm512_setzero_si512();
    }
  const int8_t* x = a.x + b * a.k_pad;
  const int8_t* w = a.w + n0 * 4;
  const int64_t words = a.k_pad / 4, stride = a.n_pad * 4;
  int64_t k = 0;
  for (; k + U <= words; k += U)
    #pragma GCC unroll 32
    for (int u = 0; u < U; ++u) step<NonNeg, R, C>(acc[u], corr[u], x + (k + u) * 4, w + (k + u) * stride, a.k_pad);
  for (; k < words; ++k) step<NonNeg, R, C>(acc[0], corr[0], x + k * 4, w + k * stride, a.k_pad);
  #pragma GCC unroll 32
  for (int u = 1; u < U; ++u)
    #pragma GCC unroll 32
    for (int c = 0; c < C; ++c) {
      corr[0][c] = _mm512_add_epi32(corr[0][c], corr[u][c]);
      #pragma GCC unroll 32
      for (int r = 0; r < R; ++r) acc[0][r][c] = _mm512_add_epi32(acc[0][r][c], acc[u][r][c]);
    }
  if constexpr (!NonNeg)
    #pragma GCC unroll 32
    for (int r = 0; r < R; ++r)
      #pragma GCC unroll 32
      for (int c = 0; c < C; ++c) acc[0][r][c] = _mm512_sub_epi32(acc[0][r][c], corr[0][c]);
  // The sums reach the epilogue (finish) through memory: with accumulators live past the k loop (in
  // registers across act_inplace's call, or next to the epilogue's constants), GCC 12 stored a stack
  // copy of most of them on every word of k.
  alignas(64) int32_t sums[R][C][16];
#pragma GCC unroll 32
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 32
    for (int c = 0; c < C; ++c) _mm512_store_si512(sums[r][c], acc[0][r][c]);
  finish<Quant, R, C>(a, b, n0, sums);
}

template <bool NonNeg, bool Quant, int R>
I8_TARGET void row_block(const Int8DenseArgs& a, int64_t b) {
  int64_t n0 = 0;
  for (; n0 + 64 <= a.n_pad; n0 += 64) block<NonNeg, Quant, R, 4>(a, b, n0);
  if (n0 + 32 <= a.n_pad) {
    block<NonNeg, Quant, R, 2>(a, b, n0);
    n0 += 32;
  }
  if (n0 + 16 <= a.n_pad) {
    block<NonNeg, Quant, R, 1>(a, b, n0);
    n0 += 16;
  }
  if (n0 < a.n_pad) avx512vl::block<NonNeg, Quant, R, 1>(a, b, n0);
  if constexpr (Quant)
    if (a.out_pad > a.n)
      for (int r = 0; r < R; ++r) std::memset(a.out_q + (b + r) * a.out_pad + a.n, 0, size_t(a.out_pad - a.n));
}

template <bool NonNeg, bool Quant>
I8_TARGET void rows_of(const Int8DenseArgs& a, int64_t b0, int64_t b1) {
  constexpr int kRows = NonNeg ? kRows512 : kRows512Signed;
  int64_t b = b0;
  for (; b + kRows <= b1; b += kRows) row_block<NonNeg, Quant, kRows>(a, b);
  if (b + 4 <= b1) {
    row_block<NonNeg, Quant, 4>(a, b);
    b += 4;
  }
  for (; b < b1; ++b) row_block<NonNeg, Quant, 1>(a, b);
}

I8_TARGET void rows(const Int8DenseArgs& a, int64_t b0, int64_t b1) {
  const bool quant = a.out_q != nullptr;
  if (a.x_nonneg) quant ? rows_of<true, true>(a, b0, b1) : rows_of<true, false>(a, b0, b1);
  else quant ? rows_of<false, true>(a, b0, b1) : rows_of<false, false>(a, b0, b1);
}
#undef I8_TARGET
}  // namespace avx512vnni
#pragma GCC diagnostic pop

using RowsFn = void (*)(const Int8DenseArgs&, int64_t, int64_t);

RowsFn rows_fn(Int8Isa isa) {
  switch (isa) {
    case Int8Isa::AvxVnni: return avxvnni::rows;
    case Int8Isa::Avx512Vnni: return avx512vnni::rows;
    case Int8Isa::Avx2: break;
  }
  return avx2::rows;
}

Int8Isa best_isa() {
  if (int8_isa_supported(Int8Isa::Avx512Vnni)) return Int8Isa::Avx512Vnni;
  if (int8_isa_supported(Int8Isa::AvxVnni)) return Int8Isa::AvxVnni;
  return Int8Isa::Avx2;
}

Int8Isa initial_isa() { return int8_isa_for(std::getenv("STUDIO_INT8_ISA")); }

std::atomic<int>& current_isa() {
  static std::atomic<int> isa{static_cast<int>(initial_isa())};
  return isa;
}

}  // namespace

const char* int8_isa_name(Int8Isa isa) {
  switch (isa) {
    case Int8Isa::AvxVnni: return "avxvnni";
    case Int8Isa::Avx512Vnni: return "avx512vnni";
    case Int8Isa::Avx2: break;
  }
  return "avx2";
}

bool int8_isa_supported(Int8Isa isa) {
  switch (isa) {
    case Int8Isa::Avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Int8Isa::AvxVnni: return int8_isa_supported(Int8Isa::Avx2) && __builtin_cpu_supports("avxvnni");
    case Int8Isa::Avx512Vnni:
      return int8_isa_supported(Int8Isa::Avx2) && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
  }
  return false;
}

Int8Isa int8_isa_for(const char* request) {
  // A named kernel this CPU lacks (or an unknown name) falls back to AVX2, never to an instruction set
  // the CPU cannot run; no name (or an empty one) picks the widest supported.
  if (request == nullptr || *request == 0) return best_isa();
  for (Int8Isa isa : {Int8Isa::Avx2, Int8Isa::AvxVnni, Int8Isa::Avx512Vnni})
    if (std::strcmp(request, int8_isa_name(isa)) == 0) return int8_isa_supported(isa) ? isa : Int8Isa::Avx2;
  return Int8Isa::Avx2;
}

Int8Isa int8_isa() { return Int8Isa(current_isa().load(std::memory_order_relaxed)); }

void set_int8_isa(Int8Isa isa) {
  if (!int8_isa_supported(isa)) throw EngineError(ErrorCode::BadOption, std::string("this CPU cannot run the ") + int8_isa_name(isa) + " INT8 kernel");
  current_isa().store(int(isa), std::memory_order_relaxed);
}

int8_t quantize_value(float v, float scale) {
  return int8_t(std::clamp(std::nearbyint(v / scale), -127.0f, 127.0f));
}

void quantize_rows(const float* x, int64_t rows, int64_t k, int64_t k_pad, float scale, int8_t* out) {
  // Eight at a time with the same division, rounding and clamp as quantize_value; the last 1-7 values
  // of a row through a masked load, so no scalar tail. The quotient comes from a multiply by 1 / scale
  // where that gives the division's integers (as in the 512-bit epilogue, see requantize there): t = v x
  // fl(1 / scale) is within 1.5 x 2^-23 |v / scale| of the correctly rounded quotient, under 2.5e-5 once
  // clamped to ±127, so both round alike unless t is within that of a half-integer; a vector with a
  // lane within 2^-12 of one is redone with the division.
  const __m256 s = _mm256_set1_ps(scale), lo = _mm256_set1_ps(-127.0f), hi = _mm256_set1_ps(127.0f);
  const float inv_s = 1.0f / scale;
  const bool by_inverse = std::isnormal(scale) && std::isnormal(inv_s);
  const __m256 inv = _mm256_set1_ps(inv_s), near_tie = _mm256_set1_ps(0.5f - 1.0f / 4096), sign = _mm256_set1_ps(-0.0f);
  const int64_t tail = k % 8;
  alignas(32) static constexpr int32_t kLanes[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
  const __m256i mask = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kLanes + 8 - tail));
  auto q8 = [&](__m256 v) {
    // Clamp, then round in the conversion (MXCSR: nearest even): the same as rounding, then clamping.
    __m256i qi;
    if (by_inverse) {
      const __m256 q = _mm256_min_ps(_mm256_max_ps(_mm256_mul_ps(v, inv), lo), hi);
      qi = _mm256_cvtps_epi32(q);
      const __m256 off = _mm256_andnot_ps(sign, _mm256_sub_ps(q, _mm256_cvtepi32_ps(qi)));  // exact, <= 1/2
      if (__builtin_expect(_mm256_movemask_ps(_mm256_cmp_ps(off, near_tie, _CMP_NLT_UQ)) != 0, 0))
        qi = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(_mm256_div_ps(v, s), lo), hi));
    } else {
      qi = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(_mm256_div_ps(v, s), lo), hi));
    }
    const __m128i q16 = _mm_packs_epi32(_mm256_castsi256_si128(qi), _mm256_extracti128_si256(qi, 1));
    return _mm_packs_epi16(q16, q16);
  };
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * k;
    int8_t* o = out + r * k_pad;
    int64_t j = 0;
    for (; j + 8 <= k; j += 8) _mm_storel_epi64(reinterpret_cast<__m128i*>(o + j), q8(_mm256_loadu_ps(xr + j)));
    int64_t p = k;
    if (tail) {
      const __m128i t8 = q8(_mm256_maskload_ps(xr + j, mask));  // masked lanes read 0 -> 0
      if (j + 8 <= k_pad) {
        _mm_storel_epi64(reinterpret_cast<__m128i*>(o + j), t8);  // the zeros land in the padding
        p = j + 8;
      } else {
        alignas(16) int8_t t[16];
        _mm_store_si128(reinterpret_cast<__m128i*>(t), t8);
        std::memcpy(o + j, t, size_t(tail));
      }
    }
    for (; p < k_pad; ++p) o[p] = 0;
  }
}

std::vector<int8_t> pack_weights(const int8_t* w, int64_t k, int64_t n) {
  const int64_t k_pad = int8_padded(k, kInt8KAlign), n_pad = int8_padded(n, kInt8NAlign);
  std::vector<int8_t> out(size_t(k_pad * n_pad), 0);
  for (int64_t kk = 0; kk < k; ++kk)
    for (int64_t c = 0; c < n; ++c) out[size_t(((kk / 4) * n_pad + c) * 4 + kk % 4)] = w[kk * n + c];
  return out;
}

void int8_dense_cpu_isa(const Int8DenseArgs& a, Int8Isa isa) {
  const RowsFn fn = rows_fn(isa);
  ThreadPool* pool = a.rows * a.k_pad * a.n_pad < kSerialMacs ? nullptr : a.pool;
  if (pool == nullptr) {
    if (a.rows > 0) fn(a, 0, a.rows);
    return;
  }
  parallel_for(pool, a.rows, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) { fn(a, b0, b1); });
}

void int8_dense_cpu(const Int8DenseArgs& a) { int8_dense_cpu_isa(a, int8_isa()); }

}  // namespace studio::quant
