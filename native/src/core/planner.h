// Static memory planner: given each buffer's size and live interval on the schedule timeline,
// assigns offsets in one block so that buffers live at the same time never overlap.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace studio {

struct Lifetime {
  size_t bytes = 0;
  int first = 0;  // first step the buffer is written (inclusive)
  int last = 0;   // last step it is read (inclusive)
};

struct MemoryPlan {
  std::vector<size_t> offsets;  // per lifetime, 64-byte aligned
  size_t peak_bytes = 0;        // size of the block the plan needs
  size_t naive_bytes = 0;       // sum of all buffers, for comparison
};

/** Greedy by size: largest buffers first, each at the lowest offset free for its whole interval. */
MemoryPlan plan_memory(const std::vector<Lifetime>& buffers);

}  // namespace studio
