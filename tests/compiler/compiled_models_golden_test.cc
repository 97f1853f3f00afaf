// The compiler's acceptance: every shared model compiled by compile_model for
// ethos-u55-128 and ethos-u55-256 (Ethos_U55_High_End_Embedded, Shared_Sram and
// Sram_Only), written as .tflite, read back and run as `vnpu run --backend
// functional` runs it: outputs byte-identical to TensorFlow Lite Micro's for
// seeds 1-3. Skipped when ../shared/models is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "compiler/compile_model.h"
#include "driver/npy.h"
#include "perf/system_config.h"
#include "tests/compiler/compiler_testing.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu::compiler {
namespace {

struct CompileCase {
  std::string model;
  std::string accelerator;
  std::string memory_mode;
};

void PrintTo(const CompileCase& c, std::ostream* os) {
  *os << c.model << " " << c.accelerator << " " << c.memory_mode;
}

std::vector<CompileCase> all_cases() {
  std::vector<CompileCase> cases;
  for (const std::string& model : vnpu::testing::shared_model_names()) {
    for (const char* accelerator : {"ethos-u55-128", "ethos-u55-256"}) {
      for (const char* mode : {"Shared_Sram", "Sram_Only"}) cases.push_back({model, accelerator, mode});
    }
  }
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<CompileCase>& info) {
  const CompileCase& c = info.param;
  return c.model + "_" + c.accelerator.substr(c.accelerator.rfind('-') + 1) + "_" + c.memory_mode;
}

class CompiledModelGolden : public ::testing::TestWithParam<CompileCase> {
 protected:
  void SetUp() override {
    if (!vnpu::testing::shared_models_present()) {
      GTEST_SKIP() << "shared golden models not found at " << vnpu::testing::shared_models_dir();
    }
  }
};

TEST_P(CompiledModelGolden, FunctionalBackendOutputIsByteIdenticalToTflm) {
  const CompileCase& c = GetParam();
  auto model = tflite::load_tflite(vnpu::testing::model_file(c.model, "model.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  CompilerOptions options;
  options.accelerator_config = c.accelerator;
  auto mode = perf::builtin_vela_ini().find_memory_mode(c.memory_mode);
  ASSERT_TRUE(mode) << mode.status().message();
  options.memory_mode = *mode;
  auto compiled = compile_model(*model, options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  // Vela runs every operator of these models on the NPU; we must at least run
  // every convolution, depthwise convolution and fully connected layer there.
  for (const CompiledOperator& op : compiled->operators) {
    if (op.type == ir::OpType::kConv2d || op.type == ir::OpType::kDepthwiseConv2d ||
        op.type == ir::OpType::kFullyConnected) {
      EXPECT_GE(op.segment, 0) << "operator " << op.op_index << " stayed on the CPU";
    }
  }
  for (int seed = 1; seed <= 3; ++seed) {
    const std::string suffix = std::to_string(seed) + "_0.npy";
    auto input = driver::load_npy(vnpu::testing::model_file(c.model, "input_" + suffix));
    ASSERT_TRUE(input) << input.status().message();
    auto outputs = testing::run_compiled(compiled->output, c.accelerator, {input->data});
    ASSERT_TRUE(outputs) << outputs.status().message();
    auto expected = driver::load_npy(vnpu::testing::model_file(c.model, "output_" + suffix));
    ASSERT_TRUE(expected) << expected.status().message();
    EXPECT_EQ(outputs->at(0), expected->data) << "seed " << seed;
  }
}

// The compiled more_models model in `folder` run as `vnpu run --backend
// functional` runs it: its `outputs` outputs byte-identical to the goldens, seeds 1-3.
void expect_more_model_goldens(const std::string& folder, const ir::Model& compiled,
                               const char* accelerator, size_t outputs) {
  for (int seed = 1; seed <= 3; ++seed) {
    auto input = driver::load_npy(folder + "input_" + std::to_string(seed) + "_0.npy");
    ASSERT_TRUE(input) << input.status().message();
    auto results = testing::run_compiled(compiled, accelerator, {input->data});
    ASSERT_TRUE(results) << results.status().message();
    ASSERT_EQ(results->size(), outputs);
    for (size_t k = 0; k < outputs; ++k) {
      auto expected = driver::load_npy(folder + "output_" + std::to_string(seed) + "_" +
                                       std::to_string(k) + ".npy");
      ASSERT_TRUE(expected) << expected.status().message();
      EXPECT_EQ(results->at(k), expected->data)
          << accelerator << " seed " << seed << " output " << k;
    }
  }
}

// keyword_scrambled (../shared/more_models): its int16 -> int8 input QUANTIZE
// (lower_requantize.cc) and its int8 -> int16 SOFTMAX (lower_softmax.cc) run
// on the NPU, and the outputs stay TFLM's, seeds 1-3.
TEST(CompiledMoreModelGolden, KeywordScrambledRunsItsInt16QuantizeAndSoftmaxOnTheNpu) {
  const std::string folder = vnpu::testing::more_models_dir() + "/keyword_scrambled/";
  if (!std::filesystem::exists(folder + "model.tflite")) GTEST_SKIP() << "more_models not found";
  auto model = tflite::load_tflite(folder + "model.tflite");
  ASSERT_TRUE(model) << model.status().message();
  for (const char* accelerator : {"ethos-u55-128", "ethos-u55-256"}) {
    CompilerOptions options;
    options.accelerator_config = accelerator;
    auto compiled = compile_model(*model, options);
    ASSERT_TRUE(compiled) << compiled.status().message();
    for (const CompiledOperator& op : compiled->operators) {
      if (op.type == ir::OpType::kQuantize && op.op_index == 0) {
        EXPECT_GE(op.segment, 0) << accelerator << ": the int16 -> int8 QUANTIZE stayed on the CPU";
      }
      if (op.type == ir::OpType::kSoftmax) {
        EXPECT_GE(op.segment, 0) << accelerator << ": the int8 -> int16 SOFTMAX stayed on the CPU";
      }
    }
    expect_more_model_goldens(folder, compiled->output, accelerator, 1);
  }
}

// retinaface (../shared/more_models): its 95 NHWC <-> NCHW TRANSPOSEs run on
// the NPU as one block swap each (Vela 3.10 keeps them on the CPU), leaving
// the float edges (3 DEQUANTIZE, 1 QUANTIZE) on the CPU; its three outputs
// stay TFLM's, seeds 1-3.
TEST(CompiledMoreModelGolden, RetinafaceRunsItsTransposesOnTheNpu) {
  const std::string folder = vnpu::testing::more_models_dir() + "/retinaface/";
  if (!std::filesystem::exists(folder + "model.tflite")) GTEST_SKIP() << "more_models not found";
  auto model = tflite::load_tflite(folder + "model.tflite");
  ASSERT_TRUE(model) << model.status().message();
  for (const char* accelerator : {"ethos-u55-128", "ethos-u55-256"}) {
    CompilerOptions options;
    options.accelerator_config = accelerator;
    auto compiled = compile_model(*model, options);
    ASSERT_TRUE(compiled) << compiled.status().message();
    int transposes = 0;
    int on_cpu = 0;
    for (const CompiledOperator& op : compiled->operators) {
      on_cpu += op.segment < 0 ? 1 : 0;
      if (op.type != ir::OpType::kTranspose) continue;
      ++transposes;
      EXPECT_GE(op.segment, 0) << accelerator << ": TRANSPOSE " << op.op_index << " on the CPU";
    }
    EXPECT_EQ(transposes, 95) << accelerator;
    EXPECT_EQ(on_cpu, 4) << accelerator;
    expect_more_model_goldens(folder, compiled->output, accelerator, 3);
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, CompiledModelGolden, ::testing::ValuesIn(all_cases()),
                         case_name);

}  // namespace
}  // namespace vnpu::compiler
