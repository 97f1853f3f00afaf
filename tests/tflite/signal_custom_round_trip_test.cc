// A signal-library custom operator survives write_tflite + read_tflite: its
// custom code (the writer's default is the IR name when the options carry
// none, as a compiler-built operator's may) and its flexbuffer options, which
// the reader decodes into CustomOptions::params again; UINT32 and UINT64
// tensors keep their types.
#include <gtest/gtest.h>

#include <flatbuffers/flexbuffers.h>

#include <string>
#include <variant>
#include <vector>

#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::tflite {
namespace {

ir::Model filter_bank_log_model(std::string custom_code) {
  flexbuffers::Builder builder;
  builder.Map([&] {
    builder.Int("input_correction_bits", 3);
    builder.Int("output_scale", 1600);
  });
  builder.Finish();
  ir::Graph graph;
  ir::Tensor in;
  in.name = "in";
  in.type = ir::DataType::kUInt32;
  in.shape = {4};
  ir::Tensor sums = in;
  sums.name = "sums";
  sums.type = ir::DataType::kUInt64;
  ir::Tensor out = in;
  out.name = "out";
  out.type = ir::DataType::kInt16;
  graph.tensors = {in, out, sums};
  ir::Operator op;
  op.type = ir::OpType::kSignalFilterBankLog;
  op.inputs = {0};
  op.outputs = {1};
  op.options = ir::CustomOptions{std::move(custom_code), builder.GetBuffer(), {}};
  graph.operators = {op};
  graph.inputs = {0};
  graph.outputs = {1};
  ir::Model model;
  model.graphs = {graph};
  return model;
}

TEST(SignalCustomRoundTrip, CodeOptionsAndUnsignedTypesSurvive) {
  for (const std::string code : {"SignalFilterBankLog", ""}) {
    auto bytes = write_tflite(filter_bank_log_model(code));
    ASSERT_TRUE(bytes) << bytes.status().message();
    auto model = read_tflite(bytes->data(), bytes->size(), "round trip");
    ASSERT_TRUE(model) << model.status().message();
    const ir::Graph& graph = model->main_graph();
    ASSERT_EQ(graph.operators.size(), 1u);
    EXPECT_EQ(graph.operators[0].type, ir::OpType::kSignalFilterBankLog);
    const auto* options = std::get_if<ir::CustomOptions>(&graph.operators[0].options);
    ASSERT_NE(options, nullptr);
    EXPECT_EQ(options->custom_code, "SignalFilterBankLog");
    EXPECT_EQ(options->params, (std::map<std::string, int64_t>{{"input_correction_bits", 3},
                                                               {"output_scale", 1600}}));
    EXPECT_EQ(graph.tensors[0].type, ir::DataType::kUInt32);
    EXPECT_EQ(graph.tensors[2].type, ir::DataType::kUInt64);
  }
}

}  // namespace
}  // namespace vnpu::tflite
