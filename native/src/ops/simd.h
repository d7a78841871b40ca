// 8-wide float vectors (GCC/Clang vector extensions): one AVX2 register with -march=x86-64-v3.
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

}  // namespace studio
