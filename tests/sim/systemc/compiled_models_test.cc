// Our compiler's output (vnpu compile of each shared model.tflite, Shared_Sram,
// ethos-u55-128 and -256) through the SystemC backend: outputs byte-identical
// to TensorFlow Lite Micro's goldens for seeds 1-3, every NPU run clean.
#include <gtest/gtest.h>

#include <string>

#include "compiler/compile_model.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/systemc_backend.h"
#include "driver/npy.h"
#include "tests/golden/shared_models.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu {
namespace {

struct CompiledCase {
  std::string model;
  std::string config;
  int seed;
};

void PrintTo(const CompiledCase& c, std::ostream* os) {
  *os << c.model << " " << c.config << " seed " << c.seed;
}

std::vector<CompiledCase> compiled_cases() {
  std::vector<CompiledCase> out;
  for (const std::string& model : testing::shared_model_names()) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      for (int seed = 1; seed <= 3; ++seed) out.push_back({model, config, seed});
    }
  }
  return out;
}

std::string compiled_name(const ::testing::TestParamInfo<CompiledCase>& info) {
  const CompiledCase& c = info.param;
  return c.model + "_" + c.config.substr(c.config.rfind('-') + 1) + "_seed" + std::to_string(c.seed);
}

class SystemcCompiled : public ::testing::TestWithParam<CompiledCase> {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  }
};

TEST_P(SystemcCompiled, OurCompiledModelIsByteIdentical) {
  const CompiledCase& c = GetParam();
  auto source = tflite::load_tflite(testing::model_file(c.model, "model.tflite"));
  ASSERT_TRUE(source) << source.status().message();
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  compiler::CompilerOptions options;
  options.accelerator_config = c.config;
  options.memory_mode = *ini.find_memory_mode(perf::kDefaultMemoryMode);
  auto compiled = compiler::compile_model(std::move(*source), options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  // Through the file format, as `vnpu run` reads what `vnpu compile` wrote.
  auto bytes = tflite::write_tflite(compiled->output);
  ASSERT_TRUE(bytes) << bytes.status().message();
  auto model = tflite::read_tflite(bytes->data(), bytes->size(), "compiled");
  ASSERT_TRUE(model) << model.status().message();

  auto log = std::make_shared<driver::npu::SystemcLog>();
  driver::cpu::CpuOptions run_options;
  run_options.npu_prepare = driver::npu::systemc_npu_prepare(
      {*isa::find_accelerator_config(c.config), *ini.find_system_config(perf::kDefaultSystemConfig),
       *ini.find_memory_mode(perf::kDefaultMemoryMode), false},
      log);
  auto offsets = tflite::read_offline_memory_plan(*model);
  ASSERT_TRUE(offsets) << offsets.status().message();
  run_options.fixed_offsets = *offsets;
  auto runtime = driver::cpu::CpuRuntime::create(model->main_graph(), run_options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  const std::string suffix = std::to_string(c.seed) + "_0.npy";
  auto input = driver::load_npy(testing::model_file(c.model, "input_" + suffix));
  ASSERT_TRUE(input) << input.status().message();
  ASSERT_TRUE((*runtime)->set_input(0, input->data));
  const Status status = (*runtime)->invoke();
  ASSERT_TRUE(status) << status.message();
  auto expected = driver::load_npy(testing::model_file(c.model, "output_" + suffix));
  ASSERT_TRUE(expected) << expected.status().message();
  EXPECT_EQ((*runtime)->output(0), expected->data);
  ASSERT_FALSE(log->runs.empty()) << "the compiled model has no ethos-u operator";
  for (const driver::npu::SystemcOpRun& run : log->runs) {
    EXPECT_TRUE(run.record.ok()) << run.record.message;
    EXPECT_EQ(run.pmu_cycles, run.record.cycles);
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, SystemcCompiled, ::testing::ValuesIn(compiled_cases()),
                         compiled_name);

}  // namespace
}  // namespace vnpu
