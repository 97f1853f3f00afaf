// Shared pieces of the verilated-RTL testbenches: the seed (printed, fixed
// per test by default, settable with VNPU_RTL_SEED), the random vector count (VNPU_RTL_VECTORS,
// for the slow label), the mutant switch (VNPU_RTL_MUTANT) and bit access to
// Verilator's packed ports (an IData or a VlWide<N> word array).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace vnpu::rtl_test {

inline uint64_t env_u64(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  return text == nullptr ? fallback : std::strtoull(text, nullptr, 0);
}

// The seed of one test, printed so a failure can be replayed: by default a
// hash of the test's name, so the default suite explores the same vectors on
// every run; VNPU_RTL_SEED=N replays seed N, VNPU_RTL_SEED=random draws one
// (the slow label's long runs).
inline uint64_t test_seed(const char* test_name) {
  uint64_t seed = 14695981039346656037ull;  // FNV-1a of the name
  for (const char* c = test_name; *c != '\0'; ++c) {
    seed = (seed ^ static_cast<unsigned char>(*c)) * 1099511628211ull;
  }
  const char* text = std::getenv("VNPU_RTL_SEED");
  if (text != nullptr) {
    seed = std::string(text) == "random" ? std::random_device{}() : std::strtoull(text, nullptr, 0);
  }
  std::printf("[ seed     ] %s: VNPU_RTL_SEED=%llu\n", test_name,
              static_cast<unsigned long long>(seed));
  return seed;
}

inline uint64_t vector_count(uint64_t default_count) {
  return env_u64("VNPU_RTL_VECTORS", default_count);
}

inline bool mutant_requested() { return env_u64("VNPU_RTL_MUTANT", 0) != 0; }

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

// A value drawn uniformly from [low, high].
inline int64_t uniform(std::mt19937_64& rng, int64_t low, int64_t high) {
  return std::uniform_int_distribution<int64_t>(low, high)(rng);
}

inline bool chance(std::mt19937_64& rng, double p) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p;
}

}  // namespace vnpu::rtl_test
