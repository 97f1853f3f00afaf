// The output stage (zero point, clamp, 32-bit OFM, lookup tables, tanh and
// sigmoid) with hand-derived cases; its rounding is tests/isa/output_scaling_test.cc.
#include "sim/functional/output_stage.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

isa::Operation op_with_ofm(int bits, bool is_signed, int32_t zero_point) {
  isa::Operation op;
  op.state.ofm.type = {is_signed, static_cast<uint8_t>(bits)};
  op.state.ofm.zero_point = zero_point;
  op.state.activation.min = is_signed ? -32768 : 0;
  op.state.activation.max = is_signed ? 32767 : 65535;
  return op;
}

TEST(OutputStageTest, EightBitAddsZeroPointAndClamps) {
  TestMemory mem;
  isa::Operation op = op_with_ofm(8, true, 10);
  op.state.activation.min = -5;
  op.state.activation.max = 100;
  sim::OutputStage stage;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(0), 10);
  EXPECT_EQ(stage.finish(-100), -5);
  EXPECT_EQ(stage.finish(95), 100);
}

TEST(OutputStageTest, ThirtyTwoBitIgnoresZeroPointAndClampAndSaturates) {
  TestMemory mem;
  isa::Operation op = op_with_ofm(32, true, 14);
  op.state.activation.min = -114;  // what Vela writes for int32 softmax intermediates
  op.state.activation.max = 141;
  sim::OutputStage stage;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(1 << 20), 1 << 20);
  EXPECT_EQ(stage.finish(-1000), -1000);
  EXPECT_EQ(stage.finish(int64_t{1} << 40), INT32_MAX);
  EXPECT_EQ(stage.finish(-(int64_t{1} << 40)), INT32_MIN);
}

// ACTIVATION_MIN/MAX outside the clip range (here above it) leave the index at
// the table's end: it never reads past the table (a stream once made it read
// 72 entries beyond table 7, past the end of SHRAM).
TEST(OutputStageTest, LookupIndexStaysInTheTableWhenTheClampLiesOutsideTheClipRange) {
  TestMemory mem;
  isa::Operation op = op_with_ofm(8, true, 0);
  op.state.activation.function = 16 + 7;  // the last table: its end is the end of SHRAM
  op.state.activation.min = 200;
  op.state.activation.max = 300;
  const size_t table = mem.shram.size() - 2048 + 7 * 256;
  for (size_t i = 0; i < 256; ++i) mem.shram[table + i] = static_cast<uint8_t>(i);
  sim::OutputStage stage;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(0), -1);  // index 255: entry 255 as int8
  EXPECT_EQ(stage.finish(-1000), -1);
  op.state.activation.min = -300;
  op.state.activation.max = -200;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(0), 0);  // index 0: entry 0
}

TEST(OutputStageTest, ZeroPointOnASaturatedValueDoesNotOverflow) {
  TestMemory mem;
  isa::Operation op = op_with_ofm(8, true, 100);
  sim::OutputStage stage;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(INT64_MAX), 127);
  op.state.ofm.zero_point = -100;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(INT64_MIN), -128);
}

TEST(OutputStageTest, Int8LookupTableIndexedByValuePlus128) {
  TestMemory mem;
  isa::Operation op = op_with_ofm(8, true, -3);
  op.state.activation.function = 16 + 2;  // table 2: 512 bytes into the LUT area
  op.state.activation.min = -128;
  op.state.activation.max = 127;
  const size_t table = mem.shram.size() - 2048 + 2 * 256;
  for (size_t i = 0; i < 256; ++i) mem.shram[table + i] = static_cast<uint8_t>(255 - i);
  sim::OutputStage stage;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  // value 0 + zp -3 = -3 -> index 125 -> entry 130 as int8 = -126.
  EXPECT_EQ(stage.finish(0), -126);
  EXPECT_EQ(stage.finish(1000), 0);     // clamps to 127 -> index 255 -> entry 0
  EXPECT_EQ(stage.finish(-1000), -1);   // clamps to -128 -> index 0 -> entry 255 = -1
}

TEST(OutputStageTest, Int32LookupTableUsesForcedInt8IndexAndZeroPoint) {
  TestMemory mem;
  isa::Operation op = op_with_ofm(32, true, 127);
  op.state.activation.function = 16;
  op.state.activation.clip_range = 3;  // FORCE_INT8
  op.state.activation.min = -128;
  op.state.activation.max = 127;
  const size_t table = mem.shram.size() - 2048;
  for (size_t i = 0; i < 256; ++i) {
    const uint32_t entry = static_cast<uint32_t>(i) * 0x01000001u;
    for (size_t b = 0; b < 4; ++b) mem.shram[table + 4 * i + b] = static_cast<uint8_t>(entry >> (8 * b));
  }
  sim::OutputStage stage;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(0), static_cast<int32_t>(255u * 0x01000001u));  // index 127 + 128
  EXPECT_EQ(stage.finish(-255), 0);                                      // index 0
  EXPECT_EQ(stage.finish(-300), 0);                                      // clamped to index 0
}

TEST(OutputStageTest, ReservedActivationFieldsAreParseFaults) {
  TestMemory mem;
  sim::OutputStage stage;
  isa::Operation op = op_with_ofm(8, true, 0);
  op.state.activation.function = 5;
  EXPECT_EQ(sim::OutputStage::create(op, mem.memory(), &stage).fault, sim::NpuFault::kCommandParse);
  op.state.activation.function = 0;
  op.state.activation.clip_range = 1;
  EXPECT_EQ(sim::OutputStage::create(op, mem.memory(), &stage).fault, sim::NpuFault::kCommandParse);
  op = op_with_ofm(32, true, 0);
  op.state.activation.function = 16;  // a 32-bit index range has no table
  EXPECT_EQ(sim::OutputStage::create(op, mem.memory(), &stage).fault, sim::NpuFault::kCommandParse);
}

TEST(OutputStageTest, SixteenBitTableInterpolates) {
  TestMemory mem;
  isa::Operation op = op_with_ofm(16, true, 0);
  op.state.activation.function = 16;
  const size_t table = mem.shram.size() - 2048;
  // Entry 256 (inputs 0..127): base 1000, slope 128 -> out = 1000 + fraction.
  const uint32_t entry = (128u << 16) | 1000u;
  for (size_t b = 0; b < 4; ++b) mem.shram[table + 256 * 4 + b] = static_cast<uint8_t>(entry >> (8 * b));
  sim::OutputStage stage;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(0), 1000);
  EXPECT_EQ(stage.finish(100), 1100);
}

TEST(OutputStageTest, TanhAndSigmoidFunctionsSaturateToTheSixteenBitRange) {
  TestMemory mem;
  isa::Operation op = op_with_ofm(16, true, 0);
  op.state.activation.function = 3;  // tanh, input 3 * 2^12 per unit
  sim::OutputStage stage;
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(0), 0);
  EXPECT_EQ(stage.finish(12288), std::llround(32768.0 * std::tanh(1.0)));
  EXPECT_EQ(stage.finish(1 << 30), 32767);
  EXPECT_EQ(stage.finish(-(1 << 30)), -32768);
  op.state.activation.function = 4;  // sigmoid
  ASSERT_TRUE(sim::OutputStage::create(op, mem.memory(), &stage).ok());
  EXPECT_EQ(stage.finish(0), 16384);
  EXPECT_EQ(stage.finish(1 << 30), 32767);
}

}  // namespace
}  // namespace vnpu::testing
