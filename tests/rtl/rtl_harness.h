// Shared pieces of the verilated-RTL testbenches: the seed (printed, fixed
// per test by default, settable with VNPU_RTL_SEED), the random vector count (VNPU_RTL_VECTORS,
// for the slow label) and the mutant switch (VNPU_RTL_MUTANT). The drivers of
// the verilated units and the port bit access are product code (sim/rtl/).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "sim/rtl/port_bits.h"

namespace vnpu::rtl_test {

// The product drivers (sim/rtl/) and their bit access, by their short names.
using namespace ::vnpu::sim::rtl;  // NOLINT(google-build-using-namespace)

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

// A value drawn uniformly from [low, high].
inline int64_t uniform(std::mt19937_64& rng, int64_t low, int64_t high) {
  return std::uniform_int_distribution<int64_t>(low, high)(rng);
}


}  // namespace vnpu::rtl_test
