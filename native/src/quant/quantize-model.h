// Post-training INT8 quantisation of a trained fp32 model.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "../runtime/model.h"
#include "calibrate.h"
#include "quantized-model.h"

namespace studio::quant {

/** One dense layer in f32 with batch norm folded in: act(x w + b). */
struct DenseF32 {
  int64_t in = 0, out = 0;
  Act act = Act::Identity;
  float alpha = 0.01f;
  std::vector<float> w;  // [in, out]
  std::vector<float> b;  // [out]
};

/** The model as a chain of dense layers; BadSpec for embeddings or layer norm, which INT8 does not cover. */
std::vector<DenseF32> dense_layers(Model& model);
/** Symmetric per-output-column int8 weights (round half away from zero, as packages/onnx). */
void quantize_weights(const DenseF32& d, QuantLayer& out);
/** Calibrates activation scales on rows of X (finite, model.spec().inputs wide) and quantizes the weights. */
std::unique_ptr<QuantizedModel> quantize_model(Model& model, const float* X, int64_t rows, Calibration c, ThreadPool* pool);

}  // namespace studio::quant
