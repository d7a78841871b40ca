// Engine errors: every failure the binding turns into a coded JS error.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace studio {

enum class ErrorCode : uint8_t {
  ShapeMismatch,
  NonFiniteInput,
  LossNaN,
  EmptyDataset,
  SingleClass,
  BadTarget,
  BadInput,
  OutOfMemory,
  Cancelled,
  BadSpec,
  BadOption,
  BadModelFile,
  Busy,
  Disposed,
  Device,
  Internal,
};

/** Stable code string seen by JS, e.g. "ENGINE_SHAPE_MISMATCH". */
const char* error_code_name(ErrorCode code);

/** A failure with a code and optional location (row/column of bad input, step of a NaN loss). */
struct EngineError : std::runtime_error {
  ErrorCode code;
  int64_t row = -1;
  int64_t col = -1;
  int64_t step = -1;
  EngineError(ErrorCode c, const std::string& message) : std::runtime_error(message), code(c) {}
};

}  // namespace studio
