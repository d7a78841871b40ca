// Inference: one row on the calling thread, or many rows split across the thread pool.
#pragma once
#include <cstdint>

#include "model.h"

namespace studio {

class ThreadPool;

/** Logits for `rows` rows (rows x output_width); the caller holds model.mu. */
void predict_logits(Model& model, const float* X, int64_t rows, float* logits, ThreadPool* pool);
/** Probabilities: P(class 1) per row for binary models, a softmax row per row otherwise. */
void predict_proba(Model& model, const float* X, int64_t rows, float* out, ThreadPool* pool);
/** Probabilities for one row on the calling thread, reusing a cached one-row plan. */
void predict_one(Model& model, const float* row, float* out);

}  // namespace studio
