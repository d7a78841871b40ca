// Memory for the model's input matrix: fresh anonymous pages, 2 MiB aligned and advised as transparent huge
// pages. A first touch of fresh memory costs a page fault per 4 KiB page, and on a virtual machine each fault is
// dear (measured 30–140 µs on this project's 2-core VM: 120–500 ms for a 15 MB matrix); with huge pages it is
// one fault per 2 MiB. The pages are zero, as a new Float32Array's are.
#pragma once
#include <cstddef>

namespace studio {

struct MatrixMemory {
  void* data = nullptr;  // 2 MiB aligned (where the mapping allows), zero-filled
  void* base = nullptr;  // the mapping, for release_matrix_memory
  size_t mapped = 0;
};

/** `bytes` of zeroed memory (bytes > 0); data is null when the mapping fails. */
MatrixMemory matrix_memory(size_t bytes);

void release_matrix_memory(const MatrixMemory& m);

}  // namespace studio
