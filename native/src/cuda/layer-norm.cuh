// CUDA twin of the CPU layer_norm op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void layer_norm_fwd(OpCtx& c);
void layer_norm_bwd(OpCtx& c);
/** Layer norm + activation + dropout (Op::FusedLayerNorm), recomputing the intermediates in backward. */
void fused_layer_norm_fwd(OpCtx& c);
void fused_layer_norm_bwd(OpCtx& c);

}  // namespace studio::cuda
