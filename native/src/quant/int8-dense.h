// The INT8 dense op shared by the CPU kernel and its CUDA twin: int8 x int8 -> int32 sums, then
// dequantize + bias + activation fused, optionally requantized for the next layer.
#pragma once
#include <cstdint>

#include "../ops/op.h"

namespace studio {

/** Rows are padded with zeros to a multiple of kInt8Pad bytes (one AVX2 register). */
constexpr int64_t kInt8Pad = 32;

/** `n` rounded up to a multiple of kInt8Pad. */
constexpr int64_t int8_padded(int64_t n) { return (n + kInt8Pad - 1) / kInt8Pad * kInt8Pad; }

/** Pointers live in the memory of the backend that runs the op. */
struct Int8DenseArgs {
  const int8_t* x = nullptr;        // [rows, k_pad] quantized input, zero padding
  const int8_t* w = nullptr;        // [n, k_pad] weights transposed, zero padding
  const float* scale = nullptr;     // [n] input scale x weight scale of output n
  const float* bias = nullptr;      // [n]
  int64_t rows = 0, k_pad = 0, n = 0;
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
