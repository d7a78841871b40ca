// The model file format (native/FORMAT.md): magic, version, spec, metadata, tensors, CRC32.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "model.h"

namespace studio {

constexpr uint32_t kFormatVersion = 1;

/** IEEE CRC-32 (the zlib polynomial). */
uint32_t crc32(const uint8_t* data, size_t n);
std::vector<uint8_t> save_model(Model& model);
/** Throws EngineError(BadModelFile) on any truncation, corruption or version mismatch. */
std::unique_ptr<Model> load_model(const uint8_t* data, size_t n, size_t memory_limit_bytes);

}  // namespace studio
