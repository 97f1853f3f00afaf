// Every SOFTMAX and ADD layer of the shared golden models, run alone: the
// operator is read from model.tflite, prepared with TFLM's parameters, fed
// the golden seed-1 intermediates TFLM computed for its inputs, and must
// reproduce TFLM's output intermediate byte for byte. Skips when the shared
// models are not present (fails under CI=true, tests/golden/shared_models.h).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "driver/cpu/cpu_op.h"
#include "driver/cpu/ops.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu::driver::cpu {
namespace {

std::string models_dir() { return vnpu::testing::shared_models_dir(); }

std::string intermediate_path(const std::string& model, const ir::Graph& graph, int32_t index) {
  return models_dir() + "/" + model + "/intermediates/seed1/" +
         intermediate_file_name(index, graph.tensor(index).name);
}

// Runs every operator of `type` in `model` on golden inputs; returns how many ran.
int check_layers(const std::string& model, ir::OpType type) {
  const auto loaded = tflite::load_tflite(models_dir() + "/" + model + "/model.tflite");
  EXPECT_TRUE(loaded) << loaded.status().message();
  if (!loaded) return 0;
  const ir::Graph& graph = loaded->main_graph();
  int checked = 0;
  for (size_t op_index = 0; op_index < graph.operators.size(); ++op_index) {
    const ir::Operator& op = graph.operators[op_index];
    if (op.type != type) continue;
    const std::string where = model + " operator " + std::to_string(op_index);
    const PrepareResult prepared = find_cpu_op(type)(graph, op, CpuOptions{});
    EXPECT_TRUE(prepared) << where << ": " << prepared.status().message();
    if (!prepared) continue;

    TensorMemory memory(graph.tensors.size());
    std::vector<NpyArray> inputs;
    inputs.reserve(op.inputs.size());
    for (int32_t index : op.inputs) {
      auto golden = load_npy(intermediate_path(model, graph, index));
      EXPECT_TRUE(golden) << where << ": " << golden.status().message();
      if (!golden) return checked;
      inputs.push_back(std::move(*golden));
      memory.bind(index, inputs.back().data.data());
    }
    const int32_t output = op.outputs[0];
    auto expected = load_npy(intermediate_path(model, graph, output));
    EXPECT_TRUE(expected) << where << ": " << expected.status().message();
    if (!expected) return checked;
    std::vector<uint8_t> ours(static_cast<size_t>(graph.tensor(output).size_bytes()), 0xA5);
    memory.bind(output, ours.data());
    EXPECT_TRUE((*prepared)->eval(memory));
    EXPECT_EQ(ours, expected->data) << where << " (" << ir::op_type_name(type) << ") output t"
                                    << output << " differs from TFLM";
    ++checked;
  }
  return checked;
}

class SoftmaxAddGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!vnpu::testing::shared_models_present()) {
      GTEST_SKIP() << "shared golden models not found at " << models_dir();
    }
  }
};

TEST_F(SoftmaxAddGolden, EverySoftmaxLayerIsByteIdentical) {
  EXPECT_EQ(check_layers("kws_dscnn", ir::OpType::kSoftmax), 1);
  EXPECT_EQ(check_layers("vww_mobilenetv1", ir::OpType::kSoftmax), 1);
  EXPECT_EQ(check_layers("ic_resnet8", ir::OpType::kSoftmax), 1);
  EXPECT_EQ(check_layers("person_detect", ir::OpType::kSoftmax), 1);
}

TEST_F(SoftmaxAddGolden, EveryAddLayerIsByteIdentical) {
  EXPECT_EQ(check_layers("ic_resnet8", ir::OpType::kAdd), 3);
}

}  // namespace
}  // namespace vnpu::driver::cpu
