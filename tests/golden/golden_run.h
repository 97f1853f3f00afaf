// One golden run on the CPU, shared by the suites of ../shared/models and
// ../shared/more_models: a model, a seed 1-3, the fast or the reference
// kernels; every graph input from input_<seed>_<k>.npy, every graph output
// byte-identical with output_<seed>_<k>.npy, and for seed 1 every operator's
// outputs with intermediates/seed1/. Each run gets a fresh runtime, so
// variable tensors start from TFLM's reset values, as the goldens did.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
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

// Runs c.model from `models_dir` and checks it against its goldens (see the top of this file).
inline void expect_cpu_run_matches_goldens(const std::string& models_dir, const GoldenCase& c) {
  const std::string dir = models_dir + "/" + c.model + "/";
  auto seed_file = [&c](const char* kind, size_t k) {
    return std::string(kind) + "_" + std::to_string(c.seed) + "_" + std::to_string(k) + ".npy";
  };
  auto model = tflite::load_tflite(dir + "model.tflite");
  ASSERT_TRUE(model) << model.status().message();
  const ir::Graph& graph = model->main_graph();
  driver::cpu::CpuOptions options;
  options.kernels = c.kernels;
  auto runtime = driver::cpu::CpuRuntime::create(*model, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  for (size_t k = 0; k < graph.inputs.size(); ++k) {
    auto input = driver::load_npy(dir + seed_file("input", k));
    ASSERT_TRUE(input) << input.status().message();
    auto bytes = driver::input_bytes_from_npy(*input, graph.tensor(graph.inputs[k]),
                                              "input " + std::to_string(k));
    ASSERT_TRUE(bytes) << bytes.status().message();
    ASSERT_TRUE((*runtime)->set_input(k, *bytes));
  }

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

  for (size_t k = 0; k < graph.outputs.size(); ++k) {
    auto expected = driver::load_npy(dir + seed_file("output", k));
    ASSERT_TRUE(expected) << expected.status().message();
    EXPECT_EQ((*runtime)->output(k), expected->data) << "output " << k;
  }
}

}  // namespace vnpu::testing
