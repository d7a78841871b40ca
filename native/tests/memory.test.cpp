// Arena reuse and the static memory planner.
#include "../src/core/arena.h"
#include "../src/core/errors.h"
#include "../src/core/planner.h"
#include "test.h"

using namespace studio;

TEST(arena_reuses_freed_blocks) {
  Arena arena(1 << 20);
  Block a = arena.acquire(1000);
  arena.release(a);
  Block b = arena.acquire(900);
  CHECK(b.data == a.data);
  CHECK(arena.stats().reuses == 1);
  CHECK(arena.stats().allocations == 1);
  Block c = arena.acquire(100000);  // too big for the cached block: fresh allocation
  CHECK(c.data != b.data);
  arena.release(b);
  arena.release(c);
  CHECK(arena.stats().in_use_bytes == 0);
}

TEST(arena_limit_is_a_typed_error) {
  Arena arena(4096);
  bool threw = false;
  try {
    arena.acquire(1 << 20);
  } catch (const EngineError& e) {
    threw = e.code == ErrorCode::OutOfMemory;
  }
  CHECK(threw);
}

TEST(planner_never_overlaps_live_buffers) {
  std::vector<Lifetime> buffers = {{1000, 0, 2}, {500, 1, 3}, {2000, 3, 5}, {800, 4, 6}, {1000, 6, 7}, {64, 0, 7}};
  const MemoryPlan plan = plan_memory(buffers);
  for (size_t i = 0; i < buffers.size(); ++i)
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      const bool time = !(buffers[i].last < buffers[j].first || buffers[j].last < buffers[i].first);
      const size_t ai = plan.offsets[i], bi = ai + (buffers[i].bytes + 63) / 64 * 64;
      const size_t aj = plan.offsets[j], bj = aj + (buffers[j].bytes + 63) / 64 * 64;
      const bool space = ai < bj && aj < bi;
      CHECK(!(time && space));
    }
  CHECK(plan.peak_bytes < plan.naive_bytes);
  CHECK(plan.peak_bytes >= 2048);  // the largest buffer alone
}
