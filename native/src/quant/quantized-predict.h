// INT8 inference through a backend's int8_dense: rows in chunks, chunks across the thread pool.
#pragma once
#include <cstdint>

#include "../backend/backend.h"
#include "quantized-model.h"

namespace studio::quant {

/** Logits (rows x output width) on the CPU backend; the input must be finite and q.inputs wide. */
void quantized_logits(const QuantizedModel& q, const float* X, int64_t rows, float* logits, ThreadPool* pool);
/** Probabilities: P(class 1) per row for binary models, a softmax row per row otherwise. */
void quantized_proba(const QuantizedModel& q, const float* X, int64_t rows, float* out, ThreadPool* pool);

}  // namespace studio::quant
