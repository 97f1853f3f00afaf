// Golden test: every Vela-compiled shared model, run on the functional NPU
// with the inputs of seeds 1-3, must give TFLite Micro's outputs byte for byte.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "isa/accelerator_config.h"
#include "tests/golden/shared_models.h"
#include "tests/sim/functional/vela_model_runner.h"

namespace vnpu::testing {
namespace {

struct GoldenCase {
  std::string model;
  std::string config;  // accelerator preset
  std::string file;    // path relative to the model folder
};

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  for (const std::string& model : shared_model_names()) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      cases.push_back({model, config, std::string("vela/") + config + "/" + model + "_vela.tflite"});
    }
  }
  cases.push_back({"person_detect", "ethos-u55-256", "vela_upstream_u55-256.tflite"});
  return cases;
}

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.model << "/" << c.file; }

class VelaGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(VelaGoldenTest, OutputsMatchTfliteForSeeds1To3) {
  if (!shared_models_present()) GTEST_SKIP() << "shared models not found at " << shared_models_dir();
  const GoldenCase& c = GetParam();
  const std::string path = model_file(c.model, c.file);
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  Expected<VelaModel> model = load_vela_model(path);
  ASSERT_TRUE(model.has_value()) << model.status().message();
  Expected<isa::AcceleratorConfig> config = isa::find_accelerator_config(c.config);
  ASSERT_TRUE(config.has_value());
  ASSERT_EQ(model->inputs.size(), 1u);
  ASSERT_EQ(model->outputs.size(), 1u);
  for (int seed = 1; seed <= 3; ++seed) {
    const std::string suffix = std::to_string(seed) + "_0.npy";
    Expected<std::vector<uint8_t>> input = read_npy_data(model_file(c.model, "input_" + suffix));
    Expected<std::vector<uint8_t>> expected = read_npy_data(model_file(c.model, "output_" + suffix));
    ASSERT_TRUE(input.has_value()) << input.status().message();
    ASSERT_TRUE(expected.has_value()) << expected.status().message();
    Expected<VelaRun> run = run_vela_model(*model, *config, {*input});
    ASSERT_TRUE(run.has_value()) << run.status().message();
    ASSERT_TRUE(run->npu.ok()) << "seed " << seed << ": " << run->npu.message;
    EXPECT_EQ(run->outputs[0], *expected) << c.model << " " << c.file << " seed " << seed;
  }
}

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name = info.param.model + "_" + info.param.file;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(SharedModels, VelaGoldenTest, ::testing::ValuesIn(golden_cases()),
                         case_name);

}  // namespace
}  // namespace vnpu::testing
