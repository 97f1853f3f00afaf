// kernels/cast.h on the unsigned 32- and 64-bit types the signal-library
// models use (audio_preprocessor_int8 casts uint32 energies to int32 and
// back): static_cast's two's-complement wrap, as TFLM's cast.cc.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "kernels/cast.h"

namespace vnpu::kernels {
namespace {

TEST(CastUnsigned, Uint32AndInt32WrapBothWays) {
  const std::vector<uint32_t> energies = {0, 64690, 2147483648u, 4294967295u};
  std::vector<int32_t> signed_values(4);
  cast_elements(CastType::kUInt32, energies.data(), CastType::kInt32, signed_values.data(), 4);
  EXPECT_EQ(signed_values, (std::vector<int32_t>{0, 64690, INT32_MIN, -1}));
  std::vector<uint32_t> back(4);
  cast_elements(CastType::kInt32, signed_values.data(), CastType::kUInt32, back.data(), 4);
  EXPECT_EQ(back, energies);
}

TEST(CastUnsigned, Uint64NarrowsAndWidens) {
  const std::vector<uint64_t> sums = {20128476352u, 5};
  std::vector<uint32_t> narrow(2);
  cast_elements(CastType::kUInt64, sums.data(), CastType::kUInt32, narrow.data(), 2);
  EXPECT_EQ(narrow, (std::vector<uint32_t>{static_cast<uint32_t>(20128476352u % 4294967296u), 5}));
  const std::vector<int16_t> negative = {-1};
  std::vector<uint64_t> wide(1);
  cast_elements(CastType::kInt16, negative.data(), CastType::kUInt64, wide.data(), 1);
  EXPECT_EQ(wide[0], UINT64_MAX);
  const std::vector<uint32_t> large = {4294967295u};
  std::vector<float> as_float(1);
  cast_elements(CastType::kUInt32, large.data(), CastType::kFloat32, as_float.data(), 1);
  EXPECT_EQ(as_float[0], 4294967296.0f);  // the nearest float
}

}  // namespace
}  // namespace vnpu::kernels
