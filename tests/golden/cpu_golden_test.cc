// The CPU kernels against TensorFlow Lite Micro's goldens: every shared model,
// seeds 1-3, with the fast and the reference kernels, outputs byte-identical;
// for seed 1 every intermediate too.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

using testing::model_file;

struct GoldenCase {
  std::string model;
  int seed;
  driver::cpu::KernelChoice kernels;
};

const char* kernels_name(driver::cpu::KernelChoice kernels) {
  return kernels == driver::cpu::KernelChoice::kFast ? "fast" : "reference";
}

void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.model << " seed " << c.seed << " " << kernels_name(c.kernels) << " kernels";
}

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  return info.param.model + "_seed" + std::to_string(info.param.seed) + "_" +
         kernels_name(info.param.kernels);
}

std::vector<GoldenCase> all_cases() {
  std::vector<GoldenCase> cases;
  for (const std::string& model : testing::shared_model_names()) {
    for (int seed = 1; seed <= 3; ++seed) {
      cases.push_back({model, seed, driver::cpu::KernelChoice::kFast});
      cases.push_back({model, seed, driver::cpu::KernelChoice::kReference});
    }
  }
  return cases;
}

class CpuGolden : public ::testing::TestWithParam<GoldenCase> {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) {
      GTEST_SKIP() << "shared golden models not found at " << testing::shared_models_dir();
    }
  }
};

TEST_P(CpuGolden, OutputsAndIntermediatesAreByteIdentical) {
  const GoldenCase& c = GetParam();
  auto model = tflite::load_tflite(model_file(c.model, "model.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  const ir::Graph& graph = model->main_graph();
  driver::cpu::CpuOptions options;
  options.kernels = c.kernels;
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  const std::string suffix = std::to_string(c.seed) + "_0.npy";
  auto input = driver::load_npy(model_file(c.model, "input_" + suffix));
  ASSERT_TRUE(input) << input.status().message();
  auto bytes = driver::input_bytes_from_npy(*input, graph.tensor(graph.inputs[0]), "input 0");
  ASSERT_TRUE(bytes) << bytes.status().message();
  ASSERT_TRUE((*runtime)->set_input(0, *bytes));

  const std::string intermediates = model_file(c.model, "intermediates/seed1");
  int compared = 0;
  Status run = (*runtime)->invoke([&](size_t op_index) {
    if (c.seed != 1) return;
    for (int32_t index : graph.operators[op_index].outputs) {
      const std::string path =
          intermediates + "/" + driver::intermediate_file_name(index, graph.tensor(index).name);
      auto golden = driver::load_npy(path);
      ASSERT_TRUE(golden) << golden.status().message();
      const uint8_t* data = (*runtime)->tensor_data(index);
      const std::vector<uint8_t> ours(data, data + graph.tensor(index).size_bytes());
      EXPECT_EQ(ours, golden->data) << "operator " << op_index << " ("
                                    << ir::op_type_name(graph.operators[op_index].type)
                                    << ") output t" << index << " differs from " << path;
      ++compared;
    }
  });
  ASSERT_TRUE(run) << run.message();
  if (c.seed == 1) {
    EXPECT_EQ(compared, static_cast<int>(graph.operators.size()));
  }

  auto expected = driver::load_npy(model_file(c.model, "output_" + suffix));
  ASSERT_TRUE(expected) << expected.status().message();
  EXPECT_EQ((*runtime)->output(0), expected->data);
}

INSTANTIATE_TEST_SUITE_P(SharedModels, CpuGolden, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace vnpu
