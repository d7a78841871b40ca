// Little-endian byte writer and bounds-checked reader for the model files (native/FORMAT.md, versions 1 and 2).
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "errors.h"

namespace studio {

class ByteWriter {
 public:
  template <typename T>
  void put(T v) {
    bytes(&v, sizeof(T));
  }
  void bytes(const void* p, size_t n) { out.insert(out.end(), static_cast<const uint8_t*>(p), static_cast<const uint8_t*>(p) + n); }
  std::vector<uint8_t> out;
};

class ByteReader {
 public:
  ByteReader(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  template <typename T>
  T get() {
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }
  /** The next n bytes; BadModelFile when fewer remain. */
  const uint8_t* take(size_t n) {
    if (n > n_ - pos_) throw EngineError(ErrorCode::BadModelFile, "invalid model file: truncated");
    const uint8_t* p = d_ + pos_;
    pos_ += n;
    return p;
  }
  size_t remaining() const { return n_ - pos_; }
  size_t pos() const { return pos_; }

 private:
  const uint8_t* d_;
  size_t n_;
  size_t pos_ = 0;
};

}  // namespace studio
