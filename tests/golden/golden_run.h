// The golden runs shared by the suites of ../shared/models, ../shared/more_models
// and ../shared/conformance.
//
// A model run: a model, a seed 1-3, the fast or the reference kernels; every
// graph input from input_<seed>_<k>.npy, every graph output byte-identical with
// output_<seed>_<k>.npy, and for seed 1 every operator's outputs with
// intermediates/seed1/. Each run gets a fresh runtime, so variable tensors start
// from TFLM's reset values, as the goldens did.
//
// A conformance case: the cases of INDEX.json by name; every graph input from
// input_<k>.npy, every graph output equal in dtype, shape and bytes to
// output_<k>.npy.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "core/json.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu::testing {

struct GoldenCase {
  std::string model;
  int seed = 1;
  driver::cpu::KernelChoice kernels = driver::cpu::KernelChoice::kFast;
};

inline const char* kernels_name(driver::cpu::KernelChoice kernels) {
  return kernels == driver::cpu::KernelChoice::kFast ? "fast" : "reference";
}

inline void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.model << " seed " << c.seed << " " << kernels_name(c.kernels) << " kernels";
}

inline std::string golden_case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  return info.param.model + "_seed" + std::to_string(info.param.seed) + "_" +
         kernels_name(info.param.kernels);
}

// Seeds 1-3 × both kernel choices for each model.
inline std::vector<GoldenCase> golden_cases(const std::vector<std::string>& models) {
  std::vector<GoldenCase> cases;
  for (const std::string& model : models) {
    for (int seed = 1; seed <= 3; ++seed) {
      cases.push_back({model, seed, driver::cpu::KernelChoice::kFast});
      cases.push_back({model, seed, driver::cpu::KernelChoice::kReference});
    }
  }
  return cases;
}

inline std::string seed_file(const char* kind, int seed, size_t k) {
  return std::string(kind) + "_" + std::to_string(seed) + "_" + std::to_string(k) + ".npy";
}

// Copies input_<seed>_<k>.npy of `model_dir` (ending in '/') into every graph input k of `runtime`.
inline void set_seed_inputs(const std::string& model_dir, int seed,
                            driver::cpu::CpuRuntime& runtime) {
  const ir::Graph& graph = runtime.graph();
  for (size_t k = 0; k < graph.inputs.size(); ++k) {
    auto input = driver::load_npy(model_dir + seed_file("input", seed, k));
    ASSERT_TRUE(input) << input.status().message();
    auto bytes = driver::input_bytes_from_npy(*input, graph.tensor(graph.inputs[k]),
                                              "input " + std::to_string(k));
    ASSERT_TRUE(bytes) << bytes.status().message();
    ASSERT_TRUE(runtime.set_input(k, *bytes));
  }
}

// Every graph output of `runtime` after invoke() against output_<seed>_<k>.npy of `model_dir`.
inline void expect_seed_outputs(const std::string& model_dir, int seed,
                                const driver::cpu::CpuRuntime& runtime) {
  for (size_t k = 0; k < runtime.graph().outputs.size(); ++k) {
    auto expected = driver::load_npy(model_dir + seed_file("output", seed, k));
    ASSERT_TRUE(expected) << expected.status().message();
    EXPECT_EQ(runtime.output(k), expected->data) << "output " << k << " seed " << seed;
  }
}

// Runs c.model from `models_dir` and checks it against its goldens (see the top of this file).
inline void expect_cpu_run_matches_goldens(const std::string& models_dir, const GoldenCase& c) {
  const std::string dir = models_dir + "/" + c.model + "/";
  auto model = tflite::load_tflite(dir + "model.tflite");
  ASSERT_TRUE(model) << model.status().message();
  const ir::Graph& graph = model->main_graph();
  driver::cpu::CpuOptions options;
  options.kernels = c.kernels;
  auto runtime = driver::cpu::CpuRuntime::create(*model, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  set_seed_inputs(dir, c.seed, **runtime);
  if (::testing::Test::HasFatalFailure()) return;

  const std::string intermediates = dir + "intermediates/seed1";
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
      EXPECT_EQ(ours, golden->data)
          << "operator " << op_index << " (" << ir::op_type_name(graph.operators[op_index].type)
          << ") output t" << index << " differs from " << path;
      ++compared;
    }
  });
  ASSERT_TRUE(run) << run.message();
  if (c.seed == 1) {
    // Every output of every operator (SignalFftAutoScale and
    // SignalFilterBankSpectralSubtraction have two).
    size_t operator_outputs = 0;
    for (const ir::Operator& op : graph.operators) operator_outputs += op.outputs.size();
    EXPECT_EQ(compared, static_cast<int>(operator_outputs));
  }

  expect_seed_outputs(dir, c.seed, **runtime);
}

// ---- The single-operator conformance corpus ----------------------------------

inline constexpr size_t kConformanceCaseCount = 1284;

struct ConformanceEntry {
  std::string name;  // the case's folder, e.g. "abs_int16_00"
  size_t inputs = 0;
  size_t outputs = 0;
};

inline void PrintTo(const ConformanceEntry& c, std::ostream* os) { *os << c.name; }

inline std::string conformance_index_path() { return conformance_dir() + "/INDEX.json"; }

inline std::string conformance_file(const std::string& name, const std::string& file) {
  return conformance_dir() + "/" + name + "/" + file;
}

// The cases of INDEX.json in its order; empty when the corpus is absent.
inline std::vector<ConformanceEntry> conformance_entries() {
  std::vector<ConformanceEntry> entries;
  std::ifstream file(conformance_index_path());
  if (!file) return entries;
  const Json index = Json::parse(file, nullptr, /*allow_exceptions=*/false);
  if (!index.is_object() || !index.contains("cases")) return entries;
  for (const Json& entry : index["cases"]) {
    ConformanceEntry c;
    c.name = entry.value("dir", "");
    c.inputs = entry.contains("inputs") ? entry["inputs"].size() : 0;
    c.outputs = entry.contains("outputs") ? entry["outputs"].size() : 0;
    entries.push_back(c);
  }
  return entries;
}

// Checks that `graph` has the case's input and output counts, then copies each
// input_<k>.npy into graph input k of `runtime`.
inline void set_conformance_inputs(const ConformanceEntry& c, const ir::Graph& graph,
                                   driver::cpu::CpuRuntime& runtime) {
  ASSERT_EQ(graph.inputs.size(), c.inputs);
  ASSERT_EQ(graph.outputs.size(), c.outputs);
  for (size_t k = 0; k < c.inputs; ++k) {
    const std::string label = "input " + std::to_string(k);
    auto input = driver::load_npy(conformance_file(c.name, "input_" + std::to_string(k) + ".npy"));
    ASSERT_TRUE(input) << input.status().message();
    auto bytes = driver::input_bytes_from_npy(*input, graph.tensor(graph.inputs[k]), label);
    ASSERT_TRUE(bytes) << bytes.status().message();
    ASSERT_TRUE(runtime.set_input(k, *bytes));
  }
}

// Every output of `graph` after runtime.invoke() against output_<k>.npy: dtype, shape and bytes.
inline void expect_conformance_outputs(const ConformanceEntry& c, const ir::Graph& graph,
                                       const driver::cpu::CpuRuntime& runtime) {
  for (size_t k = 0; k < c.outputs; ++k) {
    auto expected =
        driver::load_npy(conformance_file(c.name, "output_" + std::to_string(k) + ".npy"));
    ASSERT_TRUE(expected) << expected.status().message();
    const ir::Tensor& tensor = graph.tensor(graph.outputs[k]);
    EXPECT_EQ(ir::data_type_name(tensor.type), std::string(ir::data_type_name(expected->type)))
        << "output " << k << " dtype";
    EXPECT_EQ(tensor.shape, expected->shape) << "output " << k << " shape";
    EXPECT_EQ(runtime.output(k), expected->data) << "output " << k << " bytes";
  }
}

}  // namespace vnpu::testing
