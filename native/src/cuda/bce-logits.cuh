// CUDA twin of the CPU bce_logits op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void bce_logits_fwd(OpCtx& c);
void bce_logits_bwd(OpCtx& c);

}  // namespace studio::cuda
