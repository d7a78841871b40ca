// Memory for large columns and matrices that a fresh process fills once: on this kind of VM a 4 KiB page fault
// costs tens of microseconds, so a few megabytes of new memory took 30–70 ms of faults, against under a
// millisecond on transparent huge pages (docs/benchmarks.md, branches csvfast and splitkern).
#pragma once

#include <cstddef>

namespace studio {

/**
 * 64-byte aligned memory of at least `bytes`; from 1 MiB on, 2 MiB aligned, rounded up to whole 2 MiB pages and
 * advised to transparent huge pages (advice only: without them it is the same memory, slower to fault in).
 * Throws std::bad_alloc when the memory is not there. Free with `huge_page_free`.
 */
void* huge_page_alloc(size_t bytes);
void huge_page_free(void* p);

}  // namespace studio
