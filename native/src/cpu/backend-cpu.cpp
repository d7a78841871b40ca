#include <cstdlib>
#include <cstring>

#include "../core/errors.h"
#include "cpu-ops.h"
#include "../quant/int8-dense-cpu.h"
#include "../backend/backend.h"

namespace studio {

namespace {

void* cpu_alloc(size_t bytes) {
  void* p = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (p == nullptr) throw EngineError(ErrorCode::OutOfMemory, "out of memory: host allocation failed");
  return p;
}
void cpu_free(void* p) { std::free(p); }
void cpu_copy(void* dst, const void* src, size_t bytes, CopyKind) { std::memcpy(dst, src, bytes); }
void cpu_sync() {}
void cpu_zero(void* p, size_t bytes) { std::memset(p, 0, bytes); }

void cpu_forward(OpCtx& c) {
  using namespace cpu;
  switch (c.op) {
    case Op::Dense: return dense_fwd(c);
    case Op::BiasAdd: return bias_add_fwd(c);
    case Op::FusedDense: return fused_dense_fwd(c);
    case Op::FusedLayerNorm: return fused_layer_norm_fwd(c);
    case Op::Relu:
    case Op::LeakyRelu:
    case Op::Gelu:
    case Op::Sigmoid:
    case Op::Tanh: return activation_fwd(c);
    case Op::Dropout: return dropout_fwd(c);
    case Op::LayerNorm: return layer_norm_fwd(c);
    case Op::BatchNorm: return batch_norm_fwd(c);
    case Op::Embedding: return embedding_fwd(c);
    case Op::Concat: return concat_fwd(c);
    case Op::Select: return select_fwd(c);
    case Op::BceLogits: return bce_logits_fwd(c);
    case Op::SoftmaxCe: return softmax_ce_fwd(c);
    case Op::Softmax: return softmax_fwd(c);
    case Op::L1Penalty:
    case Op::L2Penalty: return penalty_fwd(c);
    case Op::AddN: return add_n_fwd(c);
    case Op::Count: break;
  }
  throw EngineError(ErrorCode::Internal, "cpu backend: unknown op");
}

void cpu_backward(OpCtx& c) {
  using namespace cpu;
  switch (c.op) {
    case Op::Dense: return dense_bwd(c);
    case Op::BiasAdd: return bias_add_bwd(c);
    case Op::FusedDense: return fused_dense_bwd(c);
    case Op::FusedLayerNorm: return fused_layer_norm_bwd(c);
    case Op::Relu:
    case Op::LeakyRelu:
    case Op::Gelu:
    case Op::Sigmoid:
    case Op::Tanh: return activation_bwd(c);
    case Op::Dropout: return dropout_bwd(c);
    case Op::LayerNorm: return layer_norm_bwd(c);
    case Op::BatchNorm: return batch_norm_bwd(c);
    case Op::Embedding: return embedding_bwd(c);
    case Op::Concat: return concat_bwd(c);
    case Op::Select: return select_bwd(c);
    case Op::BceLogits: return bce_logits_bwd(c);
    case Op::SoftmaxCe: return softmax_ce_bwd(c);
    case Op::Softmax: return softmax_bwd(c);
    case Op::L1Penalty:
    case Op::L2Penalty: return penalty_bwd(c);
    case Op::AddN: return add_n_bwd(c);
    case Op::Count: break;
  }
  throw EngineError(ErrorCode::Internal, "cpu backend: unknown op");
}

bool cpu_supports(Op op) { return op != Op::Count; }

}  // namespace

const Backend& cpu_backend() {
  static const Backend b{.name = "cpu",
                         .host_memory = true,
                         .alloc = cpu_alloc,
                         .free = cpu_free,
                         .copy = cpu_copy,
                         .forward = cpu_forward,
                         .backward = cpu_backward,
                         .synchronize = cpu_sync,
                         .supports_op = cpu_supports,
                         .int8_dense = quant::int8_dense_cpu,
                         .zero = cpu_zero,
                         .optim_step = cpu::optim_step,
                         .gather_rows = cpu::gather_rows,
                         .project_signs = cpu::project_signs,
                         .gbm_hist = gbm::build_hist_cpu};
  return b;
}

}  // namespace studio
