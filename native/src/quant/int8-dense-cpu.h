// CPU INT8 kernels: input quantisation and the AVX2 dense op.
#pragma once
#include <cstdint>

#include "int8-dense.h"

namespace studio::quant {

/** Symmetric quantisation (ONNX QuantizeLinear, zero point 0): round half to even of v / scale, saturated to ±127. */
int8_t quantize_value(float v, float scale);
/** Quantizes rows x k floats into rows x k_pad int8 values, zero padded. */
void quantize_rows(const float* x, int64_t rows, int64_t k, int64_t k_pad, float scale, int8_t* out);
/** The CPU backend's int8 dense: AVX2 maddubs/madd dot products, rows split across the pool. */
void int8_dense_cpu(const Int8DenseArgs& a);

}  // namespace studio::quant
