// Scalar activation functions and derivatives shared by the unfused and fused CPU kernels.
#pragma once
#include <cmath>

#include "op.h"

namespace studio {

inline float act_value(Act a, float x, float alpha) {
  switch (a) {
    case Act::Relu: return x > 0.0f ? x : 0.0f;
    case Act::LeakyRelu: return x > 0.0f ? x : alpha * x;
    case Act::Gelu: return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f));
    case Act::Sigmoid: return 1.0f / (1.0f + std::exp(-x));
    case Act::Tanh: return std::tanh(x);
    case Act::Identity: break;
  }
  return x;
}

/** d act / dx given the input x and the output y (whichever is cheaper). */
inline float act_grad(Act a, float x, float y, float alpha) {
  switch (a) {
    case Act::Relu: return x > 0.0f ? 1.0f : 0.0f;
    case Act::LeakyRelu: return x > 0.0f ? 1.0f : alpha;
    case Act::Gelu: {
      const float cdf = 0.5f * (1.0f + std::erf(x * 0.70710678118654752f));
      const float pdf = 0.3989422804014327f * std::exp(-0.5f * x * x);
      return cdf + x * pdf;
    }
    case Act::Sigmoid: return y * (1.0f - y);
    case Act::Tanh: return 1.0f - y * y;
    case Act::Identity: break;
  }
  return 1.0f;
}

inline Act op_act(Op op) {
  switch (op) {
    case Op::Relu: return Act::Relu;
    case Op::LeakyRelu: return Act::LeakyRelu;
    case Op::Gelu: return Act::Gelu;
    case Op::Sigmoid: return Act::Sigmoid;
    case Op::Tanh: return Act::Tanh;
    default: return Act::Identity;
  }
}

}  // namespace studio
