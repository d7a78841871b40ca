// One backend interface (ggml style): a table of functions. Tensors handed to a backend's
// kernels live in memory that backend allocated.
#pragma once
#include <cstddef>
#include <string>
#include <utility>

#include "../ops/op.h"
#include "../ops/train-kernels.h"
#include "../gbm/hist.h"
#include "../quant/int8-dense.h"

namespace studio {

enum class CopyKind { HostToDevice, DeviceToHost, DeviceToDevice };

struct Backend {
  const char* name;
  bool host_memory;  // its memory is the host's: data can be used in place instead of copied
  void* (*alloc)(size_t bytes);
  void (*free)(void* ptr);
  void (*copy)(void* dst, const void* src, size_t bytes, CopyKind kind);
  void (*forward)(OpCtx& ctx);
  void (*backward)(OpCtx& ctx);
  void (*synchronize)();
  bool (*supports_op)(Op op);
  void (*int8_dense)(const Int8DenseArgs& args);  // INT8 dense + dequantize, bias, activation
  // Training-loop kernels (see ops/train-kernels.h).
  void (*zero)(void* ptr, size_t bytes);
  void (*optim_step)(const OptimStepArgs& args);
  void (*gather_rows)(const GatherArgs& args);
  void (*project_signs)(float* w, const float* sign, int64_t n);
  void (*gbm_hist)(const gbm::HistArgs& args);  // GBM histogram build (gbm/hist.h); pointers in this backend's memory
};

/** Memory allocated in a backend, freed when the buffer goes out of scope. */
class BackendBuffer {
 public:
  BackendBuffer() = default;
  BackendBuffer(const Backend& be, size_t bytes) : be_(&be), ptr_(bytes ? be.alloc(bytes) : nullptr), bytes_(bytes) {}
  ~BackendBuffer() { reset(); }
  BackendBuffer(BackendBuffer&& o) noexcept : be_(o.be_), ptr_(std::exchange(o.ptr_, nullptr)), bytes_(std::exchange(o.bytes_, 0)) {}
  BackendBuffer& operator=(BackendBuffer&& o) noexcept {
    if (this != &o) {
      reset();
      be_ = o.be_;
      ptr_ = std::exchange(o.ptr_, nullptr);
      bytes_ = std::exchange(o.bytes_, 0);
    }
    return *this;
  }
  BackendBuffer(const BackendBuffer&) = delete;
  BackendBuffer& operator=(const BackendBuffer&) = delete;

  void* get() const { return ptr_; }
  float* f() const { return static_cast<float*>(ptr_); }
  size_t bytes() const { return bytes_; }
  void reset() {
    if (ptr_) be_->free(ptr_);
    ptr_ = nullptr;
    bytes_ = 0;
  }

 private:
  const Backend* be_ = nullptr;
  void* ptr_ = nullptr;
  size_t bytes_ = 0;
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
