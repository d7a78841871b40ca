// Arena memory pool: 64-byte aligned blocks, freed blocks are kept and reused for later requests
// of a similar size, and a byte limit turns runaway requests into a typed out-of-memory error.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>

namespace studio {

struct Block {
  float* data = nullptr;
  size_t bytes = 0;
};

struct ArenaStats {
  size_t reserved_bytes = 0;  // held from the system (in use + cached)
  size_t in_use_bytes = 0;
  size_t peak_in_use_bytes = 0;
  uint64_t allocations = 0;
  uint64_t reuses = 0;
};

class Arena {
 public:
  explicit Arena(size_t limit_bytes) : limit_(limit_bytes) {}
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  /** A block of at least `bytes`, zero-filled; throws EngineError(OutOfMemory) past the limit. */
  Block acquire(size_t bytes);
  /** Returns a block to the cache for reuse. */
  void release(Block block);
  ArenaStats stats() const;

 private:
  size_t limit_;
  mutable std::mutex mu_;
  std::multimap<size_t, float*> cache_;  // free blocks by size
  ArenaStats stats_;
};

}  // namespace studio
