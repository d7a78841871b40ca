// Training/validation data as the engine sees it, and the checks that reject bad data with the
// row and column at fault instead of letting it reach a kernel.
#pragma once
#include <cstdint>

#include "spec.h"

namespace studio {

struct Dataset {
  const float* X = nullptr;  // rows x cols, row-major
  const float* y = nullptr;  // rows targets (0/1, or class index for softmax models)
  int64_t rows = 0;
  int64_t cols = 0;
};

/** NaN/Inf anywhere in X -> EngineError(NonFiniteInput) naming the first bad row and column. */
void check_finite(const float* X, int64_t rows, int64_t cols, const char* what);
/** Embedding code columns must hold integers in [0, cardinality). */
void check_codes(const ModelSpec& spec, const float* X, int64_t rows, const char* what);
/** Targets must be valid labels; training sets must also contain at least two classes. */
void check_targets(const ModelSpec& spec, const float* y, int64_t rows, bool need_two_classes, const char* what);
/** All of the above plus shape and emptiness checks. */
void check_dataset(const ModelSpec& spec, const Dataset& d, bool need_two_classes, const char* what);

}  // namespace studio
