// The histogram build, the inner loop of GBM training: per feature and bin, Σ gradient, Σ hessian and count
// over a set of rows. The CPU version is here; the CUDA twin (cuda/gbm-hist.cu) has the same contract.
#pragma once
#include <cstdint>

namespace studio::gbm {

struct GradPair {
  float g, h;
};

/** Σ gradient, Σ hessian and the row count (exact in f64 below 2^53), padded to 32 bytes so that one
 *  AVX add updates a bin. */
struct alignas(32) HistBin {
  double g, h, n, pad;
};

struct HistArgs {
  const uint8_t* bins;      // rows x cols, row-major, bin 0 = missing
  const GradPair* grad;     // per row
  const int32_t* index;     // the rows to add, or null for rows [begin, end)
  int64_t begin, end;       // range in `index` (or of rows)
  int cols;
  const int32_t* offset;    // per feature, the first bin's position in `out`
  HistBin* out;             // Σ over the rows, added to what is there
};

/** Adds the rows' gradients to `out` (single thread). */
void build_hist_cpu(const HistArgs& a);

}  // namespace studio::gbm
