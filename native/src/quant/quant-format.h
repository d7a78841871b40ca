// Version 2 of the model file: an INT8 model (native/FORMAT.md). Version 1 files stay fp32.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "quantized-model.h"

namespace studio::quant {

constexpr uint32_t kInt8FormatVersion = 2;

/** The model as a version-2 file, CRC-32 last. */
std::vector<uint8_t> save_quantized(const QuantizedModel& q);
/** Throws EngineError(BadModelFile) on a bad magic, checksum, version, length or layer chain. */
std::unique_ptr<QuantizedModel> load_quantized(const uint8_t* data, size_t n);

}  // namespace studio::quant
