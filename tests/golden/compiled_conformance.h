// ../shared/conformance through vnpu's compiler, shared by the functional
// (tests/golden/) and SystemC (tests/sim/systemc/) suites: each case compiled as
// `vnpu compile` compiles it (compiler::compile_model for ethos-u55-128 with
// Ethos_U55_High_End_Embedded's Shared_Sram memory mode), written as .tflite and
// read back, then run as `vnpu run` runs it: the ethos-u operators on an NPU
// backend, the operators the compiler left on the CPU on the CPU kernels, every
// tensor at the model's offline-planned offset. Every output equal to TFLM's
// (golden_run.h's comparison, the one the CPU conformance suite makes).
//
// Each suite runs all its cases in one process, one ctest entry
// (tests/CMakeLists.txt), because one process per case would cost more than the
// cases: the cases exist only with VNPU_COMPILED_CONFORMANCE=1, so test
// discovery lists none of them.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "compiler/compile_model.h"
#include "core/status.h"
#include "driver/cpu/cpu_runtime.h"
#include "perf/system_config.h"
#include "tests/golden/golden_run.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::testing {

inline constexpr const char* kConformanceAccelerator = "ethos-u55-128";
inline constexpr const char* kConformanceMemoryMode = "Shared_Sram";

inline constexpr const char* kCompiledConformanceVariable = "VNPU_COMPILED_CONFORMANCE";

inline bool compiled_conformance_enabled() {
  const char* value = std::getenv(kCompiledConformanceVariable);
  return value != nullptr && std::strcmp(value, "1") == 0;
}

// Every conformance case when enabled, else none.
inline std::vector<ConformanceEntry> compiled_conformance_cases() {
  if (!compiled_conformance_enabled()) return {};
  return conformance_entries();
}

// One element when enabled, none otherwise: the parameter of a suite's
// whole-corpus checks, so that they too exist only in the suite's ctest entry.
inline std::vector<std::string> corpus_checks_when_enabled() {
  if (!compiled_conformance_enabled()) return {};
  return {"corpus"};
}

// A suite's corpus check: skips when the corpus is absent (fails under
// CI=true), else checks every case is there.
inline void expect_compiled_conformance_corpus() {
  if (!std::filesystem::exists(conformance_index_path())) {
    if (running_under_ci()) FAIL() << "CI=true but " << conformance_index_path() << " is missing";
    GTEST_SKIP() << "conformance corpus not found at " << conformance_dir();
  }
  EXPECT_EQ(compiled_conformance_cases().size(), kConformanceCaseCount);
}

struct CompiledConformanceCase {
  ir::Model model;           // the compiled model as `vnpu run` reads it back
  size_t npu_operators = 0;  // source operators the compiler put on the NPU
};

inline Expected<CompiledConformanceCase> compile_conformance_case(const std::string& name) {
  auto source = tflite::load_tflite(conformance_file(name, "model.tflite"));
  if (!source) return source.status();
  compiler::CompilerOptions options;
  options.accelerator_config = kConformanceAccelerator;
  auto mode = perf::builtin_vela_ini().find_memory_mode(kConformanceMemoryMode);
  if (!mode) return mode.status();
  options.memory_mode = *mode;
  auto compiled = compiler::compile_model(std::move(*source), options);
  if (!compiled) return compiled.status();
  auto bytes = tflite::write_tflite(compiled->output);
  if (!bytes) return bytes.status();
  auto model = tflite::read_tflite(bytes->data(), bytes->size(), name + " compiled");
  if (!model) return model.status();
  CompiledConformanceCase result{std::move(*model), 0};
  for (const compiler::CompiledOperator& op : compiled->operators) {
    if (op.segment >= 0) ++result.npu_operators;
  }
  return result;
}

// Runs the compiled case with `npu_prepare` for its ethos-u operators and
// checks every output against the case's goldens (gtest assertions).
inline void expect_compiled_conformance_matches(const ConformanceEntry& c,
                                                const CompiledConformanceCase& compiled,
                                                driver::cpu::NpuPrepare npu_prepare) {
  driver::cpu::CpuOptions options;
  options.npu_prepare = std::move(npu_prepare);
  auto offsets = tflite::read_offline_memory_plan(compiled.model);
  ASSERT_TRUE(offsets) << offsets.status().message();
  options.fixed_offsets = *offsets;
  const ir::Graph& graph = compiled.model.main_graph();
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  set_conformance_inputs(c, graph, **runtime);
  if (::testing::Test::HasFatalFailure()) return;
  const Status run = (*runtime)->invoke();
  ASSERT_TRUE(run) << run.message();
  expect_conformance_outputs(c, graph, **runtime);
}

}  // namespace vnpu::testing
