// Requantization round modes and the output stage (zero point, clamp, 32-bit
// OFM, lookup tables), with hand-derived cases and TFLite's arithmetic.
#include "sim/functional/output_stage.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kernels/quant_math.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

using isa::RoundMode;
using sim::scale_value;

// The 128-bit rule of output_stage.h, written out independently.
int64_t scale_value_128(int64_t value, uint32_t multiplier, int shift, RoundMode mode) {
  __extension__ typedef __int128 Int128;
  const Int128 product = static_cast<Int128>(value) * multiplier;
  Int128 result = product;
  if (shift > 0) {
    const Int128 half = static_cast<Int128>(1) << (shift - 1);
    if (mode == RoundMode::kTruncate) {
      result = product >= 0 ? product >> shift : -((-product) >> shift);
    } else if (mode == RoundMode::kNatural) {
      result = (product + half) >> shift;
    } else {
      const Int128 extra = shift > 31 ? (value >= 0 ? (Int128{1} << 30) : -(Int128{1} << 30)) : 0;
      result = (product + half + extra) >> shift;
    }
  }
  if (result > INT64_MAX) return INT64_MAX;
  if (result < INT64_MIN) return INT64_MIN;
  return static_cast<int64_t>(result);
}

// scale_value takes a 64-bit route for int32 values and multipliers below 2^31:
// random and edge operands on both sides of that line agree with the 128-bit rule.
TEST(ScaleValueTest, SixtyFourBitRouteEqualsTheOneHundredTwentyEightBitRule) {
  std::mt19937_64 rng(5);
  const int64_t values[] = {0, 1, -1, INT32_MAX, INT32_MIN + 1, INT32_MIN, int64_t{INT32_MAX} + 1,
                            INT64_MAX, INT64_MIN};
  const uint32_t multipliers[] = {0, 1, 0x40000000u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
  for (int mode = 0; mode < 3; ++mode) {
    const RoundMode m = static_cast<RoundMode>(mode);
    for (int shift = 0; shift <= 63; ++shift) {
      for (const int64_t v : values) {
        for (const uint32_t mul : multipliers) {
          ASSERT_EQ(scale_value(v, mul, shift, m), scale_value_128(v, mul, shift, m))
              << v << " * " << mul << " >> " << shift << " mode " << mode;
        }
      }
      for (int i = 0; i < 2000; ++i) {
        const int64_t v = static_cast<int64_t>(rng()) >> (rng() % 64);
        const uint32_t mul = static_cast<uint32_t>(rng() >> (rng() % 33));
        ASSERT_EQ(scale_value(v, mul, shift, m), scale_value_128(v, mul, shift, m))
            << v << " * " << mul << " >> " << shift << " mode " << mode;
      }
    }
  }
}

TEST(ScaleValueTest, HandDerivedTiesPerRoundMode) {
  // 5 / 2 = 2.5 and -5 / 2 = -2.5.
  EXPECT_EQ(scale_value(5, 1, 1, RoundMode::kNatural), 3);
  EXPECT_EQ(scale_value(-5, 1, 1, RoundMode::kNatural), -2);
  EXPECT_EQ(scale_value(5, 1, 1, RoundMode::kTruncate), 2);
  EXPECT_EQ(scale_value(-5, 1, 1, RoundMode::kTruncate), -2);
  EXPECT_EQ(scale_value(5, 1, 1, RoundMode::kDbl), 3);   // shift <= 31: one rounding, half up
  EXPECT_EQ(scale_value(-5, 1, 1, RoundMode::kDbl), -2);
  // 3 * 0.5 / 4 = 0.375: TFLite rounds 1.5 to 2 at bit 31, then 2 / 4 = 0.5 away from 0 -> 1.
  EXPECT_EQ(scale_value(3, 1u << 30, 33, RoundMode::kDbl), 1);
  EXPECT_EQ(scale_value(3, 1u << 30, 33, RoundMode::kNatural), 0);
  EXPECT_EQ(scale_value(3, 1u << 30, 33, RoundMode::kTruncate), 0);
  // -3 * 0.5 = -1.5 rounds to -1 at bit 31, then -1 / 4 -> 0.
  EXPECT_EQ(scale_value(-3, 1u << 30, 33, RoundMode::kDbl), 0);
  // -7 * 0.5 = -3.5 -> -3, then -3 / 2 = -1.5 -> -2 (away from zero).
  EXPECT_EQ(scale_value(-7, 1u << 30, 32, RoundMode::kDbl), -2);
  EXPECT_EQ(scale_value(-7, 1u << 30, 32, RoundMode::kNatural), -2);  // -1.75 -> -2
  EXPECT_EQ(scale_value(-7, 1u << 30, 32, RoundMode::kTruncate), -1);
  EXPECT_EQ(scale_value(123, 7, 0, RoundMode::kDbl), 861);  // no shift: exact product
}

TEST(ScaleValueTest, DblEqualsTfliteMultiplyByQuantizedMultiplier) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> real(-12.0, 1.0);
  std::uniform_int_distribution<int32_t> value(-(1 << 24), 1 << 24);
  for (int i = 0; i < 200000; ++i) {
    const kernels::QuantizedMultiplier m = kernels::quantize_multiplier(std::pow(2.0, real(rng)));
    if (m.multiplier == 0) continue;
    const int32_t x = value(rng) >> (i % 16);  // small values too, so ties are frequent
    const int32_t expected = kernels::multiply_by_quantized_multiplier(x, m);
    const int64_t got = scale_value(x, static_cast<uint32_t>(m.multiplier), 31 - m.shift,
                                    RoundMode::kDbl);
    ASSERT_EQ(got, expected) << x << " * " << m.multiplier << " shift " << m.shift;
  }
}

TEST(ScaleValueTest, FortyBitValuesDoNotOverflow) {
  const int64_t acc = (int64_t{1} << 39) - 1;
  // (2^39 - 1)(2^32 - 1) / 2^63 = 256 - 2^-31 - 2^-24 + tiny: rounds to 256.
  EXPECT_EQ(scale_value(acc, 0xFFFFFFFFu, 63, RoundMode::kNatural), 256);
  EXPECT_EQ(scale_value(acc, 0xFFFFFFFFu, 63, RoundMode::kTruncate), 255);
  EXPECT_EQ(scale_value(acc, 0x80000000u, 40, RoundMode::kTruncate), (acc >> 9));
}

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
