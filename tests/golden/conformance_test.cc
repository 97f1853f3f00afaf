// The CPU kernels against TensorFlow Lite Micro's reference kernels, one
// operator (or a short chain) at a time: every case of ../shared/conformance
// (listed by name from its INDEX.json), with the fast and the reference
// kernels, every output byte-identical in dtype, shape and bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "tests/golden/golden_run.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

struct ConformanceCase {
  testing::ConformanceEntry entry;
  driver::cpu::KernelChoice kernels = driver::cpu::KernelChoice::kFast;
};

using testing::kernels_name;

void PrintTo(const ConformanceCase& c, std::ostream* os) {
  *os << c.entry.name << " (" << kernels_name(c.kernels) << " kernels)";
}

// The cases of INDEX.json, once per kernel choice; empty when the corpus is absent.
std::vector<ConformanceCase> all_cases() {
  std::vector<ConformanceCase> cases;
  for (const testing::ConformanceEntry& entry : testing::conformance_entries()) {
    for (auto kernels : {driver::cpu::KernelChoice::kFast, driver::cpu::KernelChoice::kReference}) {
      cases.push_back({entry, kernels});
    }
  }
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<ConformanceCase>& info) {
  return info.param.entry.name + "_" + kernels_name(info.param.kernels);
}

TEST(ConformanceCorpus, EveryCaseIsListed) {
  if (!std::filesystem::exists(testing::conformance_index_path())) {
    if (testing::running_under_ci()) {
      FAIL() << "CI=true but " << testing::conformance_index_path() << " is missing";
    }
    GTEST_SKIP() << "conformance corpus not found at " << testing::conformance_dir();
  }
  EXPECT_EQ(all_cases().size(), 2 * testing::kConformanceCaseCount);
}

class CpuConformance : public ::testing::TestWithParam<ConformanceCase> {};

TEST_P(CpuConformance, OutputsAreByteIdentical) {
  const ConformanceCase& c = GetParam();
  auto model = tflite::load_tflite(testing::conformance_file(c.entry.name, "model.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  const ir::Graph& graph = model->main_graph();
  driver::cpu::CpuOptions options;
  options.kernels = c.kernels;
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  testing::set_conformance_inputs(c.entry, graph, **runtime);
  if (HasFatalFailure()) return;
  Status run = (*runtime)->invoke();
  ASSERT_TRUE(run) << run.message();
  testing::expect_conformance_outputs(c.entry, graph, **runtime);
}

INSTANTIATE_TEST_SUITE_P(Conformance, CpuConformance, ::testing::ValuesIn(all_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CpuConformance);

}  // namespace
}  // namespace vnpu
