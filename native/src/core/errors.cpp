#include "errors.h"

namespace studio {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::ShapeMismatch: return "ENGINE_SHAPE_MISMATCH";
    case ErrorCode::NonFiniteInput: return "ENGINE_NONFINITE_INPUT";
    case ErrorCode::LossNaN: return "ENGINE_LOSS_NAN";
    case ErrorCode::EmptyDataset: return "ENGINE_EMPTY_DATASET";
    case ErrorCode::SingleClass: return "ENGINE_SINGLE_CLASS";
    case ErrorCode::BadTarget: return "ENGINE_BAD_TARGET";
    case ErrorCode::BadInput: return "ENGINE_BAD_INPUT";
    case ErrorCode::OutOfMemory: return "ENGINE_OUT_OF_MEMORY";
    case ErrorCode::Cancelled: return "ENGINE_CANCELLED";
    case ErrorCode::BadSpec: return "ENGINE_BAD_SPEC";
    case ErrorCode::BadOption: return "ENGINE_BAD_OPTION";
    case ErrorCode::BadModelFile: return "ENGINE_BAD_MODEL_FILE";
    case ErrorCode::Busy: return "ENGINE_BUSY";
    case ErrorCode::Disposed: return "ENGINE_DISPOSED";
    case ErrorCode::Device: return "ENGINE_DEVICE";
    case ErrorCode::Internal: return "ENGINE_INTERNAL";
  }
  return "ENGINE_INTERNAL";
}

}  // namespace studio
