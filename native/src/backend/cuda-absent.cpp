// Built instead of the CUDA backend when the engine is compiled without CUDA.
#include "backend.h"

namespace studio {

CudaInfo cuda_info() { return CudaInfo{false, 0, "built without CUDA (STUDIO_CUDA=OFF or no nvcc)"}; }
const Backend* cuda_backend() { return nullptr; }

}  // namespace studio
