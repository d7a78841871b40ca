// CPU kernels, the twins of cuda/*.cuh: one forward and one backward per op. Forward writes `out`;
// backward accumulates (+=) into every din[i] whose data is non-null.
#pragma once
#include "../ops/op.h"
#include "../ops/train-kernels.h"

namespace studio::cpu {

void dense_fwd(OpCtx& c);
void dense_bwd(OpCtx& c);
void bias_add_fwd(OpCtx& c);
void bias_add_bwd(OpCtx& c);
void fused_dense_fwd(OpCtx& c);
void fused_dense_bwd(OpCtx& c);
void activation_fwd(OpCtx& c);  // relu, leaky_relu, gelu, sigmoid, tanh
void activation_bwd(OpCtx& c);
void dropout_fwd(OpCtx& c);
void dropout_bwd(OpCtx& c);
void layer_norm_fwd(OpCtx& c);
void layer_norm_bwd(OpCtx& c);
void fused_layer_norm_fwd(OpCtx& c);
void fused_layer_norm_bwd(OpCtx& c);
void batch_norm_fwd(OpCtx& c);
void batch_norm_bwd(OpCtx& c);
void embedding_fwd(OpCtx& c);
void embedding_bwd(OpCtx& c);
void concat_fwd(OpCtx& c);
void concat_bwd(OpCtx& c);
void select_fwd(OpCtx& c);
void select_bwd(OpCtx& c);
void bce_logits_fwd(OpCtx& c);
void bce_logits_bwd(OpCtx& c);
void softmax_ce_fwd(OpCtx& c);
void softmax_ce_bwd(OpCtx& c);
void softmax_fwd(OpCtx& c);
void softmax_bwd(OpCtx& c);
void penalty_fwd(OpCtx& c);  // l1_penalty, l2_penalty
void penalty_bwd(OpCtx& c);
void add_n_fwd(OpCtx& c);
void add_n_bwd(OpCtx& c);

/** out[i] = log1p(exp(-|z[i]|)) in double, vectorised, within a few ulp of libm (the BCE softplus term). */
void softplus_neg_abs(const float* z, double* out, int64_t n);

// The training-loop kernels of ops/train-kernels.h (cpu/train.cpp).
void optim_step(const OptimStepArgs& a);
void gather_rows(const GatherArgs& a);
/** w[j] = 0 where sign[j] * w[j] < 0 (sign holds -1, 0 or +1). */
void project_signs(float* w, const float* sign, int64_t n);

}  // namespace studio::cpu
