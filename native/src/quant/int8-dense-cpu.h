// CPU INT8 kernels: input quantisation, weight packing and the AVX2 dense op.
#pragma once
#include <cstdint>
#include <vector>

#include "int8-dense.h"

namespace studio::quant {

/** Symmetric quantisation (ONNX QuantizeLinear, zero point 0): round half to even of v / scale, saturated to ±127. */
int8_t quantize_value(float v, float scale);
/** Quantizes rows x k floats into rows x k_pad int8 values, zero padded. */
void quantize_rows(const float* x, int64_t rows, int64_t k, int64_t k_pad, float scale, int8_t* out);
/** Packs row-major int8 weights [k, n] into the [k_pad / 4, n_pad, 4] layout of Int8DenseArgs. */
std::vector<int8_t> pack_weights(const int8_t* w, int64_t k, int64_t n);
/** The CPU backend's int8 dense: AVX2 maddubs/madd dot products, rows split across the pool. */
void int8_dense_cpu(const Int8DenseArgs& a);

}  // namespace studio::quant
