// Every case of ../shared/conformance compiled by vnpu's compiler and run on
// the functional NPU backend (tests/golden/compiled_conformance.h): the
// operators the compiler lowers run on the NPU, the rest on the CPU fallback of
// the compiled model, and every output is byte-identical to TensorFlow Lite
// Micro's reference output. Cases are named by the conformance case; ctest
// runs them all as npu_conformance_functional.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "compiler/support/npu_type_table.h"
#include "driver/npu/functional_backend.h"
#include "isa/accelerator_config.h"
#include "tests/golden/compiled_conformance.h"
#include "tests/golden/golden_run.h"
#include "tests/golden/vela_rules.h"

namespace vnpu {
namespace {

using testing::ConformanceEntry;

// Cases that put at least one operator on the NPU, measured when this suite
// was written; lowerings only add to it.
constexpr size_t kCasesWithAnNpuOperatorAtLeast = 883;

std::string case_name(const ::testing::TestParamInfo<ConformanceEntry>& info) {
  return info.param.name;
}

driver::cpu::NpuPrepare functional_prepare() {
  return driver::npu::functional_npu_prepare(
      *isa::find_accelerator_config(testing::kConformanceAccelerator));
}

class NpuConformanceCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(NpuConformanceCorpus, EveryCaseIsListed) { testing::expect_compiled_conformance_corpus(); }

// The NPU's share of the corpus cannot shrink unnoticed (a support rule that
// starts refusing a case still passes the byte comparison, on the CPU).
TEST_P(NpuConformanceCorpus, CasesWithAnNpuOperatorDoNotDecrease) {
  size_t on_npu = 0;
  for (const ConformanceEntry& entry : testing::compiled_conformance_cases()) {
    auto compiled = testing::compile_conformance_case(entry.name);
    ASSERT_TRUE(compiled) << entry.name << ": " << compiled.status().message();
    on_npu += compiled->npu_operators > 0 ? 1 : 0;
  }
  std::printf("%zu of %zu conformance cases put an operator on the NPU\n", on_npu,
              testing::compiled_conformance_cases().size());
  EXPECT_GE(on_npu, kCasesWithAnNpuOperatorAtLeast);
}

// Issue acceptance "every conformance case that Vela's rules put on the NPU
// lands on ours": each operator the compiled model keeps on the CPU is one
// Vela 3.10's rules (tests/golden/vela_rules.h) keep on the CPU too.
TEST_P(NpuConformanceCorpus, WhatVelaPutsOnTheNpuLandsOnOurs) {
  std::map<std::string, size_t> vela_reasons;
  for (const ConformanceEntry& entry : testing::compiled_conformance_cases()) {
    auto compiled = testing::compile_conformance_case(entry.name);
    ASSERT_TRUE(compiled) << entry.name << ": " << compiled.status().message();
    const std::string source_path = testing::conformance_file(entry.name, "model.tflite");
    auto source = tflite::load_tflite(source_path);
    ASSERT_TRUE(source) << entry.name;
    const std::vector<size_t> intermediates = testing::operator_intermediates(source_path);
    const ir::Graph& graph = compiled->model.main_graph();
    for (const ir::Operator& op : graph.operators) {
      if (op.type == ir::OpType::kEthosU) continue;
      // The source operator writing the same output: its intermediate count.
      size_t count = 0;
      const ir::Graph& original = source->main_graph();
      for (size_t i = 0; i < original.operators.size() && i < intermediates.size(); ++i) {
        const int32_t out =
            original.operators[i].outputs.empty() ? -1 : original.operators[i].outputs[0];
        if (out >= 0 && !op.outputs.empty() &&
            original.tensor(out).name == graph.tensor(op.outputs[0]).name) {
          count = intermediates[i];
        }
      }
      const std::string reason = testing::vela_cpu_reason(graph, op, count);
      EXPECT_NE(reason, "") << entry.name << ": " << ir::op_type_name(op.type)
                            << " stays on the CPU, where Vela 3.10's rules place it on the NPU";
      ++vela_reasons[std::string(ir::op_type_name(op.type)) + ": " + reason];
    }
  }
  for (const auto& [reason, count] : vela_reasons) std::printf("%4zu %s\n", count, reason.c_str());
}

// docs/SUPPORTED_OPS.md's NPU types (compiler/support/npu_type_table.h) are
// what the compiler does, both ways: no single-operator case lands on the NPU
// with an operator or input type the table leaves out, and every (operator,
// input type) the table lists that the corpus has puts at least one case there.
TEST_P(NpuConformanceCorpus, NpuTypeTableMatchesTheCorpus) {
  std::ifstream file(testing::conformance_index_path());
  ASSERT_TRUE(file) << testing::conformance_index_path();
  const Json index = Json::parse(file, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(index.is_object() && index.contains("cases"));
  std::map<std::string, std::set<std::string>> listed;
  for (const compiler::NpuOperatorTypes& row : compiler::npu_type_table()) {
    for (ir::DataType type : row.inputs) {
      listed[ir::op_type_name(row.type)].insert(ir::data_type_name(type));
    }
  }
  std::map<std::pair<std::string, std::string>, size_t> cases_on_npu;  // (op, input type)
  for (const Json& entry : index["cases"]) {
    if (!entry.contains("ops") || entry["ops"].size() != 1 || !entry.contains("inputs") ||
        entry["inputs"].empty()) {
      continue;
    }
    const std::string op = entry.value("op", "");
    const std::string type = entry["inputs"][0].value("dtype", "");
    const std::string name = entry.value("dir", "");
    auto compiled = testing::compile_conformance_case(name);
    ASSERT_TRUE(compiled) << name << ": " << compiled.status().message();
    size_t& on_npu = cases_on_npu[{op, type}];
    if (compiled->npu_operators == 0) continue;
    ++on_npu;
    EXPECT_TRUE(listed.count(op) == 1 && listed[op].count(type) == 1)
        << name << ": " << op << " with a " << type
        << " input runs on the NPU but npu_type_table does not list it";
  }
  for (const auto& [op, types] : listed) {
    for (const std::string& type : types) {
      const auto found = cases_on_npu.find({op, type});
      if (found == cases_on_npu.end()) continue;  // the corpus has no such case
      EXPECT_GT(found->second, 0u)
          << op << " lists " << type << " but none of the corpus's cases of it runs on the NPU";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Conformance, NpuConformanceCorpus,
                         ::testing::ValuesIn(testing::corpus_checks_when_enabled()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(NpuConformanceCorpus);

class NpuConformance : public ::testing::TestWithParam<ConformanceEntry> {};

TEST_P(NpuConformance, FunctionalBackendOutputsAreByteIdentical) {
  const ConformanceEntry& c = GetParam();
  auto compiled = testing::compile_conformance_case(c.name);
  ASSERT_TRUE(compiled) << compiled.status().message();
  testing::expect_compiled_conformance_matches(c, *compiled, functional_prepare());
}

INSTANTIATE_TEST_SUITE_P(Conformance, NpuConformance,
                         ::testing::ValuesIn(testing::compiled_conformance_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(NpuConformance);

}  // namespace
}  // namespace vnpu
