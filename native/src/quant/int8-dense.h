// The INT8 dense op shared by the CPU kernel and its CUDA twin: int8 x int8 -> int32 sums, then
// dequantize + bias + activation fused, optionally requantized for the next layer.
#pragma once
#include <cstdint>

#include "../ops/op.h"

namespace studio {

/** Input rows are padded with zeros to a multiple of 4 bytes (one 32-bit word of four k values). */
constexpr int64_t kInt8KAlign = 4;
/** Packed weights and per-column arrays are padded to a multiple of 8 columns (one AVX2 int32 vector). */
constexpr int64_t kInt8NAlign = 8;

/** `n` rounded up to a multiple of `align`. */
constexpr int64_t int8_padded(int64_t n, int64_t align) { return (n + align - 1) / align * align; }

/**
 * Pointers live in the memory of the backend that runs the op. Weights are packed as
 * [k_pad / 4][n_pad][4]: the four k values of column n sit in one 32-bit word, so a word of x
 * broadcast against a vector of weight words yields 8 columns x 4 k products at once.
 */
struct Int8DenseArgs {
  const int8_t* x = nullptr;        // [rows, k_pad] quantized input, zero padding
  const int8_t* w = nullptr;        // packed [k_pad / 4, n_pad, 4], zero padding
  const float* scale = nullptr;     // [n_pad] input scale x weight scale of each column
  const float* bias = nullptr;      // [n_pad]
  int64_t rows = 0, k_pad = 0, n = 0, n_pad = 0;
  bool x_nonneg = false;            // every input value is >= 0 (after relu or sigmoid)
  Act act = Act::Identity;
  float alpha = 0.01f;
  float* out = nullptr;             // [rows, n] when out_q is null
  int8_t* out_q = nullptr;          // [rows, out_pad] requantized by out_scale, zero padding
  int64_t out_pad = 0;
  float out_scale = 1.0f;
  ThreadPool* pool = nullptr;       // CPU only: rows are split across it
};

}  // namespace studio
