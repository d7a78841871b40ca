// The CUDA backend's function table. Memory is device memory; kernels run on the default stream.
#include <string>

#include "../backend/backend.h"
#include "common.cuh"
#include "activation.cuh"
#include "add-n.cuh"
#include "batch-norm.cuh"
#include "bce-logits.cuh"
#include "bias-add.cuh"
#include "concat.cuh"
#include "dense.cuh"
#include "dropout.cuh"
#include "embedding.cuh"
#include "fused-dense.cuh"
#include "gbm-hist.cuh"
#include "int8-dense.cuh"
#include "layer-norm.cuh"
#include "penalty.cuh"
#include "select.cuh"
#include "softmax.cuh"
#include "softmax-ce.cuh"
#include "train.cuh"

namespace studio {

namespace {

void* cu_alloc(size_t bytes) {
  void* p = nullptr;
  cuda::check(cudaMalloc(&p, bytes == 0 ? 1 : bytes), "alloc");
  return p;
}

void cu_free(void* p) { cudaFree(p); }

void cu_copy(void* dst, const void* src, size_t bytes, CopyKind kind) {
  const cudaMemcpyKind k = kind == CopyKind::HostToDevice ? cudaMemcpyHostToDevice
                           : kind == CopyKind::DeviceToHost ? cudaMemcpyDeviceToHost
                                                            : cudaMemcpyDeviceToDevice;
  cuda::check(cudaMemcpy(dst, src, bytes, k), "copy");
}

void cu_sync() { cuda::check(cudaDeviceSynchronize(), "synchronize"); }

void cu_forward(OpCtx& c) {
  using namespace cuda;
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
  throw EngineError(ErrorCode::Internal, "cuda backend: unknown op");
}

void cu_backward(OpCtx& c) {
  using namespace cuda;
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
  throw EngineError(ErrorCode::Internal, "cuda backend: unknown op");
}

bool cu_supports(Op op) { return op != Op::Count; }

}  // namespace

CudaInfo cuda_info() {
  int count = 0;
  const cudaError_t e = cudaGetDeviceCount(&count);
  if (e != cudaSuccess) {
    cudaGetLastError();  // clear the sticky error so later calls start clean
    return CudaInfo{true, 0, std::string("no device: ") + cudaGetErrorString(e)};
  }
  if (count == 0) return CudaInfo{true, 0, "no device: the CUDA runtime sees no GPU"};
  return CudaInfo{true, count, ""};
}

const Backend* cuda_backend() {
  // Positional: nvcc compiles this file as C++17, which has no designated initializers.
  static const Backend table{"cuda",      false,           cu_alloc,          cu_free,
                             cu_copy,     cu_forward,      cu_backward,       cu_sync,
                             cu_supports, cuda::int8_dense, cuda::zero,       cuda::optim_step,
                             cuda::gather_rows, cuda::project_signs, cuda::gbm_hist};
  return cuda_info().devices > 0 ? &table : nullptr;
}

}  // namespace studio
