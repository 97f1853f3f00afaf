// prepare_quantize and prepare_dequantize: every supported type pair reaches
// its kernel with TFLM's parameters; other pairs and missing quantization are
// rejected with a message that names the operand.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/quantize.h"
#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

OpGraph convert_graph(ir::OpType type, DataType in, float in_scale, int64_t in_zp, DataType out,
                      float out_scale, int64_t out_zp) {
  OpGraph g(type);
  g.input(in, {1, 4}, in_scale, in_zp);
  g.output(out, {1, 4}, out_scale, out_zp);
  return g;
}

TEST(PrepareQuantize, FloatToInt8AndInt16) {
  const std::vector<float> x = {-1.0f, 0.05f, 0.25f, 100.0f};
  OpGraph g = convert_graph(ir::OpType::kQuantize, DataType::kFloat32, 0, 0, DataType::kInt8,
                            0.1f, -3);
  // -10 - 3, round(0.5) = 1 - 3, round(2.5) = 3 - 3, 1000 clamps.
  EXPECT_EQ(g.run<int8_t>({bytes_of(x)}), (std::vector<int8_t>{-13, -2, 0, 127}));
  g = convert_graph(ir::OpType::kQuantize, DataType::kFloat32, 0, 0, DataType::kInt16, 0.01f, 7);
  EXPECT_EQ(g.run<int16_t>({bytes_of(x)}), (std::vector<int16_t>{-93, 12, 32, 10007}));
}

TEST(PrepareQuantize, IntegerRequantizationPairs) {
  const std::vector<int8_t> s8 = {-128, -1, 0, 127};
  // int8 -> int8: scale halves, zp moves.
  OpGraph g = convert_graph(ir::OpType::kQuantize, DataType::kInt8, 0.2f, 0, DataType::kInt8,
                            0.1f, 10);
  EXPECT_EQ(g.run<int8_t>({bytes_of(s8)}), (std::vector<int8_t>{-128, 8, 10, 127}));
  // int8 -> uint8 with the same scale: + 128.
  g = convert_graph(ir::OpType::kQuantize, DataType::kInt8, 0.2f, 0, DataType::kUInt8, 0.2f, 128);
  EXPECT_EQ(g.run<uint8_t>({bytes_of(s8)}), (std::vector<uint8_t>{0, 127, 128, 255}));
  // uint8 -> int8.
  const std::vector<uint8_t> u8 = {0, 127, 128, 255};
  g = convert_graph(ir::OpType::kQuantize, DataType::kUInt8, 0.2f, 128, DataType::kInt8, 0.2f, 0);
  EXPECT_EQ(g.run<int8_t>({bytes_of(u8)}), s8);
  // int8 -> int16: scale / 256; (-128 - 1) * 256 clamps to -32768.
  g = convert_graph(ir::OpType::kQuantize, DataType::kInt8, 0.5f, 1, DataType::kInt16,
                    0.5f / 256, 0);
  EXPECT_EQ(g.run<int16_t>({bytes_of(s8)}), (std::vector<int16_t>{-32768, -512, -256, 32256}));
  // int16 -> int8: scale * 256.
  const std::vector<int16_t> s16 = {-32768, -129, 383, 32767};
  g = convert_graph(ir::OpType::kQuantize, DataType::kInt16, 0.5f / 256, 0, DataType::kInt8,
                    0.5f, -1);
  // -128 - 1 clamps; -129 / 256 -> -1 - 1; 32767 / 256 -> 128 - 1. 383 / 256 = 1.496
  // shows TFLite's double rounding: the high multiply rounds 191.5 up to 192,
  // then the shift by 7 rounds 1.5 away from zero to 2, so 2 - 1 = 1.
  EXPECT_EQ(g.run<int8_t>({bytes_of(s16)}), (std::vector<int8_t>{-128, -2, 1, 127}));
}

TEST(PrepareQuantize, Int16AndInt32RequantizationPairs) {
  // int32 -> int8: scale doubles; 1.5 rounds away from zero; 1000 / 2 clamps.
  const std::vector<int32_t> s32 = {4, -6, 1000, 3};
  OpGraph g = convert_graph(ir::OpType::kQuantize, DataType::kInt32, 1.0f, 0, DataType::kInt8,
                            2.0f, 0);
  EXPECT_EQ(g.run<int8_t>({bytes_of(s32)}), (std::vector<int8_t>{2, -3, 127, 2}));
  // int32 -> int16 with a zero point on the input.
  g = convert_graph(ir::OpType::kQuantize, DataType::kInt32, 1.0f, 100000, DataType::kInt16, 4.0f,
                    0);
  EXPECT_EQ(g.run<int16_t>({bytes_of(std::vector<int32_t>{100000, 100008, 0, 300000})}),
            (std::vector<int16_t>{0, 2, -25000, 32767}));
  // int16 -> int16: scale halves.
  const std::vector<int16_t> s16 = {-20000, -1, 0, 100};
  g = convert_graph(ir::OpType::kQuantize, DataType::kInt16, 1.0f, 0, DataType::kInt16, 0.5f, 0);
  EXPECT_EQ(g.run<int16_t>({bytes_of(s16)}), (std::vector<int16_t>{-32768, -2, 0, 200}));
  // int16 -> int32 and int8 -> int32: scale / 8, no clamping.
  g = convert_graph(ir::OpType::kQuantize, DataType::kInt16, 1.0f, 0, DataType::kInt32, 0.125f,
                    0);
  EXPECT_EQ(g.run<int32_t>({bytes_of(s16)}), (std::vector<int32_t>{-160000, -8, 0, 800}));
  const std::vector<int8_t> s8 = {-128, -1, 0, 127};
  g = convert_graph(ir::OpType::kQuantize, DataType::kInt8, 1.0f, 1, DataType::kInt32, 0.125f, 5);
  EXPECT_EQ(g.run<int32_t>({bytes_of(s8)}), (std::vector<int32_t>{-1027, -11, -3, 1013}));
}

TEST(PrepareQuantize, RejectsUnsupportedPairsAndMissingQuantization) {
  expect_rejected(convert_graph(ir::OpType::kQuantize, DataType::kUInt8, 0.1f, 0,
                                DataType::kInt16, 0.1f, 0),
                  ErrorCode::kUnsupported, "supported are");
  expect_rejected(convert_graph(ir::OpType::kQuantize, DataType::kFloat32, 0, 0,
                                DataType::kUInt8, 0.1f, 0),
                  ErrorCode::kUnsupported, "int8 or int16 only");
  expect_rejected(convert_graph(ir::OpType::kQuantize, DataType::kInt8, 0.1f, 0, DataType::kInt8,
                                0.0f, 0),
                  ErrorCode::kUnsupported, "output 'out'");
  expect_rejected(convert_graph(ir::OpType::kQuantize, DataType::kInt8, 0.0f, 0, DataType::kInt8,
                                0.1f, 0),
                  ErrorCode::kUnsupported, "input 'in0'");
  expect_rejected(convert_graph(ir::OpType::kQuantize, DataType::kInt8, 1e6f, 0, DataType::kInt8,
                                1e-6f, 0),
                  ErrorCode::kUnsupported, "left shift");
  OpGraph g = convert_graph(ir::OpType::kQuantize, DataType::kInt8, 0.1f, 0, DataType::kInt8,
                            0.1f, 0);
  g.tensor(g.op.outputs[0]).quantization.scales = {0.1f, 0.2f};
  g.tensor(g.op.outputs[0]).quantization.zero_points = {0, 0};
  expect_rejected(g, ErrorCode::kUnsupported, "per-channel");
}

TEST(PrepareDequantize, Int8Uint8Int16ToFloat) {
  const std::vector<int8_t> s8 = {-128, -1, 0, 127};
  OpGraph g = convert_graph(ir::OpType::kDequantize, DataType::kInt8, 0.5f, -1,
                            DataType::kFloat32, 0, 0);
  EXPECT_EQ(g.run<float>({bytes_of(s8)}), (std::vector<float>{-63.5f, 0.0f, 0.5f, 64.0f}));
  const std::vector<uint8_t> u8 = {0, 127, 128, 255};
  g = convert_graph(ir::OpType::kDequantize, DataType::kUInt8, 0.25f, 128, DataType::kFloat32, 0,
                    0);
  EXPECT_EQ(g.run<float>({bytes_of(u8)}), (std::vector<float>{-32.0f, -0.25f, 0.0f, 31.75f}));
  const std::vector<int16_t> s16 = {-32768, -2, 0, 32767};
  g = convert_graph(ir::OpType::kDequantize, DataType::kInt16, 1.0f / 32768, 0,
                    DataType::kFloat32, 0, 0);
  EXPECT_EQ(g.run<float>({bytes_of(s16)}),
            (std::vector<float>{-1.0f, -2.0f / 32768, 0.0f, 32767.0f / 32768}));
}

TEST(PrepareDequantize, RejectsBadOperands) {
  expect_rejected(convert_graph(ir::OpType::kDequantize, DataType::kInt8, 0.1f, 0,
                                DataType::kInt8, 0.1f, 0),
                  ErrorCode::kUnsupported, "output 'out'");
  expect_rejected(convert_graph(ir::OpType::kDequantize, DataType::kInt32, 0.1f, 0,
                                DataType::kFloat32, 0, 0),
                  ErrorCode::kUnsupported, "expected int8, uint8 or int16");
  expect_rejected(convert_graph(ir::OpType::kDequantize, DataType::kInt8, 0.0f, 0,
                                DataType::kFloat32, 0, 0),
                  ErrorCode::kUnsupported, "not quantized");
}

}  // namespace
}  // namespace vnpu::driver::cpu
