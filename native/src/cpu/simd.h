// 8-wide float vectors (GCC/Clang vector extensions): one AVX2 register with -march=x86-64-v3.
// The fp32 dense kernels (dense-avx2.cpp) also have AVX-512 versions (16-wide, dense-avx512.cpp),
// chosen at run time; both give bitwise identical results.
#pragma once
#include <cstring>

namespace studio {

typedef float v8f __attribute__((vector_size(32)));

inline v8f load8(const float* p) {
  v8f v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline void store8(float* p, v8f v) { std::memcpy(p, &v, sizeof(v)); }

inline v8f splat8(float x) { return v8f{x, x, x, x, x, x, x, x}; }

/** Instruction set of the fp32 dense kernels (dense-avx2.cpp, dense-avx512.cpp; chosen in dense.cpp). */
enum class Fp32Isa : int { Avx2 = 0, Avx512 = 1 };

/** The ISA in use: AVX-512 (F/BW/VL/DQ) when the CPU has it, else AVX2. STUDIO_FP32_ISA=avx2|avx512
 *  overrides it at the first call (avx512 on a CPU without it falls back to avx2). */
Fp32Isa fp32_isa();
/** Whether this CPU can run the kernels of `isa`. */
bool fp32_isa_supported(Fp32Isa isa);
/** "avx2" or "avx512". */
const char* fp32_isa_name(Fp32Isa isa);
/** Test hook: makes `isa` (which must be supported) the one in use; returns the previous one. */
Fp32Isa set_fp32_isa(Fp32Isa isa);

}  // namespace studio
