// An INT8 model: per-output-channel symmetric int8 weights, f32 biases, and one calibrated
// per-tensor scale for the input of every dense layer. Immutable once built, so concurrent
// predictions need no lock.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "../runtime/spec.h"

namespace studio::quant {

struct QuantLayer {
  int32_t in = 0, out = 0;
  Act act = Act::Identity;
  float alpha = 0.01f;
  float x_scale = 1.0f;          // symmetric scale of this layer's input
  std::vector<int8_t> w;         // [in, out] row-major, as saved and as ONNX stores it
  std::vector<float> w_scale;    // [out]
  std::vector<float> bias;       // [out]
  // Kernel layout (Int8DenseArgs), derived by prepare_kernels:
  int64_t in_pad = 0, out_pad = 0;
  bool x_nonneg = false;         // the previous layer ends in relu or sigmoid
  std::vector<int8_t> packed;    // [in_pad / 4, out_pad, 4]
  std::vector<float> scale;      // [out_pad] x_scale * w_scale, zero padded
  std::vector<float> bias_pad;   // [out_pad]
};

struct QuantizedModel {
  ModelKind kind = ModelKind::Mlp;
  int32_t inputs = 0;
  int32_t classes = 2;
  std::string meta;              // the TS-side spec, as in the fp32 model
  std::vector<QuantLayer> layers;  // hidden layers then the output layer
};

struct WeightReport {
  double fp32_bytes = 0;  // f32 weights and biases of the dense layers
  double int8_bytes = 0;  // int8 weights, f32 weight scales, biases and activation scales
};

/** Checks the layer chain against inputs/classes and derives the kernel layout. */
void prepare_kernels(QuantizedModel& q);
/** Bytes of the dense parameters in fp32 and in INT8. */
WeightReport weight_report(const QuantizedModel& q);

}  // namespace studio::quant
