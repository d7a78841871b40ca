#include "quantized-model.h"

#include <cmath>

#include "../core/errors.h"
#include "int8-dense-cpu.h"

namespace studio::quant {

void prepare_kernels(QuantizedModel& q) {
  auto bad = [](const std::string& m) { throw EngineError(ErrorCode::BadModelFile, "invalid model file: " + m); };
  if (q.layers.empty()) bad("no dense layers");
  int32_t width = q.inputs;
  for (size_t i = 0; i < q.layers.size(); ++i) {
    QuantLayer& l = q.layers[i];
    if (l.in != width || l.out < 1) bad("dense layer " + std::to_string(i) + " does not chain with the previous one");
    if (!(l.x_scale > 0) || !std::isfinite(l.x_scale)) bad("activation scales must be finite and > 0");
    for (size_t n = 0; n < size_t(l.out); ++n)
      if (!(l.w_scale[n] > 0) || !std::isfinite(l.w_scale[n]) || !std::isfinite(l.bias[n])) bad("weight scales and biases must be finite");
    for (int8_t v : l.w)
      if (v == -128) bad("int8 weights must lie in [-127, 127]");
    l.in_pad = int8_padded(l.in, kInt8KAlign);
    l.out_pad = int8_padded(l.out, kInt8NAlign);
    l.x_nonneg = i > 0 && (q.layers[i - 1].act == Act::Relu || q.layers[i - 1].act == Act::Sigmoid);
    l.packed = pack_weights(l.w.data(), l.in, l.out);
    l.scale.assign(size_t(l.out_pad), 0.0f);
    l.bias_pad.assign(size_t(l.out_pad), 0.0f);
    for (size_t n = 0; n < size_t(l.out); ++n) {
      l.scale[n] = l.x_scale * l.w_scale[n];
      l.bias_pad[n] = l.bias[n];
    }
    width = l.out;
  }
  if (width != (q.classes == 2 ? 1 : q.classes)) bad("the output layer does not match the class count");
  if (q.layers.back().act != Act::Identity) bad("the output layer must be linear");
}

WeightReport weight_report(const QuantizedModel& q) {
  WeightReport r;
  for (const auto& l : q.layers) {
    const double params = double(l.in) * l.out;
    r.fp32_bytes += 4 * (params + l.out);
    r.int8_bytes += params + 4.0 * l.out + 4.0 * l.out + 4;
  }
  return r;
}

}  // namespace studio::quant
