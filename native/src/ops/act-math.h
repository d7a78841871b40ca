// Scalar activation functions and derivatives shared by the unfused and fused CPU kernels.
#pragma once
#include <cmath>
#include <cstdint>
#include <type_traits>

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

// Element loops as functions with restrict-qualified parameters: captured by reference in a
// lambda, restrict is lost and the loops stay scalar, with a mispredicted branch per element.

/** y = act(x). */
template <Act A>
void act_forward_loop(const float* __restrict x, float* __restrict y, int64_t n, float alpha) {
  for (int64_t i = 0; i < n; ++i) y[i] = act_value(A, x[i], alpha);
}

/** d += g * act'(x) (unfused backward). */
template <Act A>
void act_backward_loop(const float* __restrict x, const float* __restrict y, const float* __restrict g, float* __restrict d, int64_t n,
                       float alpha) {
  for (int64_t i = 0; i < n; ++i) d[i] += g[i] * act_grad(A, x[i], y[i], alpha);
}

/** pre = g * act'(pre), in place (fused backward, where pre is dead afterwards). */
template <Act A>
void act_backward_inplace(float* __restrict pre, const float* __restrict y, const float* __restrict g, int64_t n, float alpha) {
  for (int64_t i = 0; i < n; ++i) pre[i] = g[i] * act_grad(A, pre[i], y[i], alpha);
}

/** Calls f(std::integral_constant<Act, a>) so element loops are compiled (and vectorised) per activation. */
template <typename F>
void with_act(Act a, F&& f) {
  switch (a) {
    case Act::Relu: return f(std::integral_constant<Act, Act::Relu>{});
    case Act::LeakyRelu: return f(std::integral_constant<Act, Act::LeakyRelu>{});
    case Act::Gelu: return f(std::integral_constant<Act, Act::Gelu>{});
    case Act::Sigmoid: return f(std::integral_constant<Act, Act::Sigmoid>{});
    case Act::Tanh: return f(std::integral_constant<Act, Act::Tanh>{});
    case Act::Identity: return f(std::integral_constant<Act, Act::Identity>{});
  }
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
