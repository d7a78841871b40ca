// Bias add and the column-sum its gradient needs (also used by fused dense).
#pragma once
#include <cstdint>

#include "../ops/op.h"

namespace studio::cuda {

void bias_add_fwd(OpCtx& c);
void bias_add_bwd(OpCtx& c);

/** db[n] += sum_b dy[b, n], one thread per column, rows in order (deterministic). */
void column_sum_accumulate(const float* dy, int64_t rows, int64_t cols, float* db);

}  // namespace studio::cuda
