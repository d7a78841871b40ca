// Compiled with -ffp-contract=off (CMakeLists.txt): the sums must round exactly as V8's doubles do.
#include "bootstrap.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "../core/thread-pool.h"

namespace studio {

namespace {

constexpr uint32_t kStep = 0x6d2b79f5u;
constexpr int kBlock = 512;

/** mulberry32's output for state `a` (already advanced), as rng.ts computes it, in [0, 2^32). */
inline uint32_t mix(uint32_t a) {
  uint32_t t = (a ^ (a >> 15)) * (1u | a);
  t = (t + ((t ^ (t >> 7)) * (61u | t))) ^ t;
  return t ^ (t >> 14);
}

/** Draws `n` indices in [0, n) (Math.floor(u · n), u = x / 2^32) counting them into counts[2·group[i] + side]. */
inline uint32_t draw_counts(uint32_t a, const uint32_t* group, int64_t n, uint32_t* counts, int side) {
  uint32_t idx[kBlock];
  // u·n = x·n / 2^32 is exact in a double while x·n < 2^53 (n ≤ 2^21), so its floor is (x·n) >> 32: the same
  // index from integer arithmetic that vectorises.
  const bool exact = n <= (int64_t(1) << 21);
  const double dn = double(n);
  const uint64_t un = uint64_t(n);
  for (int64_t k0 = 0; k0 < n; k0 += kBlock) {
    const int len = int(n - k0 < kBlock ? n - k0 : kBlock);
    if (exact) {
      for (int k = 0; k < len; k++) idx[k] = uint32_t((uint64_t(mix(a + kStep * uint32_t(k + 1))) * un) >> 32);
    } else {
      for (int k = 0; k < len; k++) {
        const uint32_t x = mix(a + kStep * uint32_t(k + 1));
        idx[k] = uint32_t(int64_t((double(x) * (1.0 / 4294967296.0)) * dn));
      }
    }
    a += kStep * uint32_t(len);
    for (int k = 0; k < len; k++) counts[2 * size_t(group[idx[k]]) + side]++;
  }
  return a;
}

}  // namespace

void bootstrap_auc_ks(const uint32_t* bad_group, int64_t nb, const uint32_t* good_group, int64_t ng,
                      int64_t groups, int32_t seed, int64_t resamples, double* auc, double* ks,
                      ThreadPool* pool) {
  const unsigned slots = pool != nullptr ? pool->size() : 1;
  std::vector<std::vector<uint32_t>> scratch(slots);
  const double bad = double(nb);
  const double good = double(ng);
  const uint64_t per = uint64_t(nb) + uint64_t(ng);
  // Every cumulative share the scan can meet, B/bad and G/good, divided once per call rather than at every
  // group of every resample: the same quotients, so the same gaps.
  std::vector<double> bad_share(size_t(nb) + 1);
  std::vector<double> good_share(size_t(ng) + 1);
  for (int64_t b = 0; b <= nb; b++) bad_share[size_t(b)] = double(b) / bad;
  for (int64_t g = 0; g <= ng; g++) good_share[size_t(g)] = double(g) / good;
  parallel_for(pool, resamples, 4, [&](int64_t begin, int64_t end, unsigned slot) {
    std::vector<uint32_t>& counts = scratch[slot];
    counts.resize(2 * size_t(groups));
    for (int64_t r = begin; r < end; r++) {
      std::fill(counts.begin(), counts.end(), 0u);
      uint32_t a = uint32_t(seed) + kStep * uint32_t(uint64_t(r) * per);
      a = draw_counts(a, bad_group, nb, counts.data(), 0);
      draw_counts(a, good_group, ng, counts.data(), 1);
      double good_below = 0;
      double num = 0;
      double k = 0;
      uint32_t bads_below = 0;
      uint32_t goods_below = 0;
      for (int64_t g = 0; g < groups; g++) {
        const uint32_t pc = counts[2 * size_t(g)];
        const uint32_t qc = counts[2 * size_t(g) + 1];
        const double p = pc;
        const double q = qc;
        num += p * good_below + 0.5 * p * q;
        good_below += q;
        bads_below += pc;
        goods_below += qc;
        const double gap = std::fabs(bad_share[bads_below] - good_share[goods_below]);
        if (gap > k) k = gap;
      }
      auc[r] = num / (bad * good);
      ks[r] = k;
    }
  });
}

}  // namespace studio
