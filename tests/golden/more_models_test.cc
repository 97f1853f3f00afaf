// The CPU kernels against TensorFlow Lite Micro's goldens for the further real
// models of ../shared/more_models: every model, seeds 1-3, with the fast and the
// reference kernels; every graph input from input_<seed>_<k>.npy, every graph
// output byte-identical with output_<seed>_<k>.npy, and for seed 1 every
// operator output with intermediates/seed1/. Each model runs on a fresh runtime,
// so its variable tensors start from TFLM's reset values, as the goldens did.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

struct MoreModelCase {
  std::string model;
  int seed;
  driver::cpu::KernelChoice kernels;
};

const char* kernels_name(driver::cpu::KernelChoice kernels) {
  return kernels == driver::cpu::KernelChoice::kFast ? "fast" : "reference";
}

void PrintTo(const MoreModelCase& c, std::ostream* os) {
  *os << c.model << " seed " << c.seed << " " << kernels_name(c.kernels) << " kernels";
}

std::string case_name(const ::testing::TestParamInfo<MoreModelCase>& info) {
  return info.param.model + "_seed" + std::to_string(info.param.seed) + "_" +
         kernels_name(info.param.kernels);
}

// Every model of more_models/README.md. Some need operators that arrive with
// other operator families; their cases fail until those are in.
const std::vector<std::string>& more_model_names() {
  static const std::vector<std::string> kNames = {
      "audio_preprocessor_int8", "keyword_scrambled", "micro_speech_lstm",
      "mnist_lstm",              "retinaface",        "transpose_conv"};
  return kNames;
}

std::vector<MoreModelCase> all_cases() {
  std::vector<MoreModelCase> cases;
  for (const std::string& model : more_model_names()) {
    for (int seed = 1; seed <= 3; ++seed) {
      cases.push_back({model, seed, driver::cpu::KernelChoice::kFast});
      cases.push_back({model, seed, driver::cpu::KernelChoice::kReference});
    }
  }
  return cases;
}

std::string more_model_file(const std::string& model, const std::string& file) {
  return testing::more_models_dir() + "/" + model + "/" + file;
}

std::string seed_file(const char* kind, int seed, size_t index) {
  return std::string(kind) + "_" + std::to_string(seed) + "_" + std::to_string(index) + ".npy";
}

class MoreModelsGolden : public ::testing::TestWithParam<MoreModelCase> {
 protected:
  void SetUp() override {
    const bool present = std::filesystem::exists(testing::more_models_dir() + "/MANIFEST.json");
    if (!present && testing::running_under_ci()) {
      ADD_FAILURE() << "CI=true but the more_models goldens are missing at "
                    << testing::more_models_dir();
    }
    if (!present) GTEST_SKIP() << "more_models not found at " << testing::more_models_dir();
  }
};

TEST_P(MoreModelsGolden, OutputsAndIntermediatesAreByteIdentical) {
  const MoreModelCase& c = GetParam();
  auto model = tflite::load_tflite(more_model_file(c.model, "model.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  const ir::Graph& graph = model->main_graph();
  driver::cpu::CpuOptions options;
  options.kernels = c.kernels;
  auto runtime = driver::cpu::CpuRuntime::create(*model, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  for (size_t k = 0; k < graph.inputs.size(); ++k) {
    auto input = driver::load_npy(more_model_file(c.model, seed_file("input", c.seed, k)));
    ASSERT_TRUE(input) << input.status().message();
    auto bytes = driver::input_bytes_from_npy(*input, graph.tensor(graph.inputs[k]),
                                              "input " + std::to_string(k));
    ASSERT_TRUE(bytes) << bytes.status().message();
    ASSERT_TRUE((*runtime)->set_input(k, *bytes));
  }

  const std::string intermediates = more_model_file(c.model, "intermediates/seed1");
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

  for (size_t k = 0; k < graph.outputs.size(); ++k) {
    auto expected = driver::load_npy(more_model_file(c.model, seed_file("output", c.seed, k)));
    ASSERT_TRUE(expected) << expected.status().message();
    EXPECT_EQ((*runtime)->output(k), expected->data) << "output " << k;
  }
}

INSTANTIATE_TEST_SUITE_P(MoreModels, MoreModelsGolden, ::testing::ValuesIn(all_cases()),
                         case_name);

}  // namespace
}  // namespace vnpu
