#include "planner.h"

#include <algorithm>
#include <numeric>

namespace studio {

MemoryPlan plan_memory(const std::vector<Lifetime>& buffers) {
  const size_t n = buffers.size();
  MemoryPlan plan;
  plan.offsets.assign(n, 0);
  std::vector<size_t> sizes(n);
  for (size_t i = 0; i < n; ++i) {
    sizes[i] = (buffers[i].bytes + 63) / 64 * 64;
    plan.naive_bytes += sizes[i];
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  std::vector<size_t> placed;
  for (size_t i : order) {
    if (sizes[i] == 0) continue;
    // Occupied ranges among placed buffers whose intervals intersect this one.
    std::vector<std::pair<size_t, size_t>> busy;
    for (size_t j : placed) {
      if (buffers[j].last < buffers[i].first || buffers[i].last < buffers[j].first) continue;
      busy.emplace_back(plan.offsets[j], plan.offsets[j] + sizes[j]);
    }
    std::sort(busy.begin(), busy.end());
    size_t offset = 0;
    for (auto [b, e] : busy) {
      if (offset + sizes[i] <= b) break;
      offset = std::max(offset, e);
    }
    plan.offsets[i] = offset;
    plan.peak_bytes = std::max(plan.peak_bytes, offset + sizes[i]);
    placed.push_back(i);
  }
  return plan;
}

}  // namespace studio
