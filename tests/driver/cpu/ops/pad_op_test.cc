// prepare_pad: PAD pads with the output zero point, PADV2 with its constant;
// paddings, shapes, quantization and types are validated with messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"

namespace vnpu::driver::cpu {
namespace {

struct PadGraph {
  ir::Graph graph;
  ir::Operator op;

  int32_t add(const std::string& name, ir::DataType type, ir::Shape shape, bool quantized) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = std::move(shape);
    if (quantized) {
      t.quantization.scales = {0.2f};
      t.quantization.zero_points = {-7};
    }
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }
  template <typename T>
  void fill(int32_t index, const std::vector<T>& values) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
    graph.tensor(index).data.assign(bytes, bytes + values.size() * sizeof(T));
  }

  // [1, 2] padded by ((0, 0), (1, 2)) -> [1, 5].
  PadGraph() {
    op.type = ir::OpType::kPad;
    op.inputs = {add("in", ir::DataType::kInt8, {1, 2}, true),
                 add("paddings", ir::DataType::kInt32, {2, 2}, false)};
    op.outputs = {add("out", ir::DataType::kInt8, {1, 5}, true)};
    fill(op.inputs[1], std::vector<int32_t>{0, 0, 1, 2});
  }
  void add_constant(int8_t value) {
    op.type = ir::OpType::kPadV2;
    op.inputs.push_back(add("value", ir::DataType::kInt8, {1}, true));
    fill(op.inputs[2], std::vector<int8_t>{value});
  }

  std::vector<int8_t> run(std::vector<int8_t> input) {
    auto prepared = prepare_pad(graph, op);
    EXPECT_TRUE(prepared) << prepared.status().message();
    if (!prepared) return {};
    std::vector<int8_t> output(static_cast<size_t>(graph.tensor(op.outputs[0]).element_count()));
    TensorMemory memory(graph.tensors.size());
    memory.bind(op.inputs[0], reinterpret_cast<uint8_t*>(input.data()));
    memory.bind(op.outputs[0], reinterpret_cast<uint8_t*>(output.data()));
    EXPECT_TRUE((*prepared)->eval(memory));
    return output;
  }
};

void expect_rejected(const PadGraph& g, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = prepare_pad(g.graph, g.op);
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

TEST(PreparePad, PadUsesTheOutputZeroPoint) {
  PadGraph g;
  EXPECT_EQ(g.run({10, 20}), (std::vector<int8_t>{-7, 10, 20, -7, -7}));
}

TEST(PreparePad, PadV2UsesTheRawConstant) {
  PadGraph g;
  g.add_constant(-128);
  EXPECT_EQ(g.run({10, 20}), (std::vector<int8_t>{-128, 10, 20, -128, -128}));
}

TEST(PreparePad, RejectsPaddingsThatDoNotFit) {
  {
    PadGraph g;
    g.graph.tensor(g.op.outputs[0]).shape = {1, 4};
    expect_rejected(g, ErrorCode::kInvalidInput, "expected [1,5]");
  }
  {
    PadGraph g;
    g.fill(g.op.inputs[1], std::vector<int32_t>{0, 0, -1, 4});
    expect_rejected(g, ErrorCode::kInvalidInput, "negative padding -1,4");
  }
  {
    // The fuzzer's input: two paddings near 1.5e9 overflowed int32 when added.
    PadGraph g;
    g.fill(g.op.inputs[1], std::vector<int32_t>{0, 0, 1499004933, 1499027801});
    expect_rejected(g, ErrorCode::kInvalidInput,
                    "dimension 1 padded to 2998032736, beyond 2^31 - 1");
  }
  {
    PadGraph g;
    g.graph.tensor(g.op.inputs[1]).shape = {4};
    expect_rejected(g, ErrorCode::kInvalidInput, "expected shape [2,2]");
  }
  {
    PadGraph g;
    g.graph.tensor(g.op.inputs[1]).data.clear();
    expect_rejected(g, ErrorCode::kUnsupported, "paddings 'paddings'");
  }
  {
    PadGraph g;
    g.graph.tensor(g.op.inputs[1]).type = ir::DataType::kInt64;
    expect_rejected(g, ErrorCode::kUnsupported, "expected int32");
  }
}

TEST(PreparePad, RejectsQuantizationMismatches) {
  {
    PadGraph g;
    g.graph.tensor(g.op.outputs[0]).quantization.zero_points = {0};
    expect_rejected(g, ErrorCode::kUnsupported, "quantization differs from input");
  }
  {
    PadGraph g;
    g.add_constant(3);
    g.graph.tensor(g.op.inputs[2]).quantization.scales = {0.3f};
    expect_rejected(g, ErrorCode::kUnsupported, "constant 'value'");
  }
  {
    PadGraph g;
    g.add_constant(3);
    g.graph.tensor(g.op.inputs[2]).shape = {2};
    g.fill(g.op.inputs[2], std::vector<int8_t>{3, 4});
    expect_rejected(g, ErrorCode::kInvalidInput, "expected one value");
  }
}

TEST(PreparePad, RejectsTypesRanksAndCounts) {
  {
    PadGraph g;
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kInt32;
    expect_rejected(g, ErrorCode::kUnsupported, "input 'in'");
  }
  {
    PadGraph g;
    g.graph.tensor(g.op.inputs[0]).shape = {1, 1, 1, 1, 1, 2};
    expect_rejected(g, ErrorCode::kUnsupported, "rank above 5");
  }
  {
    PadGraph g;
    g.op.inputs.resize(1);
    expect_rejected(g, ErrorCode::kInvalidInput, "expects 2 to 3 inputs");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu
