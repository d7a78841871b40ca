// CUDA twin of the CPU int8_dense op (quant/int8-dense.h): __dp4a dot products, fused epilogue.
#pragma once
#include "../quant/int8-dense.h"

namespace studio::cuda {

void int8_dense(const Int8DenseArgs& a);

}  // namespace studio::cuda
