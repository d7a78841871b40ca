// See matrix-memory.h.
#include "matrix-memory.h"

#include <sys/mman.h>

#include <cstdint>

namespace studio {

namespace {
constexpr size_t kHuge = size_t(2) << 20;
}

MatrixMemory matrix_memory(size_t bytes) {
  MatrixMemory m;
  // Slack to align the start to a huge page; the tail is rounded up to one as well (untouched pages cost nothing).
  const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
  const size_t mapped = rounded + kHuge;
  void* base = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return m;
  const uintptr_t start = (reinterpret_cast<uintptr_t>(base) + kHuge - 1) & ~uintptr_t(kHuge - 1);
  void* data = reinterpret_cast<void*>(start);
#ifdef MADV_HUGEPAGE
  madvise(data, rounded, MADV_HUGEPAGE);  // advice only: without huge pages the memory is the same, slower to fault
#endif
  m.data = data;
  m.base = base;
  m.mapped = mapped;
  return m;
}

void release_matrix_memory(const MatrixMemory& m) {
  if (m.base != nullptr) munmap(m.base, m.mapped);
}

}  // namespace studio
