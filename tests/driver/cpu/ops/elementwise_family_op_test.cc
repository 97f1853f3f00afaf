// The element-wise, comparison, selection and reduction CPU operators:
// hand-computed values through prepare + eval, and one test per rejection
// class (each gives a one-line message naming the operand).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using ir::OpType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

std::vector<uint8_t> bools(std::vector<uint8_t> values) { return values; }

void set_constant_axis(OpGraph& g, int32_t index, const std::vector<int32_t>& axes) {
  g.tensor(index).data = bytes_of(axes);
}

TEST(PrepareComparison, Int8RescalesEachSideBeforeComparing) {
  // Real values 1.0, 1.5 against 1.0, 1.25.
  for (const auto& [type, expected] :
       {std::pair{OpType::kEqual, std::vector<uint8_t>{1, 0}},
        std::pair{OpType::kNotEqual, std::vector<uint8_t>{0, 1}},
        std::pair{OpType::kGreater, std::vector<uint8_t>{0, 1}},
        std::pair{OpType::kGreaterEqual, std::vector<uint8_t>{1, 1}},
        std::pair{OpType::kLess, std::vector<uint8_t>{0, 0}},
        std::pair{OpType::kLessEqual, std::vector<uint8_t>{1, 0}}}) {
    OpGraph g(type);
    g.input(DataType::kInt8, {2}, 0.5f, 0);
    g.input(DataType::kInt8, {2}, 0.25f, 0);
    g.output(DataType::kBool, {2});
    EXPECT_EQ(g.run<uint8_t>({bytes_of(std::vector<int8_t>{2, 3}),
                              bytes_of(std::vector<int8_t>{4, 5})}),
              expected)
        << ir::op_type_name(type);
  }
}

TEST(PrepareComparison, Int32BroadcastsAndBoolEquality) {
  OpGraph g(OpType::kLess);
  g.input(DataType::kInt32, {3});
  g.input(DataType::kInt32, {1});
  g.output(DataType::kBool, {3});
  EXPECT_EQ(g.run<uint8_t>({bytes_of(std::vector<int32_t>{1, 5, 3}),
                            bytes_of(std::vector<int32_t>{4})}),
            (std::vector<uint8_t>{1, 0, 1}));
  OpGraph e(OpType::kNotEqual);
  e.input(DataType::kBool, {2});
  e.input(DataType::kBool, {2});
  e.output(DataType::kBool, {2});
  EXPECT_EQ(e.run<uint8_t>({bools({1, 0}), bools({1, 1})}), (std::vector<uint8_t>{0, 1}));
}

TEST(PrepareComparison, RejectsInt16BoolOrderAndNonBoolOutput) {
  OpGraph g(OpType::kGreater);
  g.input(DataType::kInt16, {2}, 0.5f, 0);
  g.input(DataType::kInt16, {2}, 0.5f, 0);
  g.output(DataType::kBool, {2});
  expect_rejected(g, ErrorCode::kUnsupported, "the comparison supports");
  OpGraph b(OpType::kGreater);
  b.input(DataType::kBool, {2});
  b.input(DataType::kBool, {2});
  b.output(DataType::kBool, {2});
  expect_rejected(b, ErrorCode::kUnsupported, "int8, int32, int64 and float32");
  OpGraph o(OpType::kEqual);
  o.input(DataType::kInt32, {2});
  o.input(DataType::kInt32, {2});
  o.output(DataType::kInt8, {2});
  expect_rejected(o, ErrorCode::kUnsupported, "expected bool");
  OpGraph s(OpType::kEqual);
  s.input(DataType::kInt32, {2});
  s.input(DataType::kInt32, {3});
  s.output(DataType::kBool, {3});
  expect_rejected(s, ErrorCode::kInvalidInput, "do not broadcast");
}

TEST(PrepareMaximumMinimum, Int16Broadcast) {
  for (const bool maximum : {true, false}) {
    OpGraph g(maximum ? OpType::kMaximum : OpType::kMinimum);
    g.input(DataType::kInt16, {3}, 0.5f, 0);
    g.input(DataType::kInt16, {1}, 0.5f, 0);
    g.output(DataType::kInt16, {3}, 0.5f, 0);
    EXPECT_EQ(g.run<int16_t>({bytes_of(std::vector<int16_t>{-5, 7, 0}),
                              bytes_of(std::vector<int16_t>{1})}),
              maximum ? (std::vector<int16_t>{1, 7, 1}) : (std::vector<int16_t>{-5, 1, 0}));
  }
  OpGraph bad(OpType::kMaximum);
  bad.input(DataType::kBool, {1});
  bad.input(DataType::kBool, {1});
  bad.output(DataType::kBool, {1});
  expect_rejected(bad, ErrorCode::kUnsupported, "MAXIMUM supports");
}

TEST(PrepareSelect, V2BroadcastsAllThreeAndV1TakesARankOneCondition) {
  OpGraph g(OpType::kSelectV2);
  g.input(DataType::kBool, {2, 1});
  g.input(DataType::kInt8, {2, 2}, 0.1f, 0);
  g.input(DataType::kInt8, {1}, 0.1f, 0);
  g.output(DataType::kInt8, {2, 2}, 0.1f, 0);
  EXPECT_EQ(g.run<int8_t>({bools({1, 0}), bytes_of(std::vector<int8_t>{1, 2, 3, 4}),
                           bytes_of(std::vector<int8_t>{9})}),
            (std::vector<int8_t>{1, 2, 9, 9}));
  OpGraph v1(OpType::kSelect);
  v1.input(DataType::kBool, {2});
  v1.input(DataType::kInt16, {2, 2}, 0.1f, 0);
  v1.input(DataType::kInt16, {2, 2}, 0.1f, 0);
  v1.output(DataType::kInt16, {2, 2}, 0.1f, 0);
  EXPECT_EQ(v1.run<int16_t>({bools({0, 1}), bytes_of(std::vector<int16_t>{1, 2, 3, 4}),
                             bytes_of(std::vector<int16_t>{5, 6, 7, 8})}),
            (std::vector<int16_t>{5, 6, 3, 4}));
}

TEST(PrepareSelect, RejectsBadConditionAndShapes) {
  OpGraph c(OpType::kSelectV2);
  c.input(DataType::kInt8, {2}, 0.1f, 0);
  c.input(DataType::kInt8, {2}, 0.1f, 0);
  c.input(DataType::kInt8, {2}, 0.1f, 0);
  c.output(DataType::kInt8, {2}, 0.1f, 0);
  expect_rejected(c, ErrorCode::kUnsupported, "condition");
  OpGraph s(OpType::kSelectV2);
  s.input(DataType::kBool, {3});
  s.input(DataType::kInt8, {2}, 0.1f, 0);
  s.input(DataType::kInt8, {2}, 0.1f, 0);
  s.output(DataType::kInt8, {2}, 0.1f, 0);
  expect_rejected(s, ErrorCode::kInvalidInput, "do not broadcast");
  OpGraph v1(OpType::kSelect);
  v1.input(DataType::kBool, {1, 2});
  v1.input(DataType::kInt8, {2, 2}, 0.1f, 0);
  v1.input(DataType::kInt8, {2, 2}, 0.1f, 0);
  v1.output(DataType::kInt8, {2, 2}, 0.1f, 0);
  expect_rejected(v1, ErrorCode::kInvalidInput, "rank-1 condition");
}

TEST(PrepareAbsRsqrt, Int8Values) {
  OpGraph a(OpType::kAbs);
  a.input(DataType::kInt8, {3}, 0.5f, 10);
  a.output(DataType::kInt8, {3}, 0.5f, -5);
  // |0 - 10| - 5, |20 - 10| - 5, |-128 - 10| - 5 = 133 clamps.
  EXPECT_EQ(a.run<int8_t>({bytes_of(std::vector<int8_t>{0, 20, -128})}),
            (std::vector<int8_t>{5, 5, 127}));
  OpGraph r(OpType::kRsqrt);
  r.input(DataType::kInt8, {3}, 0.25f, 0);
  r.output(DataType::kInt8, {3}, 0.25f, 0);
  // 1/sqrt(1.0) = 1.0 -> 4, 1/sqrt(4.0) = 0.5 -> 2; 0 gives the maximum.
  EXPECT_EQ(r.run<int8_t>({bytes_of(std::vector<int8_t>{4, 16, 0})}),
            (std::vector<int8_t>{4, 2, 127}));
}

TEST(PrepareAbsRsqrt, RejectsTypesAndInt16ZeroPoints) {
  OpGraph f(OpType::kAbs);
  f.input(DataType::kFloat32, {2});
  f.output(DataType::kFloat32, {2});
  expect_rejected(f, ErrorCode::kUnsupported, "ABS supports int8 and int16");
  OpGraph z(OpType::kRsqrt);
  z.input(DataType::kInt16, {2}, 0.5f, 3);
  z.output(DataType::kInt16, {2}, 0.5f, 0);
  expect_rejected(z, ErrorCode::kUnsupported, "zero points 0");
}

TEST(PrepareReduce, SumMaxMinAndArgMax) {
  OpGraph s(OpType::kSum);
  s.input(DataType::kInt8, {2, 2}, 0.5f, 1);
  const int32_t axis = s.input(DataType::kInt32, {1});
  set_constant_axis(s, axis, {-1});
  s.output(DataType::kInt8, {2}, 1.0f, 0);
  // ((3 - 1) + (5 - 1)) * 0.5, ((7 - 1) + (9 - 1)) * 0.5.
  EXPECT_EQ(s.run<int8_t>({bytes_of(std::vector<int8_t>{3, 5, 7, 9})}),
            (std::vector<int8_t>{3, 7}));
  for (const bool maximum : {true, false}) {
    OpGraph m(maximum ? OpType::kReduceMax : OpType::kReduceMin);
    m.input(DataType::kInt8, {2, 2}, 0.5f, 1);
    set_constant_axis(m, m.input(DataType::kInt32, {1}), {0});
    m.output(DataType::kInt8, {2}, 0.5f, 1);
    EXPECT_EQ(m.run<int8_t>({bytes_of(std::vector<int8_t>{3, -5, 7, -9})}),
              maximum ? (std::vector<int8_t>{7, -5}) : (std::vector<int8_t>{3, -9}));
  }
  OpGraph a(OpType::kArgMax);
  a.input(DataType::kInt8, {2, 3}, 0.5f, 0);
  set_constant_axis(a, a.input(DataType::kInt32, {1}), {1});
  a.output(DataType::kInt32, {2});
  // Ties keep the first index.
  EXPECT_EQ(a.run<int32_t>({bytes_of(std::vector<int8_t>{3, 3, 1, -1, 0, 0})}),
            (std::vector<int32_t>{0, 1}));
}

TEST(PrepareReduce, RejectsAxesShapesAndQuantization) {
  OpGraph axis(OpType::kSum);
  axis.input(DataType::kInt8, {2, 2}, 0.5f, 0);
  set_constant_axis(axis, axis.input(DataType::kInt32, {1}), {2});
  axis.output(DataType::kInt8, {2}, 0.5f, 0);
  expect_rejected(axis, ErrorCode::kInvalidInput, "outside [-2, 2)");
  OpGraph dynamic(OpType::kSum);
  dynamic.input(DataType::kInt8, {2, 2}, 0.5f, 0);
  dynamic.input(DataType::kInt32, {1});
  dynamic.output(DataType::kInt8, {2}, 0.5f, 0);
  expect_rejected(dynamic, ErrorCode::kUnsupported, "axis");
  OpGraph shape(OpType::kReduceMax);
  shape.input(DataType::kInt8, {2, 2}, 0.5f, 0);
  set_constant_axis(shape, shape.input(DataType::kInt32, {1}), {0});
  shape.output(DataType::kInt8, {1, 2}, 0.5f, 0);
  expect_rejected(shape, ErrorCode::kInvalidInput, "expected [2]");
  OpGraph q(OpType::kReduceMin);
  q.input(DataType::kInt8, {2, 2}, 0.5f, 0);
  set_constant_axis(q, q.input(DataType::kInt32, {1}), {0});
  q.output(DataType::kInt8, {2}, 0.25f, 0);
  expect_rejected(q, ErrorCode::kUnsupported, "input's scale and zero point");
  OpGraph index(OpType::kArgMin);
  index.input(DataType::kInt8, {2, 2}, 0.5f, 0);
  set_constant_axis(index, index.input(DataType::kInt32, {1}), {0});
  index.output(DataType::kInt8, {2}, 0.5f, 0);
  expect_rejected(index, ErrorCode::kUnsupported, "int32 and int64 indices");
}

TEST(PrepareBinaryArithmetic, DivPreluSquaredDifferenceAddN) {
  OpGraph d(OpType::kDiv);
  d.input(DataType::kInt8, {2}, 1.0f, 0);
  d.input(DataType::kInt8, {2}, 1.0f, 0);
  d.output(DataType::kInt8, {2}, 1.0f, 0);
  EXPECT_EQ(d.run<int8_t>({bytes_of(std::vector<int8_t>{6, -8}),
                           bytes_of(std::vector<int8_t>{3, 2})}),
            (std::vector<int8_t>{2, -4}));
  OpGraph p(OpType::kPrelu);
  p.input(DataType::kInt8, {2}, 1.0f, 0);
  p.input(DataType::kInt8, {1}, 0.25f, 0);
  p.output(DataType::kInt8, {2}, 1.0f, 0);
  // 8 stays; -8 * (2 * 0.25) = -4.
  EXPECT_EQ(p.run<int8_t>({bytes_of(std::vector<int8_t>{8, -8}),
                           bytes_of(std::vector<int8_t>{2})}),
            (std::vector<int8_t>{8, -4}));
  OpGraph sq(OpType::kSquaredDifference);
  sq.input(DataType::kInt16, {2}, 1.0f, 0);
  sq.input(DataType::kInt16, {2}, 1.0f, 0);
  sq.output(DataType::kInt16, {2}, 1.0f, 0);
  EXPECT_EQ(sq.run<int16_t>({bytes_of(std::vector<int16_t>{7, -2}),
                             bytes_of(std::vector<int16_t>{3, 8})}),
            (std::vector<int16_t>{16, 100}));
  OpGraph n(OpType::kAddN);
  n.input(DataType::kInt8, {1}, 1.0f, 2);
  n.input(DataType::kInt8, {1}, 1.0f, 2);
  n.output(DataType::kInt8, {1}, 1.0f, 0);
  // TFLM's accumulator starts at -zp: (5 - 2) + (7 - 2) - 2.
  EXPECT_EQ(n.run<int8_t>({bytes_of(std::vector<int8_t>{5}), bytes_of(std::vector<int8_t>{7})}),
            (std::vector<int8_t>{6}));
}

TEST(PrepareBinaryArithmetic, RejectsTypesAndMixedAddNQuantization) {
  OpGraph d(OpType::kDiv);
  d.input(DataType::kInt16, {2}, 1.0f, 0);
  d.input(DataType::kInt16, {2}, 1.0f, 0);
  d.output(DataType::kInt16, {2}, 1.0f, 0);
  expect_rejected(d, ErrorCode::kUnsupported, "expected int8");
  OpGraph p(OpType::kPrelu);
  p.input(DataType::kInt16, {2}, 1.0f, 0);
  p.input(DataType::kInt16, {1}, 0.25f, 0);
  p.output(DataType::kInt16, {2}, 1.0f, 0);
  expect_rejected(p, ErrorCode::kUnsupported, "alpha");
  OpGraph n(OpType::kAddN);
  n.input(DataType::kInt8, {1}, 1.0f, 2);
  n.input(DataType::kInt8, {1}, 0.5f, 2);
  n.output(DataType::kInt8, {1}, 1.0f, 0);
  expect_rejected(n, ErrorCode::kUnsupported, "scale and zero point of input 0");
  OpGraph absent(OpType::kAddN);
  absent.input(DataType::kInt8, {1}, 1.0f, 2);
  absent.input(DataType::kInt8, {1}, 1.0f, 2);
  absent.op.inputs.push_back(ir::kNoTensor);
  absent.output(DataType::kInt8, {1}, 1.0f, 0);
  expect_rejected(absent, ErrorCode::kInvalidInput, "input 2: absent");
}

TEST(PrepareUnaryTable, CumsumL2NormalizationEluLogSoftmax) {
  OpGraph c(OpType::kCumsum);
  c.input(DataType::kInt8, {3}, 1.0f, 0);
  set_constant_axis(c, c.input(DataType::kInt32, {1}), {0});
  c.output(DataType::kInt8, {3}, 1.0f, 0);
  EXPECT_EQ(c.run<int8_t>({bytes_of(std::vector<int8_t>{1, 2, 3})}),
            (std::vector<int8_t>{1, 3, 6}));
  c.op.options = ir::CumsumOptions{true, true};  // exclusive, reversed
  EXPECT_EQ(c.run<int8_t>({bytes_of(std::vector<int8_t>{1, 2, 3})}),
            (std::vector<int8_t>{5, 3, 0}));
  OpGraph l2(OpType::kL2Normalization);
  l2.input(DataType::kInt8, {1, 2}, 0.1f, 0);
  l2.output(DataType::kInt8, {1, 2}, 1.0f / 128, 0);
  // 3 / 5 * 128 = 76.8, 4 / 5 * 128 = 102.4.
  EXPECT_EQ(l2.run<int8_t>({bytes_of(std::vector<int8_t>{3, 4})}),
            (std::vector<int8_t>{77, 102}));
  OpGraph e(OpType::kElu);
  e.input(DataType::kInt8, {2}, 1.0f, 0);
  e.output(DataType::kInt8, {2}, 1.0f / 64, 0);
  // 1 -> 64; (exp(-1) - 1) * 64 = -40.46 rounds to -40.
  EXPECT_EQ(e.run<int8_t>({bytes_of(std::vector<int8_t>{1, -1})}), (std::vector<int8_t>{64, -40}));
  OpGraph ls(OpType::kLogSoftmax);
  ls.input(DataType::kInt8, {2}, 0.25f, 0);
  ls.output(DataType::kInt8, {2}, 16.0f / 256, 127);
  // Equal inputs: log(1/2) = -0.693 -> -11.09 steps of 1/16 below 127.
  EXPECT_EQ(ls.run<int8_t>({bytes_of(std::vector<int8_t>{5, 5})}),
            (std::vector<int8_t>{116, 116}));
}

TEST(PrepareUnaryTable, RejectsFixedOutputQuantizationAndAxis) {
  OpGraph l2(OpType::kL2Normalization);
  l2.input(DataType::kInt8, {1, 2}, 0.1f, 0);
  l2.output(DataType::kInt8, {1, 2}, 0.1f, 0);
  expect_rejected(l2, ErrorCode::kUnsupported, "quantization must be scale");
  OpGraph ls(OpType::kLogSoftmax);
  ls.input(DataType::kInt8, {2}, 0.25f, 0);
  ls.output(DataType::kInt8, {2}, 16.0f / 256, 0);
  expect_rejected(ls, ErrorCode::kUnsupported, "quantization must be scale");
  OpGraph c(OpType::kCumsum);
  c.input(DataType::kInt8, {3}, 1.0f, 0);
  set_constant_axis(c, c.input(DataType::kInt32, {2}), {0, 0});
  c.output(DataType::kInt8, {3}, 1.0f, 0);
  expect_rejected(c, ErrorCode::kInvalidInput, "expected one value");
}

TEST(PrepareFloatBool, RunsFloatAndBoolBuiltinsAndRejectsOtherTypes) {
  OpGraph r(OpType::kRound);
  r.input(DataType::kFloat32, {3});
  r.output(DataType::kFloat32, {3});
  EXPECT_EQ(r.run<float>({bytes_of(std::vector<float>{0.5f, 1.5f, -2.6f})}),
            (std::vector<float>{0.0f, 2.0f, -3.0f}));
  OpGraph m(OpType::kFloorMod);
  m.input(DataType::kFloat32, {2});
  m.input(DataType::kFloat32, {1});
  m.output(DataType::kFloat32, {2});
  EXPECT_EQ(m.run<float>({bytes_of(std::vector<float>{-7.0f, 7.0f}),
                          bytes_of(std::vector<float>{3.0f})}),
            (std::vector<float>{2.0f, 1.0f}));
  OpGraph n(OpType::kLogicalNot);
  n.input(DataType::kBool, {2});
  n.output(DataType::kBool, {2});
  EXPECT_EQ(n.run<uint8_t>({bools({1, 0})}), (std::vector<uint8_t>{0, 1}));
  OpGraph q(OpType::kExp);
  q.input(DataType::kInt8, {2}, 0.1f, 0);
  q.output(DataType::kInt8, {2}, 0.1f, 0);
  expect_rejected(q, ErrorCode::kUnsupported, "expected float32");
  OpGraph o(OpType::kLogicalOr);
  o.input(DataType::kBool, {2});
  o.input(DataType::kInt8, {2}, 0.1f, 0);
  o.output(DataType::kBool, {2});
  expect_rejected(o, ErrorCode::kUnsupported, "input 2");
  OpGraph d(OpType::kFloorDiv);
  d.input(DataType::kFloat32, {2});
  const int32_t divisor = d.input(DataType::kFloat32, {1});
  d.tensor(divisor).data = bytes_of(std::vector<float>{0.0f});
  d.output(DataType::kFloat32, {2});
  expect_rejected(d, ErrorCode::kInvalidInput, "constant divisor of 0");
}

TEST(PrepareHostileScales, AreRefusedOrGiveTheX86Result) {
  OpGraph n(OpType::kAddN);
  n.input(DataType::kInt8, {1}, 0.0f, 0);
  n.input(DataType::kInt8, {1}, 0.0f, 0);
  n.output(DataType::kInt8, {1}, 1.0f, 0);
  n.tensor(n.op.inputs[0]).quantization.scales = {0.0f};
  n.tensor(n.op.inputs[1]).quantization.scales = {0.0f};
  n.tensor(n.op.inputs[0]).quantization.zero_points = {0};
  n.tensor(n.op.inputs[1]).quantization.zero_points = {0};
  expect_rejected(n, ErrorCode::kUnsupported, "scales TFLM cannot represent");
  OpGraph sq(OpType::kSquaredDifference);
  sq.input(DataType::kInt8, {1}, std::nanf(""), 0);
  sq.input(DataType::kInt8, {1}, 1.0f, 0);
  sq.output(DataType::kInt8, {1}, 1.0f, 0);
  expect_rejected(sq, ErrorCode::kUnsupported, "at most 31");
  // ELU's float table with an output scale of 0: inf and NaN convert to INT32_MIN, then clamp.
  OpGraph e(OpType::kElu);
  e.input(DataType::kInt8, {2}, 1.0f, 0);
  e.output(DataType::kInt8, {2}, 1.0f, 0);
  e.tensor(e.op.outputs[0]).quantization.scales = {0.0f};
  EXPECT_EQ(e.run<int8_t>({bytes_of(std::vector<int8_t>{0, 1})}),
            (std::vector<int8_t>{-128, -128}));
}

}  // namespace
}  // namespace vnpu::driver::cpu
