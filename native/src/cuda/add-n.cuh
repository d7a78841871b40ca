// CUDA twin of the CPU add_n op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void add_n_fwd(OpCtx& c);
void add_n_bwd(OpCtx& c);

}  // namespace studio::cuda
