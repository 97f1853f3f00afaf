// prepare_svdf and prepare_unidirectional_sequence_lstm: the rejections (one
// per class) give one-line messages naming the problem. The numerics are
// checked against TFLM by the conformance corpus (tests/golden/conformance_test.cc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "ir/model_stats.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::driver::cpu {
namespace {

struct Builder {
  ir::Graph graph;
  int32_t add(const std::string& name, ir::DataType type, ir::Shape shape, float scale,
              bool constant = false, bool variable = false) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = std::move(shape);
    t.quantization.scales = {scale};
    t.quantization.zero_points = {0};
    t.is_variable = variable;
    if (constant) t.data.assign(static_cast<size_t>(t.size_bytes()), 0);
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }
};

// SVDF: batch 1, input 4, 2 filters of rank 1, memory 3; int16 state.
struct SvdfGraph : Builder {
  ir::Operator op;
  SvdfGraph() {
    op.type = ir::OpType::kSvdf;
    op.options = ir::SvdfOptions{1, ir::FusedActivation::kNone};
    op.inputs = {add("in", ir::DataType::kInt8, {1, 4}, 0.1f),
                 add("wf", ir::DataType::kInt8, {2, 4}, 0.01f, true),
                 add("wt", ir::DataType::kInt16, {2, 3}, 0.001f, true),
                 add("bias", ir::DataType::kInt32, {2}, 0.002f * 0.001f, true),
                 add("state", ir::DataType::kInt16, {1, 6}, 0.002f, false, true)};
    op.outputs = {add("out", ir::DataType::kInt8, {1, 2}, 0.05f)};
  }
  std::string error() {
    auto prepared = prepare_svdf(graph, op);
    return prepared ? std::string() : prepared.status().message();
  }
};

TEST(SvdfOp, PreparesAValidOperator) { EXPECT_EQ(SvdfGraph().error(), ""); }

TEST(SvdfOp, RejectsAMissingBias) {
  SvdfGraph g;
  g.op.inputs[3] = ir::kNoTensor;
  EXPECT_NE(g.error().find("without a bias"), std::string::npos) << g.error();
}

TEST(SvdfOp, RejectsAStateThatIsNotAVariable) {
  SvdfGraph g;
  g.graph.tensor(g.op.inputs[4]).is_variable = false;
  EXPECT_NE(g.error().find("must be a variable tensor"), std::string::npos) << g.error();
}

TEST(SvdfOp, RejectsWeightsTimeOfAnotherTypeThanTheState) {
  SvdfGraph g;
  g.graph.tensor(g.op.inputs[2]).type = ir::DataType::kInt8;
  g.graph.tensor(g.op.inputs[2]).data.resize(6);
  EXPECT_NE(g.error().find("weights_time"), std::string::npos) << g.error();
}

TEST(SvdfOp, RejectsAStateOfTheWrongShape) {
  SvdfGraph g;
  g.graph.tensor(g.op.inputs[4]).shape = {1, 5};
  EXPECT_NE(g.error().find("expected shape [1,6]"), std::string::npos) << g.error();
}

TEST(SvdfOp, RejectsABiasScaleOffTheStateTimesTimeScale) {
  SvdfGraph g;
  g.graph.tensor(g.op.inputs[3]).quantization.scales = {0.5f};
  EXPECT_NE(g.error().find("bias"), std::string::npos) << g.error();
}

// LSTM: batch 1, 2 time steps, input 3, state 2, int8.
struct LstmGraph : Builder {
  ir::Operator op;
  LstmGraph() {
    op.type = ir::OpType::kUnidirectionalSequenceLstm;
    op.options = ir::SequenceLstmOptions{};
    op.inputs.assign(24, ir::kNoTensor);
    op.inputs[0] = add("in", ir::DataType::kInt8, {1, 2, 3}, 0.02f);
    for (int slot = 1; slot <= 4; ++slot) {
      op.inputs[slot] = add("iw", ir::DataType::kInt8, {2, 3}, 0.01f, true);
      op.inputs[slot + 4] = add("rw", ir::DataType::kInt8, {2, 2}, 0.01f, true);
      op.inputs[slot + 11] = add("b", ir::DataType::kInt32, {2}, 0.0002f, true);
    }
    op.inputs[18] = add("hidden", ir::DataType::kInt8, {1, 2}, 0.01f, false, true);
    op.inputs[19] = add("cell", ir::DataType::kInt16, {1, 2}, 1.0f / 2048, false, true);
    op.outputs = {add("out", ir::DataType::kInt8, {1, 2, 2}, 0.01f)};
  }
  std::string error() {
    auto prepared = prepare_unidirectional_sequence_lstm(graph, op);
    return prepared ? std::string() : prepared.status().message();
  }
};

TEST(LstmOp, PreparesAValidOperator) { EXPECT_EQ(LstmGraph().error(), ""); }

TEST(LstmOp, RejectsPeepholeWeights) {
  LstmGraph g;
  g.op.inputs[9] = g.add("peephole", ir::DataType::kInt16, {2}, 0.01f, true);
  EXPECT_NE(g.error().find("operand 9: peephole"), std::string::npos) << g.error();
}

TEST(LstmOp, RejectsCifg) {
  LstmGraph g;
  g.op.inputs[1] = ir::kNoTensor;
  EXPECT_NE(g.error().find("operand 1 is missing (CIFG"), std::string::npos) << g.error();
}

TEST(LstmOp, RejectsABiasOfTheWrongType) {
  LstmGraph g;
  g.op.inputs[12] = g.add("b64", ir::DataType::kInt64, {2}, 0.0002f, true);
  EXPECT_NE(g.error().find("bias"), std::string::npos) << g.error();
}

TEST(LstmOp, RejectsAnOutputOfTheWrongShape) {
  LstmGraph g;
  g.graph.tensor(g.op.outputs[0]).shape = {1, 2, 3};
  EXPECT_NE(g.error().find("expected shape [1,2,2]"), std::string::npos) << g.error();
}

TEST(LstmOp, RejectsAFloatLstm) {
  LstmGraph g;
  g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kFloat32;
  EXPECT_NE(g.error().find("only int8 and int16"), std::string::npos) << g.error();
}

// The CPU runtime's work limit counts these operators' multiply-accumulates.
TEST(StateOpMacs, CountEveryMatmul) {
  SvdfGraph svdf;  // batch 1 x 2 filters x (4 inputs + memory 3)
  EXPECT_EQ(ir::mac_count(svdf.graph, svdf.op), 14);
  LstmGraph lstm;  // 4 outputs (batch x time x state) x 4 gates x (3 inputs + 2 states)
  EXPECT_EQ(ir::mac_count(lstm.graph, lstm.op), 80);
}

// The compiler writes CPU operators back into its output: their options survive a round trip.
TEST(StateOpOptions, SurviveWritingAndReading) {
  SvdfGraph svdf;
  svdf.op.options = ir::SvdfOptions{2, ir::FusedActivation::kRelu};
  svdf.graph.tensor(svdf.op.inputs[1]).shape = {2, 4};
  LstmGraph lstm;
  ir::SequenceLstmOptions lstm_options;
  lstm_options.cell_clip = 1.5f;
  lstm_options.time_major = true;
  lstm.op.options = lstm_options;
  ir::Model model;
  for (auto* g : {static_cast<Builder*>(&svdf), static_cast<Builder*>(&lstm)}) {
    ir::Operator& op = g == &svdf ? svdf.op : lstm.op;
    g->graph.operators = {op};
    g->graph.inputs = {op.inputs[0]};
    g->graph.outputs = {op.outputs[0]};
    model.graphs.push_back(g->graph);
  }
  auto bytes = tflite::write_tflite(model);
  ASSERT_TRUE(bytes) << bytes.status().message();
  auto read = tflite::read_tflite(bytes->data(), bytes->size(), "state.tflite");
  ASSERT_TRUE(read) << read.status().message();
  const auto& s = std::get<ir::SvdfOptions>(read->graphs[0].operators[0].options);
  EXPECT_EQ(s.rank, 2);
  EXPECT_EQ(s.activation, ir::FusedActivation::kRelu);
  EXPECT_TRUE(read->graphs[0].tensor(svdf.op.inputs[4]).is_variable);
  const auto& l = std::get<ir::SequenceLstmOptions>(read->graphs[1].operators[0].options);
  EXPECT_FLOAT_EQ(l.cell_clip, 1.5f);
  EXPECT_TRUE(l.time_major);
  EXPECT_EQ(read->graphs[1].operators[0].inputs, lstm.op.inputs);
}

}  // namespace
}  // namespace vnpu::driver::cpu
