// The decoded-weight cache finds an entry only for equal layout parameters and
// byte-for-byte equal stream contents.
#include "sim/functional/weight_cache.h"

#include <gtest/gtest.h>

namespace vnpu::testing {
namespace {

TEST(WeightCacheTest, FindsOnlyEqualParametersAndStreamBytes) {
  sim::WeightCache cache;
  isa::WeightLayoutParams params;
  params.ofm_depth = 2;
  std::vector<uint8_t> stream = {1, 2, 3, 4};
  const std::vector<int16_t> ohwi = {7, -7};
  EXPECT_EQ(cache.find(params, stream.data(), stream.size()), nullptr);
  cache.insert(params, stream.data(), stream.size(), ohwi);
  const std::vector<int16_t>* found = cache.find(params, stream.data(), stream.size());
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(*found, ohwi);
  EXPECT_EQ(cache.find(params, stream.data(), 3), nullptr);
  isa::WeightLayoutParams other = params;
  other.ofm_block_depth = 16;
  EXPECT_EQ(cache.find(other, stream.data(), stream.size()), nullptr);
  stream[3] = 5;  // the stream was rewritten in place
  EXPECT_EQ(cache.find(params, stream.data(), stream.size()), nullptr);
}

}  // namespace
}  // namespace vnpu::testing
