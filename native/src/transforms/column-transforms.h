// The numeric passes of packages/data's transforms (impute's median fill, standardisation's mean and scale) and
// the pipeline's fused pack (imputation, one-hot, standardisation and the model's fill written straight into the
// engine's row-major float32 matrix). The same doubles as the TypeScript passes, bit for bit: the same
// algorithms in the same order (compiled without fused multiply-adds), so the same roundings and the same sign
// of every zero.
#pragma once
#include <cstdint>

namespace studio {

/**
 * The median of the non-NaN values of `values` (in order), as `quantiles(present, [0.5], …)` of
 * packages/data/src/profile/quantiles.ts computes it: its order statistics by the same bucket counting and
 * quickselect (so the same element, down to the sign of a zero), mapped by (v − mean) / scale when `scaled`,
 * then interpolated. `*present` is the count of non-NaN values; the median is NaN when there is none.
 */
double column_median(const double* values, int64_t n, bool scaled, double mean, double scale, int64_t* present);

/**
 * Mean and population standard deviation of the non-NaN values in one pass over values shifted by the first
 * present one (standardize.ts's `meanAndStd`); both 0 when every value is NaN.
 */
void column_mean_std(const double* values, int64_t n, double* mean, double* std);

/**
 * One feature of a fused pack: numeric `values` through fill_a (a NaN takes it), (v − mean) / scale and
 * fill_b; or, when `codes` is set, the value `by_code[codes[i] + 1]` (a one-hot indicator, a missing mark).
 */
struct PackColumn {
  const double* values = nullptr;
  const int32_t* codes = nullptr;
  const double* by_code = nullptr;
  int64_t by_code_len = 0;
  double fill_a = 0, mean = 0, scale = 1, fill_b = 0;
};

/** How many values are NaN. */
int64_t count_nan(const double* values, int64_t n);

/**
 * Rows per category code (code + 1: a gap's −1 first) into counts[0 .. levels]; a code outside [−1, levels) is
 * not counted (as the TypeScript loops' writes past a typed array's end are dropped).
 */
void code_counts(const int32_t* codes, int64_t n, int64_t levels, double* counts);

/** out[i] = values[i], or fill where it is NaN (flag[i] = 1 there when flag is set; other flags untouched). */
void fill_gaps(const double* values, int64_t n, double fill, double* out, double* flag);

enum class PackResult { complete, gap, bad_code };

/**
 * Writes rows × width float32 values, row-major, into X (feature j of row i at X[i·width + j]) in blocks of
 * `block_rows` rows; `gap` when a NaN is left in X, `bad_code` (X partly written) when a code is outside
 * [−1, by_code_len − 2].
 */
PackResult pack_columns(const PackColumn* cols, int64_t width, int64_t rows, int64_t block_rows, float* X);

}  // namespace studio
