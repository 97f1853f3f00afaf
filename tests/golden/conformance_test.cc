// The CPU kernels against TensorFlow Lite Micro's reference kernels, one
// operator (or a short chain) at a time: every case of ../shared/conformance
// (listed by name from its INDEX.json), with the fast and the reference
// kernels, every output byte-identical in dtype, shape and bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/json.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "tests/golden/golden_run.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

constexpr size_t kConformanceCaseCount = 1284;

struct ConformanceCase {
  std::string name;
  size_t inputs = 0;
  size_t outputs = 0;
  driver::cpu::KernelChoice kernels = driver::cpu::KernelChoice::kFast;
};

using testing::kernels_name;

void PrintTo(const ConformanceCase& c, std::ostream* os) {
  *os << c.name << " (" << kernels_name(c.kernels) << " kernels)";
}

std::string index_path() { return testing::conformance_dir() + "/INDEX.json"; }

// The cases of INDEX.json, once per kernel choice; empty when the corpus is absent.
std::vector<ConformanceCase> all_cases() {
  std::vector<ConformanceCase> cases;
  std::ifstream file(index_path());
  if (!file) return cases;
  const Json index = Json::parse(file, nullptr, /*allow_exceptions=*/false);
  if (!index.is_object() || !index.contains("cases")) return cases;
  for (const Json& entry : index["cases"]) {
    ConformanceCase c;
    c.name = entry.value("dir", "");
    c.inputs = entry.contains("inputs") ? entry["inputs"].size() : 0;
    c.outputs = entry.contains("outputs") ? entry["outputs"].size() : 0;
    for (auto kernels : {driver::cpu::KernelChoice::kFast, driver::cpu::KernelChoice::kReference}) {
      c.kernels = kernels;
      cases.push_back(c);
    }
  }
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<ConformanceCase>& info) {
  return info.param.name + "_" + kernels_name(info.param.kernels);
}

std::string case_file(const ConformanceCase& c, const std::string& file) {
  return testing::conformance_dir() + "/" + c.name + "/" + file;
}

TEST(ConformanceCorpus, EveryCaseIsListed) {
  if (!std::filesystem::exists(index_path())) {
    if (testing::running_under_ci()) FAIL() << "CI=true but " << index_path() << " is missing";
    GTEST_SKIP() << "conformance corpus not found at " << testing::conformance_dir();
  }
  EXPECT_EQ(all_cases().size(), 2 * kConformanceCaseCount);
}

class CpuConformance : public ::testing::TestWithParam<ConformanceCase> {};

TEST_P(CpuConformance, OutputsAreByteIdentical) {
  const ConformanceCase& c = GetParam();
  auto model = tflite::load_tflite(case_file(c, "model.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  const ir::Graph& graph = model->main_graph();
  ASSERT_EQ(graph.inputs.size(), c.inputs);
  ASSERT_EQ(graph.outputs.size(), c.outputs);
  driver::cpu::CpuOptions options;
  options.kernels = c.kernels;
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  for (size_t k = 0; k < c.inputs; ++k) {
    const std::string label = "input " + std::to_string(k);
    auto input = driver::load_npy(case_file(c, "input_" + std::to_string(k) + ".npy"));
    ASSERT_TRUE(input) << input.status().message();
    auto bytes = driver::input_bytes_from_npy(*input, graph.tensor(graph.inputs[k]), label);
    ASSERT_TRUE(bytes) << bytes.status().message();
    ASSERT_TRUE((*runtime)->set_input(k, *bytes));
  }
  Status run = (*runtime)->invoke();
  ASSERT_TRUE(run) << run.message();
  for (size_t k = 0; k < c.outputs; ++k) {
    auto expected = driver::load_npy(case_file(c, "output_" + std::to_string(k) + ".npy"));
    ASSERT_TRUE(expected) << expected.status().message();
    const ir::Tensor& tensor = graph.tensor(graph.outputs[k]);
    EXPECT_EQ(ir::data_type_name(tensor.type), std::string(ir::data_type_name(expected->type)))
        << "output " << k << " dtype";
    EXPECT_EQ(tensor.shape, expected->shape) << "output " << k << " shape";
    EXPECT_EQ((*runtime)->output(k), expected->data) << "output " << k << " bytes";
  }
}

INSTANTIATE_TEST_SUITE_P(Conformance, CpuConformance, ::testing::ValuesIn(all_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CpuConformance);

}  // namespace
}  // namespace vnpu
