#include "huge-pages.h"

#include <algorithm>
#include <cstdlib>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace studio {

void* huge_page_alloc(size_t bytes) {
  constexpr size_t kHuge = size_t(2) << 20;
  void* p = nullptr;
  if (bytes >= (size_t(1) << 20)) {
    const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    p = std::aligned_alloc(kHuge, rounded);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (p != nullptr) madvise(p, rounded, MADV_HUGEPAGE);
#endif
  } else {
    p = std::aligned_alloc(64, std::max<size_t>(64, (bytes + 63) / 64 * 64));
  }
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void huge_page_free(void* p) { std::free(p); }

}  // namespace studio
