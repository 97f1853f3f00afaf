// `vnpu compile` keeps the element-wise, comparison, selection and reduction
// operators the NPU does not run on the CPU and writes them, with their
// options, into the compiled model; `vnpu run --backend functional` runs that
// model to the golden outputs of ../shared/conformance: one case of each.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "tests/cli/cli_runner.h"
#include "tests/golden/shared_models.h"

namespace vnpu {
namespace {

using testing::CliResult;
using testing::run_vnpu;

std::string numbered(const std::string& dir, const char* stem, size_t k) {
  return dir + "/" + stem + std::to_string(k) + ".npy";
}

TEST(CliCompileElementwise, CompiledModelsRunOnTheFunctionalBackendToTheGoldens) {
  if (!std::filesystem::exists(testing::conformance_dir())) {
    GTEST_SKIP() << "conformance corpus not found at " << testing::conformance_dir();
  }
  const std::vector<std::string> cases = {
      "abs_int16_00", "rsqrt_int8_00", "maximum_int8_00", "minimum_int16_00",
      "prelu_int16_00", "squared_difference_int8_00", "div_int8_00", "add_n_int8_00",
      "equal_int8_00", "not_equal_int8_00", "greater_int8_00", "greater_equal_int8_00",
      "less_int8_00", "less_equal_int8_00", "select_v2_int16_00", "chain_less_select_int8_00",
      "arg_max_int8_00", "arg_min_int8_00", "reduce_max_int8_00", "reduce_min_int8_00",
      "sum_int16_00", "cumsum_int8_03", "elu_int8_00", "l2_normalization_int8_00",
      "log_softmax_int8_00", "quantize_int32_int8_00", "quantize_int16_int32_00"};
  const std::string out = testing::scratch_dir("compile-elementwise");
  for (const std::string& name : cases) {
    const std::string dir = testing::conformance_dir() + "/" + name;
    const std::string compiled = out + "/" + name + ".tflite";
    const CliResult compile = run_vnpu({"compile", dir + "/model.tflite", "-o", compiled});
    ASSERT_EQ(compile.exit_code, 0) << name << ": " << compile.err;
    std::vector<std::string> args = {"run", compiled, "--backend", "functional"};
    for (size_t k = 0; std::filesystem::exists(numbered(dir, "input_", k)); ++k) {
      args.insert(args.end(), {"--input", numbered(dir, "input_", k)});
    }
    args.insert(args.end(), {"--output-dir", out + "/" + name});
    const CliResult run = run_vnpu(args);
    ASSERT_EQ(run.exit_code, 0) << name << ": " << run.err;
    for (size_t k = 0; std::filesystem::exists(numbered(dir, "output_", k)); ++k) {
      const auto expected = read_file(numbered(dir, "output_", k));
      const auto actual = read_file(numbered(out + "/" + name, "output_", k));
      ASSERT_TRUE(expected && actual) << name << " output " << k;
      EXPECT_EQ(*actual, *expected) << name << " output " << k;
    }
  }
}

}  // namespace
}  // namespace vnpu
