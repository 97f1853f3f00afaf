// Bit access to Verilator's packed ports (an IData or a VlWide<N> word array)
// and the per-cycle ready/valid draw the drivers use for back-pressure (the
// product runs with probability 1: always ready).
#pragma once

#include <cstdint>
#include <random>

namespace vnpu::sim::rtl {

// Bits [lsb, lsb + width) of a packed port held in 32-bit words (width <= 64).
inline void put_bits(uint32_t* words, int lsb, int width, uint64_t value) {
  for (int i = 0; i < width; ++i) {
    const int bit = lsb + i;
    const uint32_t mask = uint32_t{1} << (bit % 32);
    if ((value >> i) & 1) {
      words[bit / 32] |= mask;
    } else {
      words[bit / 32] &= ~mask;
    }
  }
}

inline uint64_t get_bits(const uint32_t* words, int lsb, int width) {
  uint64_t value = 0;
  for (int i = 0; i < width; ++i) {
    const int bit = lsb + i;
    value |= static_cast<uint64_t>((words[bit / 32] >> (bit % 32)) & 1) << i;
  }
  return value;
}

// True with probability p (one draw per call, also for p = 1).
inline bool chance(std::mt19937_64& rng, double p) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p;
}

}  // namespace vnpu::sim::rtl
