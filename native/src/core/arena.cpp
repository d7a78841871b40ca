#include "arena.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include "errors.h"

namespace studio {

namespace {
constexpr size_t kAlign = 64;
size_t round_up(size_t n) { return (n + kAlign - 1) / kAlign * kAlign; }
}  // namespace

Arena::~Arena() {
  for (auto& [size, ptr] : cache_) std::free(ptr);
}

Block Arena::acquire(size_t bytes) {
  const size_t want = round_up(bytes == 0 ? kAlign : bytes);
  std::lock_guard<std::mutex> lock(mu_);
  // Reuse a cached block if it is not more than twice the request, so small requests do not pin big blocks.
  auto it = cache_.lower_bound(want);
  if (it != cache_.end() && it->first <= 2 * want) {
    Block b{it->second, it->first};
    cache_.erase(it);
    stats_.in_use_bytes += b.bytes;
    stats_.peak_in_use_bytes = std::max(stats_.peak_in_use_bytes, stats_.in_use_bytes);
    ++stats_.reuses;
    std::memset(b.data, 0, b.bytes);
    return b;
  }
  // Past the limit, drop cached blocks before giving up.
  while (stats_.reserved_bytes + want > limit_ && !cache_.empty()) {
    auto last = std::prev(cache_.end());
    stats_.reserved_bytes -= last->first;
    std::free(last->second);
    cache_.erase(last);
  }
  if (stats_.reserved_bytes + want > limit_) {
    throw EngineError(ErrorCode::OutOfMemory, "out of memory: the engine needs " + std::to_string(want >> 20) +
                                                  " MiB more but its limit is " + std::to_string(limit_ >> 20) +
                                                  " MiB; use a smaller model or batch size");
  }
  void* p = std::aligned_alloc(kAlign, want);
  if (p == nullptr) throw EngineError(ErrorCode::OutOfMemory, "out of memory: allocation of " + std::to_string(want) + " bytes failed");
  std::memset(p, 0, want);
  stats_.reserved_bytes += want;
  stats_.in_use_bytes += want;
  stats_.peak_in_use_bytes = std::max(stats_.peak_in_use_bytes, stats_.in_use_bytes);
  ++stats_.allocations;
  return Block{static_cast<float*>(p), want};
}

void Arena::release(Block block) {
  if (block.data == nullptr) return;
  std::lock_guard<std::mutex> lock(mu_);
  stats_.in_use_bytes -= block.bytes;
  cache_.emplace(block.bytes, block.data);
}

ArenaStats Arena::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace studio
