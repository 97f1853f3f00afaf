// The reader on the shared golden models, checked against MANIFEST.json, the Vela
// summaries and tensor counts decoded independently with `flatc --json`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "ir/verifier.h"
#include "tests/tflite/shared_models.h"
#include "tflite/reader.h"

namespace vnpu::tflite {
namespace {

using testing::ManifestModel;
using testing::ManifestTensor;

std::string missing_models() {
  return "shared models not found at " + testing::shared_models_dir();
}

ir::Model load_or_fail(const std::string& relative_path) {
  auto model = load_tflite(testing::shared_models_dir() + "/" + relative_path);
  EXPECT_TRUE(model.has_value()) << model.status().message();
  return model ? *model : ir::Model{};
}

void expect_tensor_matches(const ir::Graph& graph, const ManifestTensor& expected,
                           bool check_name = true) {
  SCOPED_TRACE("tensor " + std::to_string(expected.tensor_index) + " " + expected.name);
  ASSERT_GE(expected.tensor_index, 0);
  ASSERT_LT(static_cast<size_t>(expected.tensor_index), graph.tensors.size());
  const ir::Tensor& tensor = graph.tensor(expected.tensor_index);
  if (check_name) {
    EXPECT_EQ(tensor.name, expected.name);
  }
  EXPECT_EQ(ir::data_type_name(tensor.type), expected.dtype);
  EXPECT_EQ(tensor.shape, expected.shape);
  ASSERT_EQ(tensor.quantization.is_quantized(), expected.quantized);
  if (expected.quantized) {
    ASSERT_EQ(tensor.quantization.scales.size(), 1u);
    EXPECT_EQ(tensor.quantization.scales[0], static_cast<float>(expected.scale));
    EXPECT_EQ(tensor.quantization.zero_point(), expected.zero_point);
  }
}

// Tensor counts of subgraph 0, decoded with `flatc --json --raw-binary` and the schema.
const std::map<std::string, size_t> kTensorCounts = {{"kws_dscnn", 35},     {"vww_mobilenetv1", 89},
                                                     {"ic_resnet8", 38},    {"ad_autoencoder", 31},
                                                     {"person_detect", 89}, {"hello_world", 10}};

TEST(ReaderSharedModels, ManifestListsTheSixModels) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  const std::vector<ManifestModel> models = testing::load_manifest();
  ASSERT_EQ(models.size(), 6u);
  for (const ManifestModel& model : models) EXPECT_EQ(kTensorCounts.count(model.name), 1u);
}

TEST(ReaderSharedModels, OperatorsMatchTheManifest) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  for (const ManifestModel& expected : testing::load_manifest()) {
    SCOPED_TRACE(expected.name);
    const ir::Model model = load_or_fail(expected.model_file);
    ASSERT_EQ(model.graphs.size(), 1u);
    const ir::Graph& graph = model.main_graph();
    ASSERT_EQ(graph.operators.size(), static_cast<size_t>(expected.n_operators));
    ASSERT_EQ(expected.operators.size(), graph.operators.size());
    std::set<std::string> types;
    for (const auto& op : expected.operators) {
      SCOPED_TRACE("operator " + std::to_string(op.index));
      const ir::Operator& actual = graph.operators.at(static_cast<size_t>(op.index));
      EXPECT_EQ(ir::op_type_name(actual.type), op.op);
      EXPECT_EQ(actual.inputs, op.inputs);
      EXPECT_EQ(actual.outputs, op.outputs);
      types.insert(ir::op_type_name(actual.type));
    }
    EXPECT_EQ(types, std::set<std::string>(expected.operator_types.begin(),
                                           expected.operator_types.end()));
    EXPECT_EQ(graph.tensors.size(), kTensorCounts.at(expected.name));
    EXPECT_EQ(model.description, expected.description);
  }
}

TEST(ReaderSharedModels, InputsOutputsAndIntermediatesMatchTheManifest) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  for (const ManifestModel& expected : testing::load_manifest()) {
    SCOPED_TRACE(expected.name);
    const ir::Model model = load_or_fail(expected.model_file);
    ASSERT_FALSE(model.graphs.empty());
    const ir::Graph& graph = model.main_graph();
    ASSERT_EQ(graph.inputs.size(), expected.inputs.size());
    for (size_t i = 0; i < expected.inputs.size(); ++i) {
      EXPECT_EQ(graph.inputs[i], expected.inputs[i].tensor_index);
      expect_tensor_matches(graph, expected.inputs[i]);
    }
    ASSERT_EQ(graph.outputs.size(), expected.outputs.size());
    for (size_t i = 0; i < expected.outputs.size(); ++i) {
      EXPECT_EQ(graph.outputs[i], expected.outputs[i].tensor_index);
      expect_tensor_matches(graph, expected.outputs[i]);
    }
    EXPECT_EQ(expected.intermediates.size(), graph.operators.size());
    for (const ManifestTensor& intermediate : expected.intermediates) {
      expect_tensor_matches(graph, intermediate);
    }
  }
}

// TFLite's per-channel convention: CONV_2D filters [OC,KH,KW,IC] along axis 0,
// DEPTHWISE_CONV_2D filters [1,KH,KW,OC] along axis 3, one scale per output channel.
TEST(ReaderSharedModels, ConvolutionFiltersArePerChannel) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  int filters = 0;
  for (const ManifestModel& expected : testing::load_manifest()) {
    SCOPED_TRACE(expected.name);
    const ir::Model model = load_or_fail(expected.model_file);
    ASSERT_FALSE(model.graphs.empty());
    const ir::Graph& graph = model.main_graph();
    for (const ir::Operator& op : graph.operators) {
      if (op.type != ir::OpType::kConv2d && op.type != ir::OpType::kDepthwiseConv2d) continue;
      ASSERT_EQ(op.inputs.size(), 3u);
      const ir::Tensor& filter = graph.tensor(op.inputs[1]);
      const ir::Tensor& bias = graph.tensor(op.inputs[2]);
      const ir::Tensor& output = graph.tensor(op.outputs[0]);
      SCOPED_TRACE(filter.name);
      const int32_t axis = op.type == ir::OpType::kConv2d ? 0 : 3;
      ASSERT_EQ(filter.shape.size(), 4u);
      EXPECT_TRUE(filter.is_constant());
      EXPECT_EQ(filter.type, ir::DataType::kInt8);
      EXPECT_EQ(filter.quantization.axis, axis);
      EXPECT_EQ(static_cast<int64_t>(filter.quantization.scales.size()),
                filter.shape[static_cast<size_t>(axis)]);
      EXPECT_EQ(filter.quantization.scales.size(), static_cast<size_t>(output.shape.back()));
      EXPECT_EQ(filter.quantization.zero_points,
                std::vector<int64_t>(filter.quantization.scales.size(), 0));
      EXPECT_EQ(bias.type, ir::DataType::kInt32);
      EXPECT_EQ(bias.quantization.scales.size(), filter.quantization.scales.size());
      ++filters;
    }
  }
  // kws 9, vww 27, ic_resnet8 9 and person_detect 28 convolutions.
  EXPECT_EQ(filters, 9 + 27 + 9 + 28);
}

TEST(ReaderSharedModels, ConverterMetadataIsRead) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  const ir::Model kws = load_or_fail("kws_dscnn/model.tflite");
  ASSERT_EQ(kws.metadata.size(), 1u);
  EXPECT_EQ(kws.metadata[0].name, "min_runtime_version");
  ASSERT_GE(kws.metadata[0].data.size(), 5u);
  EXPECT_EQ(std::string(kws.metadata[0].data.begin(), kws.metadata[0].data.begin() + 5), "1.5.0");
  const ir::Model person = load_or_fail("person_detect/model.tflite");
  EXPECT_TRUE(person.metadata.empty());
  EXPECT_EQ(person.main_graph().name, "");
}

void expect_vela_model(const ManifestModel& source, const testing::VelaSummary& summary,
                       const ir::Model& model) {
  ASSERT_EQ(model.graphs.size(), 1u);
  const ir::Graph& graph = model.main_graph();
  ASSERT_EQ(static_cast<int64_t>(graph.operators.size()), summary.ethos_u_ops);
  ASSERT_EQ(summary.cpu_ops, 0);
  const ir::Operator& op = graph.operators[0];
  EXPECT_EQ(op.type, ir::OpType::kEthosU);
  const auto* custom = std::get_if<ir::CustomOptions>(&op.options);
  ASSERT_NE(custom, nullptr);
  EXPECT_EQ(custom->custom_code, "ethos-u");
  EXPECT_FALSE(custom->data.empty());
  ASSERT_EQ(op.inputs.size(), 4 + source.inputs.size());
  const ir::Tensor& command_stream = graph.tensor(op.inputs[0]);
  EXPECT_EQ(command_stream.type, ir::DataType::kUInt8);
  EXPECT_EQ(static_cast<int64_t>(command_stream.data.size()), summary.command_stream_payload_bytes);
  ASSERT_GE(command_stream.data.size(), 4u);
  EXPECT_EQ(std::memcmp(command_stream.data.data(), "COP1", 4), 0);
  EXPECT_EQ(static_cast<int64_t>(graph.tensor(op.inputs[1]).data.size()),
            summary.flash_tensor_bytes);
  for (size_t slot : {2, 3}) {
    const ir::Tensor& scratch = graph.tensor(op.inputs[slot]);
    EXPECT_FALSE(scratch.is_constant());
    EXPECT_TRUE(scratch.is_variable);
  }
  EXPECT_EQ(graph.tensor(op.inputs[2]).shape,
            ir::Shape{static_cast<int32_t>(summary.scratch_bytes)});
  ASSERT_EQ(graph.inputs.size(), source.inputs.size());
  ASSERT_EQ(graph.outputs.size(), source.outputs.size());
  EXPECT_EQ(op.inputs[4], graph.inputs[0]);
  EXPECT_EQ(op.outputs, graph.outputs);
  for (size_t i = 0; i < source.inputs.size(); ++i) {
    ManifestTensor input = source.inputs[i];
    input.tensor_index = graph.inputs[i];
    expect_tensor_matches(graph, input, false);
  }
  for (size_t i = 0; i < source.outputs.size(); ++i) {
    ManifestTensor output = source.outputs[i];
    output.tensor_index = graph.outputs[i];
    expect_tensor_matches(graph, output, false);
  }
  EXPECT_EQ(model.description.rfind("Vela ", 0), 0u) << model.description;
  std::map<std::string, std::vector<uint8_t>> metadata;
  for (const auto& entry : model.metadata) metadata[entry.name] = entry.data;
  ASSERT_EQ(metadata.count("vela_version"), 1u);
  EXPECT_EQ(std::string(metadata["vela_version"].begin(), metadata["vela_version"].end()),
            summary.vela_version);
  EXPECT_EQ(metadata.count("OfflineMemoryAllocation"), 1u);
}

TEST(ReaderSharedModels, VelaFilesHoldOneEthosUOperator) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  int files = 0;
  for (const ManifestModel& source : testing::load_manifest()) {
    for (const testing::VelaSummary& summary : source.vela) {
      SCOPED_TRACE(summary.model_file);
      expect_vela_model(source, summary, load_or_fail(summary.model_file));
      ++files;
    }
  }
  EXPECT_EQ(files, 12);
}

TEST(ReaderSharedModels, UpstreamVelaFileMatchesOurU55_256Compile) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  // MANIFEST.json: upstream Vela 3.11.0's person_detect for ethos-u55-256 has a
  // command stream and flash blob byte-identical to the 3.10.0 compile.
  const ir::Model upstream = load_or_fail("person_detect/vela_upstream_u55-256.tflite");
  const ir::Model ours = load_or_fail("person_detect/vela/ethos-u55-256/person_detect_vela.tflite");
  ASSERT_EQ(upstream.graphs.size(), 1u);
  ASSERT_EQ(ours.graphs.size(), 1u);
  const ir::Operator& a = upstream.main_graph().operators.at(0);
  const ir::Operator& b = ours.main_graph().operators.at(0);
  ASSERT_EQ(a.type, ir::OpType::kEthosU);
  ASSERT_EQ(b.type, ir::OpType::kEthosU);
  for (size_t slot : {0, 1}) {
    EXPECT_EQ(upstream.main_graph().tensor(a.inputs[slot]).data,
              ours.main_graph().tensor(b.inputs[slot]).data);
  }
  EXPECT_EQ(upstream.description, "Vela 3.11.0 Optimised");
}

TEST(ReaderSharedModels, DebugModelsOutputEveryIntermediate) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  int debug_models = 0;
  for (const ManifestModel& expected : testing::load_manifest()) {
    if (expected.debug_model_file.empty()) continue;
    SCOPED_TRACE(expected.debug_model_file);
    const ir::Model normal = load_or_fail(expected.model_file);
    const ir::Model debug = load_or_fail(expected.debug_model_file);
    ASSERT_EQ(debug.graphs.size(), 1u);
    EXPECT_EQ(debug.main_graph().outputs, expected.debug_model_outputs);
    ASSERT_EQ(debug.main_graph().operators.size(), normal.main_graph().operators.size());
    EXPECT_EQ(debug.main_graph().tensors.size(), normal.main_graph().tensors.size());
    ++debug_models;
  }
  EXPECT_EQ(debug_models, 2);
}

TEST(ReaderSharedModels, EveryTfliteFileReadsAndVerifies) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  const std::vector<std::string> files = testing::all_shared_tflite_files();
  EXPECT_GE(files.size(), 21u);
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    auto model = load_tflite(path);
    ASSERT_TRUE(model.has_value()) << model.status().message();
    EXPECT_TRUE(ir::verify_model(*model).is_ok());
  }
}

TEST(ReaderSharedModels, UnalignedInputReadsTheSame) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  const std::vector<uint8_t> bytes =
      testing::read_bytes(testing::shared_models_dir() + "/kws_dscnn/model.tflite");
  std::vector<uint8_t> shifted(bytes.size() + 1);
  std::copy(bytes.begin(), bytes.end(), shifted.begin() + 1);
  auto aligned = read_tflite(bytes.data(), bytes.size(), "aligned");
  auto unaligned = read_tflite(shifted.data() + 1, bytes.size(), "unaligned");
  ASSERT_TRUE(aligned.has_value()) << aligned.status().message();
  ASSERT_TRUE(unaligned.has_value()) << unaligned.status().message();
  EXPECT_EQ(aligned->main_graph().tensor(17).data, unaligned->main_graph().tensor(17).data);
}

TEST(ReaderFiles, MissingFileIsAnIoErrorNamingThePath) {
  auto model = load_tflite("/nonexistent/dir/model.tflite");
  ASSERT_FALSE(model.has_value());
  EXPECT_EQ(model.status().code(), ErrorCode::kIoError);
  EXPECT_NE(model.status().message().find("/nonexistent/dir/model.tflite"), std::string::npos);
}

}  // namespace
}  // namespace vnpu::tflite
