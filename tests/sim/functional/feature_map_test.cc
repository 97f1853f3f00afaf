// Feature-map addressing: NHWC, NHCWB16, the four tiles, element types, and
// the faults of bind() when a feature map reaches outside its region.
#include "sim/functional/feature_map.h"

#include <gtest/gtest.h>

#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

using isa::DataFormat;
using sim::FeatureMap;
using sim::FmShape;

TEST(FeatureMapTest, NhwcOffsetIsBasePlusStrides) {
  TestMemory mem;
  const FmShape shape{3, 4, 5};
  const isa::FeatureMapState state = make_fm(1, 100, shape, 8, true, DataFormat::kNhwc);
  FeatureMap fm;
  ASSERT_TRUE(FeatureMap::bind(state, shape, mem.memory(), "IFM", &fm).ok());
  EXPECT_EQ(fm.offset(0, 0, 0), 100u);
  EXPECT_EQ(fm.offset(2, 3, 4), 100u + 2 * 20 + 3 * 5 + 4);
  EXPECT_EQ(fm.offset(1, 0, 2), 100u + 20 + 2);
}

TEST(FeatureMapTest, BrickOffsetGroupsSixteenChannels) {
  TestMemory mem;
  const FmShape shape{2, 3, 20};  // channels padded to 32: strides x 16, c 48, y 96
  const isa::FeatureMapState state = make_fm(1, 64, shape, 8, true, DataFormat::kNhcwb16);
  FeatureMap fm;
  ASSERT_TRUE(FeatureMap::bind(state, shape, mem.memory(), "OFM", &fm).ok());
  EXPECT_EQ(fm.offset(0, 0, 15), 64u + 15);
  EXPECT_EQ(fm.offset(0, 0, 16), 64u + 48);
  EXPECT_EQ(fm.offset(1, 2, 17), 64u + 96 + 2 * 16 + 48 + 1);
}

TEST(FeatureMapTest, SixteenBitBrickUsesElementBytesInsideTheBrick) {
  TestMemory mem;
  const FmShape shape{1, 2, 17};
  const isa::FeatureMapState state = make_fm(1, 0, shape, 16, true, DataFormat::kNhcwb16);
  FeatureMap fm;
  ASSERT_TRUE(FeatureMap::bind(state, shape, mem.memory(), "OFM", &fm).ok());
  EXPECT_EQ(fm.offset(0, 1, 3), 32u + 6);         // x stride 16 * 2 bytes
  EXPECT_EQ(fm.offset(0, 1, 16), 2u * 32 + 32);  // brick stride 16 * 2 * W
}

TEST(FeatureMapTest, FourTilesSplitColumnsThenRows) {
  TestMemory mem;
  const FmShape shape{4, 5, 1};
  isa::FeatureMapState state = make_fm(1, 0, shape, 8, false, DataFormat::kNhwc);
  state.width0_m1 = 1;   // columns 0-1 left (tiles 0, 2), 2-4 right (tiles 1, 3)
  state.height0_m1 = 0;  // left: row 0 tile 0, rows 1-3 tile 2
  state.height1_m1 = 2;  // right: rows 0-2 tile 1, row 3 tile 3
  state.tile_base = {1000, 2000, 3000, 4000};
  state.stride_x = 1;
  state.stride_y = 10;
  FeatureMap fm;
  ASSERT_TRUE(FeatureMap::bind(state, shape, mem.memory(), "IFM", &fm).ok());
  EXPECT_EQ(fm.offset(0, 1, 0), 1001u);
  EXPECT_EQ(fm.offset(2, 1, 0), 3000u + 10 + 1);  // tile 2, row 1 of the tile
  EXPECT_EQ(fm.offset(2, 4, 0), 2000u + 20 + 2);  // tile 1, column 2 of the tile
  EXPECT_EQ(fm.offset(3, 2, 0), 4000u);           // tile 3 origin
}

TEST(FeatureMapTest, ReadsSignAndZeroExtendEachWidth) {
  TestMemory mem;
  const FmShape shape{1, 1, 1};
  for (int bits : {8, 16, 32}) {
    for (bool is_signed : {false, true}) {
      const isa::FeatureMapState state = make_fm(1, 8, shape, bits, is_signed, DataFormat::kNhwc);
      FeatureMap fm;
      ASSERT_TRUE(FeatureMap::bind(state, shape, mem.memory(), "IFM", &fm).ok());
      fm.write(0, 0, 0, -2);
      const int64_t expected = is_signed ? -2 : (int64_t{1} << bits) - 2;
      EXPECT_EQ(fm.read(0, 0, 0), expected) << bits << (is_signed ? " signed" : " unsigned");
      EXPECT_EQ(mem.buffers[1][8], 0xFE);  // little-endian low byte
    }
  }
}

TEST(FeatureMapTest, ExtentBeyondTheRegionIsABusFault) {
  TestMemory mem(64);
  const FmShape shape{2, 4, 8};  // 64 bytes
  FeatureMap fm;
  isa::FeatureMapState state = make_fm(1, 0, shape, 8, true, DataFormat::kNhwc);
  EXPECT_TRUE(FeatureMap::bind(state, shape, mem.memory(), "OFM", &fm).ok());
  state.tile_base[0] = 1;
  const sim::ExecResult result = FeatureMap::bind(state, shape, mem.memory(), "OFM", &fm);
  EXPECT_EQ(result.fault, sim::NpuFault::kBus);
  EXPECT_NE(result.message.find("OFM tile 0"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("0x40"), std::string::npos) << result.message;
}

TEST(FeatureMapTest, UnusedTilesAreNotChecked) {
  TestMemory mem(64);
  const FmShape shape{2, 4, 8};
  isa::FeatureMapState state = make_fm(1, 0, shape, 8, true, DataFormat::kNhwc);
  state.tile_base = {0, 1u << 30, 1u << 30, 1u << 30};  // tiles 1-3 cover nothing
  FeatureMap fm;
  EXPECT_TRUE(FeatureMap::bind(state, shape, mem.memory(), "IFM", &fm).ok());
}

TEST(FeatureMapTest, SmallBrickStrideReachesFurthestInsideAnEarlierBrick) {
  // stride_c 4 < 15 bytes: channel 15 (offset 15) lies beyond channel 16 (offset 4).
  TestMemory mem(16);
  const FmShape shape{1, 1, 17};
  isa::FeatureMapState state = make_fm(1, 0, shape, 8, true, DataFormat::kNhcwb16);
  state.stride_c = 4;
  FeatureMap fm;
  EXPECT_TRUE(FeatureMap::bind(state, shape, mem.memory(), "IFM", &fm).ok());
  mem.resize(1, 15);
  EXPECT_EQ(FeatureMap::bind(state, shape, mem.memory(), "IFM", &fm).fault, sim::NpuFault::kBus);
}

TEST(FeatureMapTest, UnmappedRegionIsABusFault) {
  TestMemory mem;
  const FmShape shape{1, 1, 1};
  const isa::FeatureMapState state = make_fm(5, 0, shape, 8, true, DataFormat::kNhwc);
  FeatureMap fm;
  const sim::ExecResult result = FeatureMap::bind(state, shape, mem.memory(), "IFM2", &fm);
  EXPECT_EQ(result.fault, sim::NpuFault::kBus);
  EXPECT_NE(result.message.find("IFM2"), std::string::npos);
  EXPECT_NE(result.message.find("region 5"), std::string::npos);
}

TEST(FeatureMapTest, SixtyFourBitPrecisionAndBadRegionAreParseFaults) {
  TestMemory mem;
  const FmShape shape{1, 1, 1};
  isa::FeatureMapState state = make_fm(1, 0, shape, 8, true, DataFormat::kNhwc);
  state.type.bits = 64;
  FeatureMap fm;
  EXPECT_EQ(FeatureMap::bind(state, shape, mem.memory(), "IFM", &fm).fault,
            sim::NpuFault::kCommandParse);
  state.type.bits = 8;
  state.region = 8;
  EXPECT_EQ(FeatureMap::bind(state, shape, mem.memory(), "IFM", &fm).fault,
            sim::NpuFault::kCommandParse);
}

}  // namespace
}  // namespace vnpu::testing
