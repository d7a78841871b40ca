// A 2-D row-major f32 view: every engine tensor is [rows, cols] (scalars are [1,1]).
#pragma once
#include <cstdint>

namespace studio {

struct View {
  float* data = nullptr;
  int64_t rows = 0;
  int64_t cols = 0;
  int64_t size() const { return rows * cols; }
  float* row(int64_t r) const { return data + r * cols; }
};

}  // namespace studio
