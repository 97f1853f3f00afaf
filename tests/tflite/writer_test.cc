// The writer's file layout, checked through the generated flatbuffers API rather
// than through the reader.
#include "tflite/writer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>

#include "tests/tflite/test_graphs.h"
#include "tflite/schema/tflite_subset_generated.h"

namespace vnpu::tflite {
namespace {

std::vector<uint8_t> write_or_fail(const ir::Model& model) {
  auto bytes = write_tflite(model);
  EXPECT_TRUE(bytes.has_value()) << bytes.status().message();
  return bytes ? *bytes : std::vector<uint8_t>{};
}

const schema::Model* verified_root(const std::vector<uint8_t>& bytes) {
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  EXPECT_TRUE(schema::VerifyModelBuffer(verifier));
  return schema::GetModel(bytes.data());
}

TEST(Writer, FileIdentifierVersionAndSentinelBuffer) {
  const std::vector<uint8_t> bytes = write_or_fail(testing::make_small_conv_model());
  ASSERT_GE(bytes.size(), 8u);
  EXPECT_EQ(std::memcmp(bytes.data() + 4, "TFL3", 4), 0);
  const schema::Model* model = verified_root(bytes);
  EXPECT_EQ(model->version(), 3u);
  ASSERT_NE(model->buffers(), nullptr);
  ASSERT_GE(model->buffers()->size(), 1u);
  const schema::Buffer* sentinel = model->buffers()->Get(0);
  EXPECT_TRUE(sentinel->data() == nullptr || sentinel->data()->size() == 0);
}

TEST(Writer, OneBufferPerConstantTensorAndBufferZeroForActivations) {
  const ir::Model source = testing::make_all_ops_model();
  const std::vector<uint8_t> bytes = write_or_fail(source);
  const schema::Model* model = verified_root(bytes);
  std::set<uint32_t> used;
  size_t constants = 0;
  for (size_t g = 0; g < source.graphs.size(); ++g) {
    const ir::Graph& graph = source.graphs[g];
    const auto* tensors = model->subgraphs()->Get(static_cast<uint32_t>(g))->tensors();
    ASSERT_EQ(tensors->size(), graph.tensors.size());
    for (size_t i = 0; i < graph.tensors.size(); ++i) {
      const schema::Tensor* tensor = tensors->Get(static_cast<uint32_t>(i));
      if (!graph.tensors[i].is_constant()) {
        EXPECT_EQ(tensor->buffer(), 0u) << graph.tensors[i].name;
        continue;
      }
      ++constants;
      EXPECT_TRUE(used.insert(tensor->buffer()).second) << "buffer shared";
      const auto* data = model->buffers()->Get(tensor->buffer())->data();
      ASSERT_NE(data, nullptr);
      EXPECT_EQ(std::vector<uint8_t>(data->begin(), data->end()), graph.tensors[i].data);
      // force_align 16, relative to the start of the file.
      EXPECT_EQ(static_cast<size_t>(data->data() - bytes.data()) % 16, 0u);
    }
  }
  // Buffer 0, the constants, and one buffer per metadata entry.
  EXPECT_EQ(model->buffers()->size(), 1 + constants + source.metadata.size());
  ASSERT_EQ(model->metadata()->size(), source.metadata.size());
  for (size_t i = 0; i < source.metadata.size(); ++i) {
    const schema::Metadata* entry = model->metadata()->Get(static_cast<uint32_t>(i));
    EXPECT_EQ(entry->name()->str(), source.metadata[i].name);
    EXPECT_EQ(used.count(entry->buffer()), 0u);
  }
}

TEST(Writer, OperatorCodesAreDeduplicatedWithBothCodeFields) {
  const ir::Model source = testing::make_all_ops_model();
  const std::vector<uint8_t> bytes = write_or_fail(source);
  const schema::Model* model = verified_root(bytes);
  // 24 builtin operators and the ethos-u custom operator; ADD appears in both subgraphs.
  ASSERT_EQ(model->operator_codes()->size(), 25u);
  std::set<std::pair<int32_t, std::string>> keys;
  for (const schema::OperatorCode* code : *model->operator_codes()) {
    const int32_t builtin = code->builtin_code();
    EXPECT_EQ(code->deprecated_builtin_code(), std::min(builtin, 127));
    EXPECT_EQ(code->version(), 1);
    const std::string custom = code->custom_code() ? code->custom_code()->str() : "";
    EXPECT_TRUE(keys.insert({builtin, custom}).second);
  }
  // Published codes of a few operators (tensorflow/lite/schema/schema.fbs).
  for (const auto& expected : std::vector<std::pair<int32_t, std::string>>{
           {3, ""}, {4, ""}, {9, ""}, {32, "ethos-u"}, {60, ""}, {98, ""}, {114, ""}, {117, ""}}) {
    EXPECT_EQ(keys.count(expected), 1u) << expected.first;
  }
  // Operators point at the code of their type.
  const auto* ops = model->subgraphs()->Get(0)->operators();
  const auto* first = model->operator_codes()->Get(ops->Get(0)->opcode_index());
  EXPECT_EQ(first->builtin_code(), schema::BuiltinOperator_CONV_2D);
}

TEST(Writer, OptionsAreWrittenAsTheConverterDoes) {
  const ir::Model source = testing::make_all_ops_model();
  const std::vector<uint8_t> bytes = write_or_fail(source);
  const schema::Model* model = verified_root(bytes);
  const auto* ops = model->subgraphs()->Get(0)->operators();
  const auto* conv = ops->Get(0)->builtin_options_as_Conv2DOptions();
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->padding(), schema::Padding_SAME);
  EXPECT_EQ(conv->dilation_w_factor(), 2);
  EXPECT_EQ(conv->dilation_h_factor(), 1);
  EXPECT_EQ(conv->fused_activation_function(), schema::ActivationFunctionType_RELU6);
  const auto* pool = ops->Get(3)->builtin_options_as_Pool2DOptions();
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->stride_w(), 3);
  EXPECT_EQ(pool->filter_height(), 2);
  for (uint32_t i = 0; i < ops->size(); ++i) {
    const schema::Operator* op = ops->Get(i);
    const auto type = source.main_graph().operators[i].type;
    switch (type) {
      case ir::OpType::kPad:
        EXPECT_EQ(op->builtin_options_type(), schema::BuiltinOptions_PadOptions);
        break;
      case ir::OpType::kHardSwish:
        EXPECT_EQ(op->builtin_options_type(), schema::BuiltinOptions_HardSwishOptions);
        break;
      case ir::OpType::kSub:
        EXPECT_EQ(op->builtin_options_type(), schema::BuiltinOptions_SubOptions);
        break;
      case ir::OpType::kMul:
        EXPECT_EQ(op->builtin_options_type(), schema::BuiltinOptions_MulOptions);
        break;
      case ir::OpType::kRelu:
      case ir::OpType::kLogistic:
      case ir::OpType::kEthosU:
        EXPECT_EQ(op->builtin_options_type(), schema::BuiltinOptions_NONE);
        break;
      default:
        break;
    }
  }
}

TEST(Writer, EthosUOperatorKeepsCustomBytesAndScratchIsNotVariable) {
  const ir::Model source = testing::make_all_ops_model();
  const std::vector<uint8_t> bytes = write_or_fail(source);
  const schema::Model* model = verified_root(bytes);
  const ir::Graph& graph = source.main_graph();
  const auto* subgraph = model->subgraphs()->Get(0);
  const uint32_t index = static_cast<uint32_t>(graph.operators.size() - 1);
  ASSERT_EQ(graph.operators[index].type, ir::OpType::kEthosU);
  const schema::Operator* op = subgraph->operators()->Get(index);
  const auto* code = model->operator_codes()->Get(op->opcode_index());
  EXPECT_EQ(code->builtin_code(), schema::BuiltinOperator_CUSTOM);
  EXPECT_EQ(code->custom_code()->str(), "ethos-u");
  ASSERT_NE(op->custom_options(), nullptr);
  EXPECT_EQ(std::vector<uint8_t>(op->custom_options()->begin(), op->custom_options()->end()),
            (std::vector<uint8_t>{1, 4, 1}));
  for (size_t slot : {2, 3}) {
    const int32_t tensor = graph.operators[index].inputs[slot];
    EXPECT_TRUE(graph.tensor(tensor).is_variable);
    EXPECT_FALSE(subgraph->tensors()->Get(static_cast<uint32_t>(tensor))->is_variable());
  }
  // A real variable elsewhere keeps its flag.
  const auto* second = model->subgraphs()->Get(1);
  EXPECT_TRUE(second->tensors()->Get(1)->is_variable());
}

TEST(Writer, PerChannelQuantizationIsWritten) {
  const ir::Model source = testing::make_all_ops_model();
  const std::vector<uint8_t> bytes = write_or_fail(source);
  const schema::Model* model = verified_root(bytes);
  const ir::Graph& graph = source.main_graph();
  const int32_t filter = graph.operators[1].inputs[1];  // depthwise filter, axis 3
  const auto* q =
      model->subgraphs()->Get(0)->tensors()->Get(static_cast<uint32_t>(filter))->quantization();
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->quantized_dimension(), 3);
  ASSERT_EQ(q->scale()->size(), 8u);
  ASSERT_EQ(q->zero_point()->size(), 8u);
  EXPECT_EQ(q->scale()->Get(7), graph.tensor(filter).quantization.scales[7]);
}

TEST(Writer, WritesInconsistentModelsAsTheyAre) {
  ir::Model model = testing::make_small_conv_model();
  model.main_graph().operators[0].inputs[0] = 99;
  model.main_graph().tensors[1].data.pop_back();
  model.main_graph().tensors[2].shape = {-4};
  const std::vector<uint8_t> bytes = write_or_fail(model);
  const schema::Model* written = verified_root(bytes);
  const auto* subgraph = written->subgraphs()->Get(0);
  EXPECT_EQ(subgraph->operators()->Get(0)->inputs()->Get(0), 99);
  EXPECT_EQ(subgraph->tensors()->Get(2)->shape()->Get(0), -4);
  const uint32_t buffer = subgraph->tensors()->Get(1)->buffer();
  EXPECT_EQ(written->buffers()->Get(buffer)->data()->size(), 5u);
}

TEST(Writer, EmptyModelIsAValidFlatbuffer) {
  const std::vector<uint8_t> bytes = write_or_fail(ir::Model{});
  const schema::Model* model = verified_root(bytes);
  EXPECT_EQ(model->subgraphs()->size(), 0u);
  EXPECT_EQ(model->buffers()->size(), 1u);
}

}  // namespace
}  // namespace vnpu::tflite
