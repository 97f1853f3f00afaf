// ADD, SUB, MUL, MAXIMUM and MINIMUM with one constant operand (a bias, a
// scale, a threshold; lower_elementwise.cc reads it as IFM2 from the
// constant region), compiled whole and run on the functional NPU against the
// CPU runtime (compile_and_compare): random int8 and 16x8 operators whose
// constant is the first or the second operand, of the output's shape or
// broadcast, on every U55 configuration; each lands on the NPU unless its
// constant has the output's shape while the other operand is broadcast.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct Case {
  ir::Model model;
  std::string label;
  bool constant_is_broadcast_or_equal = true;  // the NPU can read it as IFM2
};

std::string text(const ir::Shape& shape) { return ir::shape_to_string(shape); }

Case random_case(DeterministicRng& rng, uint64_t seed) {
  models::GraphBuilder b("constant_operand", seed);
  const ir::OpType kinds[] = {ir::OpType::kAdd, ir::OpType::kSub, ir::OpType::kMul,
                              ir::OpType::kMaximum, ir::OpType::kMinimum};
  const ir::OpType type = kinds[rng.uniform(0, 4)];
  const bool wide = rng.uniform(0, 2) == 0 && type != ir::OpType::kSub;
  const bool min_max = type == ir::OpType::kMaximum || type == ir::OpType::kMinimum;
  ir::Shape out(static_cast<size_t>(rng.uniform(1, 4)));
  for (int32_t& d : out) d = rng.uniform(1, 8);
  // The constant: the output's shape, or broadcast along some axes.
  ir::Shape constant_shape = out;
  const int32_t shape_kind = rng.uniform(0, 2);
  if (shape_kind == 1) {
    for (int32_t& d : constant_shape) d = rng.uniform(0, 1) == 0 ? 1 : d;
  } else if (shape_kind == 2) {
    constant_shape = {out.back()};  // per channel
  }
  const bool constant_first = rng.uniform(0, 1) == 0;
  const float s1 = 0.01f + 0.05f * static_cast<float>(rng.unit());
  const float s2 = min_max ? s1 : 0.01f + 0.05f * static_cast<float>(rng.unit());
  const float so = min_max ? s1 : (type == ir::OpType::kMul ? s1 * s2 * 40.0f : s1 + s2);
  const auto zp = [&] { return wide ? 0 : rng.uniform(-60, 60); };
  const int32_t z1 = zp();
  const int32_t z2 = min_max ? z1 : zp();
  const int32_t zo = min_max ? z1 : zp();
  const int32_t variable =
      b.add_activation("x", out, {constant_first ? s2 : s1, constant_first ? z2 : z1});
  ir::Tensor constant;
  constant.name = "c";
  constant.type = wide ? ir::DataType::kInt16 : ir::DataType::kInt8;
  constant.shape = constant_shape;
  constant.quantization.scales = {constant_first ? s1 : s2};
  constant.quantization.zero_points = {constant_first ? z1 : z2};
  int64_t count = 1;
  for (int32_t d : constant_shape) count *= d;
  const size_t element = wide ? 2 : 1;
  constant.data.resize(static_cast<size_t>(count) * element);
  for (uint8_t& byte : constant.data) byte = static_cast<uint8_t>(rng.uniform(0, 255));
  if (wide) {
    for (size_t i = 1; i < constant.data.size(); i += 2) {
      constant.data[i] = static_cast<uint8_t>(rng.uniform(0, 1) == 0 ? 0 : 0xFF);  // small values
    }
  }
  b.graph().tensors.push_back(constant);
  const auto c = static_cast<int32_t>(b.graph().tensors.size() - 1);
  const int32_t output = b.add_activation("out", out, {so, zo});
  if (wide) {
    for (int32_t t : {variable, output}) {
      b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
    }
  }
  const std::vector<int32_t> inputs =
      constant_first ? std::vector<int32_t>{c, variable} : std::vector<int32_t>{variable, c};
  if (min_max) {
    b.add_op(type, inputs, {output}, std::monostate{});
  } else {
    b.add_op(type, inputs, {output}, ir::ElementwiseOptions{ir::FusedActivation::kNone});
  }
  b.set_io({variable}, {output});
  Case result;
  result.model = b.finish("t");
  result.label = std::string(wide ? "int16 " : "int8 ") + ir::op_type_name(type) + " out " +
                 text(out) + " constant " + text(constant_shape) +
                 (constant_first ? " first" : " second");
  return result;
}

TEST(CodegenConstantOperand, RandomOperatorsMatchTheCpuRuntimeByteForByte) {
  constexpr int kCases = 260;
  int on_npu = 0;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(31000 + i);
    DeterministicRng rng(seed);
    const Case c = random_case(rng, seed);
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string reason = testing::npu_refusal(c.model, options);
    if (!reason.empty()) {
      // A constant of the output's shape beside a broadcast operand, a
      // broadcast the NPU's three axes cannot express, or an int16 scaling
      // the 16x8 rules refuse are the only refusals.
      const bool expected =
          reason.find("reads a constant only as its second operand") != std::string::npos ||
          reason.find("alternates whole and broadcast") != std::string::npos ||
          reason.find("int16") != std::string::npos;
      EXPECT_TRUE(expected) << c.label << ": " << reason;
    }
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                           testing::random_inputs(c.model.main_graph(), seed)),
              "")
        << c.label << " on " << options.accelerator_config;
  }
  std::printf("%d of %d operators with a constant operand on the NPU\n", on_npu, kCases);
  EXPECT_GE(on_npu, 200);
}

// Three operators with constants in one ethos-u operator: each later one's
// constant follows the earlier ones' in the flash, so its base moves with it.
TEST(CodegenConstantOperand, ASecondOperatorsConstantIsReadAtItsFlashOffset) {
  models::GraphBuilder b("constant_operands", 3);
  const int32_t x = b.add_activation("x", {1, 4, 5, 8}, {0.05f, 3});
  const int32_t y = b.add_activation("y", {1, 4, 5, 8}, {0.1f, -2});
  const int32_t z = b.add_activation("z", {1, 4, 5, 8}, {0.2f, 1});
  auto constant = [&](const std::string& name, const ir::Shape& shape, float scale, uint8_t seed) {
    ir::Tensor t;
    t.name = name;
    t.type = ir::DataType::kInt8;
    t.shape = shape;
    t.quantization.scales = {scale};
    t.quantization.zero_points = {0};
    int64_t count = 1;
    for (int32_t d : shape) count *= d;
    for (int64_t i = 0; i < count; ++i) t.data.push_back(static_cast<uint8_t>(seed + 37 * i));
    b.graph().tensors.push_back(t);
    return static_cast<int32_t>(b.graph().tensors.size() - 1);
  };
  const int32_t bias = constant("bias", {1, 1, 5, 8}, 0.04f, 11);
  const int32_t scale = constant("scale", {8}, 0.03f, 5);
  b.add_op(ir::OpType::kAdd, {x, bias}, {y}, ir::ElementwiseOptions{ir::FusedActivation::kNone});
  b.add_op(ir::OpType::kMul, {scale, y}, {z}, ir::ElementwiseOptions{ir::FusedActivation::kNone});
  // And a concatenation's constant, a chain's, after both in the flash.
  const int32_t tail = constant("tail", {1, 4, 5, 3}, 0.2f, 7);
  b.graph().tensors[static_cast<size_t>(tail)].quantization.zero_points = {1};  // z's
  const int32_t joined = b.add_activation("joined", {1, 4, 5, 11}, {0.2f, 1});
  b.add_op(ir::OpType::kConcatenation, {z, tail}, {joined},
           ir::ConcatenationOptions{3, ir::FusedActivation::kNone});
  b.set_io({x}, {joined});
  const ir::Model model = b.finish("t");
  CompilerOptions options;
  EXPECT_EQ(testing::npu_refusal(model, options), "");
  EXPECT_EQ(
      testing::compile_and_compare(model, options, testing::random_inputs(model.main_graph(), 3)),
      "");
}

// CONCATENATION (and PACK) with constant inputs among feature maps, int8 and
// int16, along any axis: the constants are copied from the operator's flash.
TEST(CodegenConstantOperand, ConcatenationsWithConstantInputsRunOnTheNpuByteForByte) {
  for (int i = 0; i < 210; ++i) {
    const auto seed = static_cast<uint64_t>(43000 + i);
    DeterministicRng rng(seed);
    models::GraphBuilder b("concatenation", seed);
    const bool wide = rng.uniform(0, 2) == 0;
    ir::Shape shape(static_cast<size_t>(rng.uniform(1, 4)));
    for (int32_t& d : shape) d = rng.uniform(1, 6);
    if (shape.size() == 4) shape[0] = 1;
    const auto axis = static_cast<size_t>(rng.uniform(0, static_cast<int32_t>(shape.size()) - 1));
    const int32_t count = rng.uniform(2, 4);
    std::vector<int32_t> inputs;
    std::vector<int32_t> variables;
    ir::Shape out = shape;
    out[axis] = 0;
    for (int32_t k = 0; k < count; ++k) {
      ir::Shape part = shape;
      part[axis] = rng.uniform(1, 4);
      out[axis] += part[axis];
      // At least one feature map, so the operator has an input to run on.
      const bool constant = k > 0 && rng.uniform(0, 1) == 0;
      if (!constant) {
        const int32_t t = b.add_activation("x" + std::to_string(k), part, {0.05f, wide ? 0 : 3});
        if (wide) b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
        inputs.push_back(t);
        variables.push_back(t);
        continue;
      }
      ir::Tensor c;
      c.name = "c" + std::to_string(k);
      c.type = wide ? ir::DataType::kInt16 : ir::DataType::kInt8;
      c.shape = part;
      c.quantization.scales = {0.05f};
      c.quantization.zero_points = {wide ? 0 : 3};
      int64_t elements = 1;
      for (int32_t d : part) elements *= d;
      for (int64_t e = 0; e < elements * (wide ? 2 : 1); ++e) {
        c.data.push_back(static_cast<uint8_t>(rng.uniform(0, 255)));
      }
      b.graph().tensors.push_back(c);
      inputs.push_back(static_cast<int32_t>(b.graph().tensors.size() - 1));
    }
    const int32_t output = b.add_activation("out", out, {0.05f, wide ? 0 : 3});
    if (wide) b.graph().tensors[static_cast<size_t>(output)].type = ir::DataType::kInt16;
    b.add_op(ir::OpType::kConcatenation, inputs, {output},
             ir::ConcatenationOptions{static_cast<int32_t>(axis), ir::FusedActivation::kNone});
    b.set_io(variables, {output});
    const ir::Model model = b.finish("t");
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string label = "CONCATENATION " + text(out) + " axis " + std::to_string(axis);
    EXPECT_EQ(testing::npu_refusal(model, options), "") << label;
    EXPECT_EQ(testing::compile_and_compare(model, options,
                                           testing::random_inputs(model.main_graph(), seed)),
              "")
        << label << " on " << options.accelerator_config;
  }
}

}  // namespace
}  // namespace vnpu::compiler
