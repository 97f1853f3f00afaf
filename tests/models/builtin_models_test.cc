#include "models/builtin_models.h"

#include <gtest/gtest.h>

#include "driver/cpu/cpu_runtime.h"
#include "driver/tensor_io.h"
#include "ir/model_stats.h"
#include "ir/verifier.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::models {
namespace {

TEST(BuiltinModels, KwsDscnnIsAValidDscnnShapedGraph) {
  const ir::Model model = build_kws_dscnn();
  ASSERT_TRUE(ir::verify_model(model).is_ok());
  const ir::Graph& graph = model.main_graph();
  ASSERT_EQ(graph.operators.size(), 13u);  // conv, 4 x (dw, pw), pool, reshape, fc, softmax
  EXPECT_EQ(graph.operators.front().type, ir::OpType::kConv2d);
  EXPECT_EQ(graph.operators.back().type, ir::OpType::kSoftmax);
  EXPECT_EQ(graph.tensor(graph.inputs[0]).shape, (ir::Shape{1, 49, 10, 1}));
  EXPECT_EQ(graph.tensor(graph.outputs[0]).shape, (ir::Shape{1, 12}));
  int64_t macs = 0;
  for (const ir::Operator& op : graph.operators) macs += ir::mac_count(graph, op);
  // conv 25*5*64*40 + 4 * (25*5*64*9 + 25*5*64*64) + 64*12
  EXPECT_EQ(macs, 320000 + 4 * (72000 + 512000) + 768);
}

TEST(BuiltinModels, WeightsAreDeterministicPerSeed) {
  auto a = tflite::write_tflite(build_kws_dscnn(1));
  auto b = tflite::write_tflite(build_kws_dscnn(1));
  auto c = tflite::write_tflite(build_kws_dscnn(2));
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
}

TEST(BuiltinModels, RunsThroughTheFileFormatWithoutSaturatingEverything) {
  auto bytes = tflite::write_tflite(build_kws_dscnn());
  ASSERT_TRUE(bytes);
  auto model = tflite::read_tflite(bytes->data(), bytes->size(), "built-in");
  ASSERT_TRUE(model) << model.status().message();
  const ir::Graph& graph = model->main_graph();
  auto runtime = driver::cpu::CpuRuntime::create(graph);
  ASSERT_TRUE(runtime) << runtime.status().message();
  ASSERT_TRUE((*runtime)->set_input(0, driver::random_input_bytes(graph.tensor(graph.inputs[0]), 1)));
  // The scales are chosen so activations spread over the int8 range: check every
  // feature map uses more than a handful of levels.
  Status run = (*runtime)->invoke([&](size_t op_index) {
    const int32_t output = graph.operators[op_index].outputs[0];
    const uint8_t* data = (*runtime)->tensor_data(output);
    bool seen[256] = {};
    int distinct = 0;
    for (int64_t i = 0; i < graph.tensor(output).size_bytes(); ++i) {
      if (!seen[data[i]]) ++distinct;
      seen[data[i]] = true;
    }
    if (op_index < 9) {
      EXPECT_GT(distinct, 16) << "operator " << op_index;
    }
  });
  EXPECT_TRUE(run) << run.message();
}

}  // namespace
}  // namespace vnpu::models
