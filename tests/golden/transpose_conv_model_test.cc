// The real 16x8 TRANSPOSE_CONV of ../shared/more_models/transpose_conv (TFLM's
// seanet integration test; its output_shape operand is a graph input): CPU
// outputs byte-identical with TFLM's for seeds 1-3, fast and reference kernels.
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

std::string model_path(const std::string& file) {
  return testing::more_models_dir() + "/transpose_conv/" + file;
}

TEST(TransposeConvModel, MatchesTflmForSeedsOneToThree) {
  if (!std::filesystem::exists(model_path("model.tflite"))) {
    if (testing::running_under_ci()) FAIL() << "CI=true but the transpose_conv model is missing";
    GTEST_SKIP() << "more_models/transpose_conv not found at " << model_path("");
  }
  auto model = tflite::load_tflite(model_path("model.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  const ir::Graph& graph = model->main_graph();
  ASSERT_EQ(graph.inputs.size(), 2u);
  for (auto kernels : {driver::cpu::KernelChoice::kFast, driver::cpu::KernelChoice::kReference}) {
    driver::cpu::CpuOptions options;
    options.kernels = kernels;
    auto runtime = driver::cpu::CpuRuntime::create(graph, options);
    ASSERT_TRUE(runtime) << runtime.status().message();
    for (int seed = 1; seed <= 3; ++seed) {
      SCOPED_TRACE("seed " + std::to_string(seed));
      const std::string prefix = "_" + std::to_string(seed) + "_";
      for (size_t k = 0; k < graph.inputs.size(); ++k) {
        auto input = driver::load_npy(model_path("input" + prefix + std::to_string(k) + ".npy"));
        ASSERT_TRUE(input) << input.status().message();
        auto bytes = driver::input_bytes_from_npy(*input, graph.tensor(graph.inputs[k]),
                                                  "input " + std::to_string(k));
        ASSERT_TRUE(bytes) << bytes.status().message();
        ASSERT_TRUE((*runtime)->set_input(k, *bytes));
      }
      Status run = (*runtime)->invoke();
      ASSERT_TRUE(run) << run.message();
      auto expected = driver::load_npy(model_path("output" + prefix + "0.npy"));
      ASSERT_TRUE(expected) << expected.status().message();
      EXPECT_EQ((*runtime)->output(0), expected->data);
    }
  }
}

}  // namespace
}  // namespace vnpu
