// Philox4x32-10 counter-based RNG: a pure function of (key, counter), so dropout masks and
// shuffles are reproducible from the seed and can be recomputed in backward instead of stored.
#pragma once
#include <array>
#include <cstdint>

namespace studio {

inline std::array<uint32_t, 4> philox4x32(std::array<uint32_t, 4> ctr, std::array<uint32_t, 2> key) {
  constexpr uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    const uint64_t p0 = uint64_t(M0) * ctr[0];
    const uint64_t p1 = uint64_t(M1) * ctr[2];
    ctr = {uint32_t(p1 >> 32) ^ ctr[1] ^ key[0], uint32_t(p1), uint32_t(p0 >> 32) ^ ctr[3] ^ key[1], uint32_t(p0)};
    key[0] += W0;
    key[1] += W1;
  }
  return ctr;
}

/** Uniform float in [0,1) for element `index` of stream (seed, salt, step). */
inline float philox_uniform(uint64_t seed, uint32_t salt, uint64_t step, uint64_t index) {
  const auto r = philox4x32({uint32_t(index), uint32_t(index >> 32), uint32_t(step), salt},
                            {uint32_t(seed), uint32_t(seed >> 32)});
  return float(r[0] >> 8) * (1.0f / 16777216.0f);
}

/** Sequential generator over the Philox stream, for initialisation and shuffling. */
class PhiloxStream {
 public:
  PhiloxStream(uint64_t seed, uint32_t salt) : seed_(seed), salt_(salt) {}
  uint32_t next_u32() {
    if (lane_ == 4) {  // one block gives four outputs
      block_ = philox4x32({uint32_t(n_), uint32_t(n_ >> 32), 0xA5A5A5A5u, salt_}, {uint32_t(seed_), uint32_t(seed_ >> 32)});
      ++n_;
      lane_ = 0;
    }
    return block_[lane_++];
  }
  /** Uniform in [0,1). */
  float uniform() { return float(next_u32() >> 8) * (1.0f / 16777216.0f); }
  /** Integer in [0, bound) by multiply-shift of 64 random bits (bias below 2^-32 for bound < 2^32). */
  uint64_t below(uint64_t bound) {
    const uint64_t x = (uint64_t(next_u32()) << 32) | next_u32();
    return uint64_t((static_cast<unsigned __int128>(x) * bound) >> 64);
  }

 private:
  uint64_t seed_;
  uint32_t salt_;
  uint64_t n_ = 0;
  std::array<uint32_t, 4> block_{};
  int lane_ = 4;
};

}  // namespace studio
