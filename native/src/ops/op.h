// The op set of the engine and the context a backend kernel receives.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "../core/view.h"

namespace studio {

class ThreadPool;

enum class Op : uint8_t {
  Dense,       // [B,K] x W[K,N] -> [B,N]
  BiasAdd,     // x + b[1,N]
  Relu,
  LeakyRelu,   // p.alpha
  Gelu,        // exact (erf) form
  Sigmoid,
  Tanh,
  Dropout,     // p.rate, mask from Philox(seed, p.salt, step)
  LayerNorm,   // (x, gamma, beta), aux [B,2] = mean, rstd
  BatchNorm,   // (x, gamma, beta, running_mean, running_var), aux [2,N]
  Embedding,   // (x, table[V,D]) reads integer codes from column p.col of x
  Concat,      // along columns
  Select,      // columns p.cols of x
  BceLogits,   // (logits[B,1], y[B,1]) -> mean class-weighted BCE, [1,1]
  SoftmaxCe,   // (logits[B,C], y[B,1] class index) -> mean CE, [1,1]
  Softmax,     // row-wise
  L1Penalty,   // p.lambda * sum|w|
  L2Penalty,   // 0.5 * p.lambda * sum w^2
  AddN,        // sum of [1,1] terms
  FusedDense,  // act(x W + b), aux = pre-activation (fusion of Dense, BiasAdd, activation)
  FusedLayerNorm,  // dropout(act(layer_norm(x))), p.act / p.rate (0 = none); aux [B,2] = mean, rstd
  Count,
};

enum class Act : uint8_t { Identity, Relu, LeakyRelu, Gelu, Sigmoid, Tanh };

struct OpParams {
  float alpha = 0.01f;     // leaky slope
  float rate = 0.0f;       // dropout rate
  float eps = 1e-5f;       // norm epsilon
  float momentum = 0.1f;   // batch-norm running-stat momentum
  float lambda = 0.0f;     // penalty strength
  float pos_weight = 1.0f; // BCE class weights
  float neg_weight = 1.0f;
  int32_t col = 0;         // embedding code column
  uint32_t salt = 0;       // distinguishes dropout layers
  Act act = Act::Identity;
  std::vector<int32_t> cols;  // Select
};

constexpr int kMaxInputs = 5;

/** Everything one kernel call needs; din[i].data is null when input i needs no gradient. */
struct OpCtx {
  Op op = Op::Count;
  const OpParams* p = nullptr;
  int n_in = 0;
  std::array<View, kMaxInputs> in{};
  View out{};
  View aux{};
  std::array<View, kMaxInputs> din{};
  View dout{};
  ThreadPool* pool = nullptr;
  uint64_t seed = 0;
  uint64_t step = 0;
  bool training = false;
};

/** Lower-case op name, for plans, errors and tests. */
const char* op_name(Op op);
/** The unfused op that computes activation `act` (Identity has none). */
Op act_op(Act act);
/** Shape of the auxiliary buffer an op keeps for backward ({0,0} when none). */
std::array<int64_t, 2> aux_shape(Op op, const OpParams& p, int64_t rows, int64_t cols);

}  // namespace studio
