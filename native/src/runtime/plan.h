// A compiled plan: the fused graph, its topological schedule and the static memory layout of
// every activation and activation gradient in one block.
#pragma once
#include <cstdint>
#include <vector>

#include "../core/planner.h"
#include "graph.h"

namespace studio {

struct Plan {
  Graph graph;                               // after fusion
  std::vector<int> order;                    // node indices in execution order
  std::vector<int64_t> value_offset;         // bytes into the block, -1 when not planned
  std::vector<int64_t> grad_offset;          // idem, for gradients of values (training only)
  std::vector<std::vector<int>> zero_before; // per schedule position: gradients to clear before its backward
  MemoryPlan memory;
  bool training = false;
  int fused = 0;  // number of chains fused (dense+bias(+activation), layer norm(+activation)(+dropout))
};

/** Fuses dense+bias(+activation) chains in place; returns how many were fused. */
int fuse_dense_chains(Graph& g);
/** Fuses layer norm with its activation and dropout in place; returns how many were fused. */
int fuse_norm_chains(Graph& g);
/** Kahn topological order of the nodes (ties broken by insertion order, so it is deterministic). */
std::vector<int> topological_order(const Graph& g);
/** Fuses (optionally), schedules and plans memory; training plans also cover backward. */
Plan compile_plan(Graph g, bool training, bool fuse = true);

}  // namespace studio
