// One backend interface (ggml style): a table of functions. Tensors handed to a backend's
// kernels live in memory that backend allocated.
#pragma once
#include <cstddef>
#include <string>

#include "../ops/op.h"
#include "../quant/int8-dense.h"

namespace studio {

enum class CopyKind { HostToDevice, DeviceToHost, DeviceToDevice };

struct Backend {
  const char* name;
  void* (*alloc)(size_t bytes);
  void (*free)(void* ptr);
  void (*copy)(void* dst, const void* src, size_t bytes, CopyKind kind);
  void (*forward)(OpCtx& ctx);
  void (*backward)(OpCtx& ctx);
  void (*synchronize)();
  bool (*supports_op)(Op op);
  void (*int8_dense)(const Int8DenseArgs& args);  // INT8 dense + dequantize, bias, activation
};

/** The CPU backend (always present). */
const Backend& cpu_backend();

struct CudaInfo {
  bool compiled = false;
  int devices = 0;
  std::string error;  // why no device is usable, empty when one is
};

/** Whether CUDA was compiled in and how many devices the runtime sees. */
CudaInfo cuda_info();
/** The CUDA backend, or null when not compiled or no device is present. */
const Backend* cuda_backend();

}  // namespace studio
