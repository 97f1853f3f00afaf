// Vela's compiled models through the driver, as `vnpu run --backend functional`
// runs them: the ethos-u operator on the functional NPU, base pointers mapped
// from its tensors, feature maps at the arena offsets Vela planned. Every
// *_vela.tflite (U55-128 and U55-256) and the upstream person_detect compile,
// seeds 1-3, outputs byte-identical to TensorFlow Lite Micro's.
#include <gtest/gtest.h>

#include <string>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/functional_backend.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "tests/golden/shared_models.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

struct VelaCase {
  std::string model;
  std::string file;    // relative to the model folder
  std::string config;  // accelerator configuration it was compiled for
  int seed;
};

void PrintTo(const VelaCase& c, std::ostream* os) {
  *os << c.model << "/" << c.file << " seed " << c.seed;
}

std::vector<VelaCase> all_cases() {
  std::vector<VelaCase> cases;
  for (const std::string& model : testing::shared_model_names()) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      for (int seed = 1; seed <= 3; ++seed) {
        cases.push_back({model, std::string("vela/") + config + "/" + model + "_vela.tflite",
                         config, seed});
      }
    }
  }
  for (int seed = 1; seed <= 3; ++seed) {
    cases.push_back({"person_detect", "vela_upstream_u55-256.tflite", "ethos-u55-256", seed});
  }
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<VelaCase>& info) {
  const VelaCase& c = info.param;
  std::string name = c.model + "_" + (c.file.rfind("vela/", 0) == 0 ? "" : "upstream_") +
                     c.config.substr(c.config.rfind('-') + 1) + "_seed" + std::to_string(c.seed);
  return name;
}

class NpuGolden : public ::testing::TestWithParam<VelaCase> {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) {
      GTEST_SKIP() << "shared golden models not found at " << testing::shared_models_dir();
    }
  }
};

TEST_P(NpuGolden, FunctionalBackendOutputIsByteIdentical) {
  const VelaCase& c = GetParam();
  auto model = tflite::load_tflite(testing::model_file(c.model, c.file));
  ASSERT_TRUE(model) << model.status().message();
  auto config = isa::find_accelerator_config(c.config);
  ASSERT_TRUE(config);
  driver::cpu::CpuOptions options;
  options.npu_prepare = driver::npu::functional_npu_prepare(*config);
  auto offsets = tflite::read_offline_memory_plan(*model);
  ASSERT_TRUE(offsets) << offsets.status().message();
  ASSERT_FALSE(offsets->empty()) << "Vela models carry an offline memory plan";
  options.fixed_offsets = *offsets;
  const ir::Graph& graph = model->main_graph();
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  const std::string suffix = std::to_string(c.seed) + "_0.npy";
  auto input = driver::load_npy(testing::model_file(c.model, "input_" + suffix));
  ASSERT_TRUE(input) << input.status().message();
  ASSERT_TRUE((*runtime)->set_input(0, input->data));
  Status run = (*runtime)->invoke();
  ASSERT_TRUE(run) << run.message();
  auto expected = driver::load_npy(testing::model_file(c.model, "output_" + suffix));
  ASSERT_TRUE(expected) << expected.status().message();
  EXPECT_EQ((*runtime)->output(0), expected->data);
}

TEST(NpuGoldenConfig, APayloadForAnotherConfigurationIsRefused) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  auto model = tflite::load_tflite(
      testing::model_file("kws_dscnn", "vela/ethos-u55-128/kws_dscnn_vela.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  driver::cpu::CpuOptions options;
  options.npu_prepare = driver::npu::functional_npu_prepare(
      *isa::find_accelerator_config("ethos-u55-256"));
  auto runtime = driver::cpu::CpuRuntime::create(model->main_graph(), options);
  ASSERT_FALSE(runtime);
  EXPECT_NE(runtime.status().message().find("ethos-u55-128"), std::string::npos)
      << runtime.status().message();
  // Without an NPU backend the operator is refused with a hint.
  auto cpu_only = driver::cpu::CpuRuntime::create(model->main_graph());
  ASSERT_FALSE(cpu_only);
  EXPECT_NE(cpu_only.status().message().find("--backend functional"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(VelaModels, NpuGolden, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace vnpu

namespace vnpu {
namespace {

// A model with an NPU part and a CPU part: Vela's kws_dscnn operator followed by
// a CPU RELU on its output. The runtime must run the ethos-u operator on the
// functional NPU, then the RELU on the CPU kernels, with the new tensor planned
// around Vela's fixed arena offsets.
TEST(NpuGoldenMixed, CpuOperatorAfterTheNpuOperatorSeesItsOutput) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  auto model = tflite::load_tflite(
      testing::model_file("kws_dscnn", "vela/ethos-u55-256/kws_dscnn_vela.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  auto offsets = tflite::read_offline_memory_plan(*model);  // of the graph as Vela wrote it
  ASSERT_TRUE(offsets) << offsets.status().message();
  ir::Graph& graph = model->main_graph();
  const int32_t npu_output = graph.outputs[0];
  ir::Tensor relu_output = graph.tensor(npu_output);
  relu_output.name = "relu_after_npu";
  graph.tensors.push_back(relu_output);
  const auto relu_index = static_cast<int32_t>(graph.tensors.size() - 1);
  graph.operators.push_back({ir::OpType::kRelu, {npu_output}, {relu_index}, std::monostate{}});
  graph.outputs = {relu_index};

  driver::cpu::CpuOptions options;
  options.npu_prepare =
      driver::npu::functional_npu_prepare(*isa::find_accelerator_config("ethos-u55-256"));
  options.fixed_offsets = *offsets;
  options.fixed_offsets.push_back(-1);  // the new tensor is planned by us
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  EXPECT_STREQ((*runtime)->op_backend(0), "npu:functional");
  EXPECT_STREQ((*runtime)->op_backend(1), "cpu");
  auto input = driver::load_npy(testing::model_file("kws_dscnn", "input_2_0.npy"));
  ASSERT_TRUE(input) << input.status().message();
  ASSERT_TRUE((*runtime)->set_input(0, input->data));
  Status run = (*runtime)->invoke();
  ASSERT_TRUE(run) << run.message();

  auto golden = driver::load_npy(testing::model_file("kws_dscnn", "output_2_0.npy"));
  ASSERT_TRUE(golden) << golden.status().message();
  // RELU with identical input and output quantization clamps below at the zero point.
  const int32_t zero_point = graph.tensor(npu_output).quantization.zero_point();
  std::vector<uint8_t> expected = golden->data;
  for (uint8_t& byte : expected) {
    const auto value = static_cast<int8_t>(byte);
    byte = static_cast<uint8_t>(static_cast<int8_t>(value < zero_point ? zero_point : value));
  }
  EXPECT_EQ((*runtime)->output(0), expected);
}

}  // namespace
}  // namespace vnpu
