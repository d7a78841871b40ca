// The dataset checks' passes over one column (packages/data/src/checks: column-scan.ts, value-tally.ts) and the
// row gather of `takeRows` (packages/data/src/table.ts). Each kernel gives exactly what its TypeScript loop gives:
// the same comparisons in the same order (min/max keep the first of ±0, the majority vote compares with ==), and
// counts and pair sums that are integers or halves (exact in doubles, so any grouping gives the same bits).
#pragma once
#include <cstddef>
#include <cstdint>

namespace studio {

/** Entries of the running state of `scan_values` (the order of column-scan.ts's `st`). */
constexpr int kScanState = 14;

/**
 * column-scan.ts `scanBlock` over rows [0, n): `st` holds filled, filledBads, missingGoods, missingBads,
 * integers, up, down, prev, minGood, maxGood, minBad, maxBad, candidate, lead and is updated in place.
 * `y` may be null (every row a good); a row is bad when y[i] == 1.
 */
void scan_values(const double* values, const uint8_t* y, int64_t n, double* st);

/** column-scan.ts `scanCategories`: goods/bads[code + 1] += 1 per row (0 = missing); codes outside skip. */
void scan_categories(const int32_t* codes, const uint8_t* y, int64_t n, double* goods, double* bads,
                     int64_t slots);

/**
 * column-scan.ts `scanAucBounds` after its early returns: each filled row counted into bucket
 * min(ToInt32((v − min)·scale), buckets − 1), then `aucBoundsOfBuckets`. out = [lower, upper].
 */
void scan_auc_bounds(const double* values, const uint8_t* y, int64_t n, double min, double scale,
                     int64_t buckets, double missing_goods, double missing_bads, double goods, double bads,
                     double* out);

/** value-tally.ts `tallyAuc(tallyValues(values, y))`: the exact AUC of the values as scores. */
double tally_auc(const double* values, const uint8_t* y, int64_t n);

/** value-tally.ts `tallyValues(values).topCount`: rows of the most frequent filled value (±0 one value). */
int64_t top_count(const double* values, int64_t n);

/** Whether some filled value occurs twice (±0 one value): the negation of `allDistinct`'s answer. */
bool any_repeat(const double* values, int64_t n);

/** Rows whose value == c. */
int64_t count_equal(const double* values, int64_t n, double c);

/**
 * split/splits.ts `shuffleInPlace(order, rand)` with `rand` a mulberry32 stream whose state (prng.ts's `a`) is
 * `*state`, advanced past the draws: i from n − 1 down to 1, j = floor(u·(i + 1)), u = output / 2^32.
 */
void shuffle_mulberry32(int32_t* order, int64_t n, int32_t* state);

/**
 * split/binary-target.ts's pass over a numeric target: its first `cap` distinct filled values in order of
 * appearance (±0 one value, written +0) into `first`, returning how many; `*missing` counts the NaN rows.
 */
int64_t first_distinct(const double* values, int64_t n, double* first, int64_t cap, int64_t* missing);

/** y[i] = values[i] == bad ? 1 : 0. */
void equal_mask(const double* values, int64_t n, double bad, uint8_t* y);

/** Rows whose outcome is 0 and rows whose outcome is 1 (other values count in neither). */
void class_counts(const uint8_t* y, int64_t n, int64_t* zeros, int64_t* ones);

/**
 * split/splits.ts `stratifiedSplit` after its checks: each class's rows ascending (0 then 1), shuffled by one
 * mulberry32(seed) stream, the first k0 (k1) of each on the test side; then both sides ascending (rows of any
 * other outcome on the training side). `test` holds k0 + k1 rows, `train` the other n − k0 − k1.
 */
void stratified_sides(const uint8_t* y, int64_t n, int64_t k0, int64_t k1, int32_t seed, int32_t* train,
                      int32_t* test);

/**
 * Memory for gathered columns: 64-byte aligned; from 1 MiB on, 2 MiB aligned and advised to transparent huge
 * pages (Linux), so writing it faults once per 2 MiB instead of once per 4 KiB (on a virtual machine a 4 KiB
 * fault costs microseconds: 4 MB of new side columns took 30–70 ms of faults, 0.6 ms in huge pages). Null
 * when out of memory; release with `free_columns`.
 */
void* alloc_columns(std::size_t bytes);
void free_columns(void* p);

/** Bytes a gathered column of `n` elements of `size` bytes occupies in such memory (a multiple of 64). */
inline std::size_t column_span(int64_t n, std::size_t size) { return (std::size_t(n) * size + 63) / 64 * 64; }

/** out[i] = from[index[i]] (i < n); every index must lie in [0, from length) (the caller checks). */
void gather_f64(const double* from, const int32_t* index, int64_t n, double* out);
void gather_i32(const int32_t* from, const int32_t* index, int64_t n, int32_t* out);
void gather_u8(const uint8_t* from, const int32_t* index, int64_t n, uint8_t* out);

}  // namespace studio
