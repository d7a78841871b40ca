// Device twins of ops/act-math.h.
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

__device__ inline float act_value(Act a, float x, float alpha) {
  switch (a) {
    case Act::Relu: return x > 0.0f ? x : 0.0f;
    case Act::LeakyRelu: return x > 0.0f ? x : alpha * x;
    case Act::Gelu: return 0.5f * x * (1.0f + erff(x * 0.70710678118654752f));
    case Act::Sigmoid: return 1.0f / (1.0f + expf(-x));
    case Act::Tanh: return tanhf(x);
    case Act::Identity: break;
  }
  return x;
}

__device__ inline float act_grad(Act a, float x, float y, float alpha) {
  switch (a) {
    case Act::Relu: return x > 0.0f ? 1.0f : 0.0f;
    case Act::LeakyRelu: return x > 0.0f ? 1.0f : alpha;
    case Act::Gelu: return 0.5f * (1.0f + erff(x * 0.70710678118654752f)) + x * 0.3989422804014327f * expf(-0.5f * x * x);
    case Act::Sigmoid: return y * (1.0f - y);
    case Act::Tanh: return 1.0f - y * y;
    case Act::Identity: break;
  }
  return 1.0f;
}

}  // namespace studio::cuda
