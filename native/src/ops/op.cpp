#include "op.h"

#include <cstddef>

namespace studio {

const char* op_name(Op op) {
  static const char* names[] = {"dense", "bias_add", "relu", "leaky_relu", "gelu", "sigmoid", "tanh",
                                "dropout", "layer_norm", "batch_norm", "embedding", "concat", "select",
                                "bce_logits", "softmax_ce", "softmax", "l1_penalty", "l2_penalty", "add_n",
                                "fused_dense", "fused_layer_norm"};
  const auto i = static_cast<size_t>(op);
  return i < sizeof(names) / sizeof(names[0]) ? names[i] : "unknown";
}

Op act_op(Act act) {
  switch (act) {
    case Act::Relu: return Op::Relu;
    case Act::LeakyRelu: return Op::LeakyRelu;
    case Act::Gelu: return Op::Gelu;
    case Act::Sigmoid: return Op::Sigmoid;
    case Act::Tanh: return Op::Tanh;
    case Act::Identity: break;
  }
  return Op::Count;
}

std::array<int64_t, 2> aux_shape(Op op, const OpParams& p, int64_t rows, int64_t cols) {
  switch (op) {
    case Op::LayerNorm:
    case Op::FusedLayerNorm: return {rows, 2};
    case Op::BatchNorm: return {2, cols};
    case Op::FusedDense: return p.act == Act::Identity ? std::array<int64_t, 2>{0, 0} : std::array<int64_t, 2>{rows, cols};
    default: return {0, 0};
  }
}

}  // namespace studio
