#include "dataset.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "../core/errors.h"

namespace studio {

namespace {

// True when no element is NaN or infinite (all exponent bits set); a branch-free integer loop
// that vectorises, so the common all-finite case costs one streaming pass.
bool all_finite(const float* X, int64_t n) {
  uint32_t bad = 0;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t bits;
    std::memcpy(&bits, X + i, sizeof(bits));
    bad |= uint32_t((bits & 0x7f800000u) == 0x7f800000u);
  }
  return bad == 0;
}

}  // namespace

void check_finite(const float* X, int64_t rows, int64_t cols, const char* what) {
  if (all_finite(X, rows * cols)) return;
  // Slow path: find the first bad value for the error.
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      if (!std::isfinite(X[r * cols + c])) {
        EngineError e(ErrorCode::NonFiniteInput, std::string(what) + " has a " + (std::isnan(X[r * cols + c]) ? "NaN" : "infinite") +
                                                     " value at row " + std::to_string(r) + ", column " + std::to_string(c) +
                                                     "; impute or drop missing values before training");
        e.row = r;
        e.col = c;
        throw e;
      }
}

void check_codes(const ModelSpec& spec, const float* X, int64_t rows, const char* what) {
  for (const auto& emb : spec.embeddings)
    for (int64_t r = 0; r < rows; ++r) {
      const float v = X[r * spec.inputs + emb.column];
      if (v < 0 || v >= float(emb.cardinality) || v != std::floor(v)) {
        EngineError e(ErrorCode::BadInput, std::string(what) + " row " + std::to_string(r) + ", column " + std::to_string(emb.column) +
                                               ": category code must be an integer in [0, " + std::to_string(emb.cardinality) + ")");
        e.row = r;
        e.col = emb.column;
        throw e;
      }
    }
}

void check_targets(const ModelSpec& spec, const float* y, int64_t rows, bool need_two_classes, const char* what) {
  const int32_t classes = spec.classes;
  int64_t first = -1;
  bool two = false;
  for (int64_t r = 0; r < rows; ++r) {
    const float v = y[r];
    if (!(v >= 0 && v < float(classes) && v == std::floor(v))) {
      EngineError e(ErrorCode::BadTarget, std::string(what) + " target at row " + std::to_string(r) + " is " + std::to_string(v) +
                                              "; targets must be class indices 0.." + std::to_string(classes - 1));
      e.row = r;
      throw e;
    }
    if (first < 0) first = int64_t(v);
    else if (int64_t(v) != first) two = true;
  }
  if (need_two_classes && !two)
    throw EngineError(ErrorCode::SingleClass, std::string(what) + " target has a single class (" + std::to_string(first) +
                                                  "); a classifier needs examples of at least two classes");
}

void check_dataset(const ModelSpec& spec, const Dataset& d, bool need_two_classes, const char* what) {
  if (d.rows <= 0) throw EngineError(ErrorCode::EmptyDataset, std::string(what) + " is empty; provide at least one row");
  if (d.rows > int64_t(UINT32_MAX)) throw EngineError(ErrorCode::ShapeMismatch, std::string(what) + " has more than 2^32 rows; split it");
  if (d.cols != spec.inputs)
    throw EngineError(ErrorCode::ShapeMismatch, std::string(what) + " has " + std::to_string(d.cols) + " columns but the model expects " +
                                                    std::to_string(spec.inputs));
  check_finite(d.X, d.rows, d.cols, what);
  check_codes(spec, d.X, d.rows, what);
  check_targets(spec, d.y, d.rows, need_two_classes, what);
}

}  // namespace studio
