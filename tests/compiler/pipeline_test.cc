// The pipeline on every shared model and the built-in model: the graph after
// all passes computes byte-identical outputs (CPU runtime, seeds 1-3), the
// passes run in order, dump_after writes a readable .tflite, bad options fail.
#include <gtest/gtest.h>

#include <filesystem>

#include "compiler/pipeline.h"
#include "models/builtin_models.h"
#include "tests/compiler/compiler_testing.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu::compiler {
namespace {

void expect_same_outputs(const ir::Model& before, const ir::Model& after, const std::string& label) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const auto inputs = testing::random_inputs(before.main_graph(), seed);
    const auto expected = testing::run_cpu(before.main_graph(), inputs);
    const auto actual = testing::run_cpu(after.main_graph(), inputs);
    ASSERT_TRUE(expected.has_value()) << label << ": " << expected.status().message();
    ASSERT_TRUE(actual.has_value()) << label << ": " << actual.status().message();
    EXPECT_EQ(*expected, *actual) << label << ": outputs differ after the passes, seed " << seed;
  }
}

TEST(Pipeline, EverySharedModelComputesTheSameAfterThePasses) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  for (const std::string& name : vnpu::testing::shared_model_names()) {
    auto model = tflite::load_tflite(vnpu::testing::model_file(name, "model.tflite"));
    ASSERT_TRUE(model.has_value()) << model.status().message();
    for (const char* accelerator : {"ethos-u55-128", "ethos-u55-256"}) {
      CompilerOptions options;
      options.accelerator_config = accelerator;
      auto result = compile_graph(*model, options);
      ASSERT_TRUE(result.has_value()) << name << ": " << result.status().message();
      expect_same_outputs(*model, result->model, name);
      EXPECT_EQ(result->partition.ops.size(), result->model.main_graph().operators.size());
      // Every shared model is fully NPU-supported by Vela; so it must be by the
      // hardware rules. Only types our code generator does not lower yet (SOFTMAX)
      // may stay on the CPU, and they say so.
      for (const OpPlacement& op : result->partition.ops) {
        EXPECT_TRUE(op.on_npu || op.rule == "npu_lowering") << name << " op " << op.op_index << " "
                               << ir::op_type_name(op.type) << ": " << op.rule << ": " << op.reason;
      }
      // Vela's FC->conv: no FULLY_CONNECTED survives.
      EXPECT_EQ(testing::count_ops(result->model.main_graph(), ir::OpType::kFullyConnected), 0u)
          << name;
    }
  }
}

TEST(Pipeline, BuiltinModelRunsEveryPassInOrder) {
  auto model = models::build_builtin_model("kws-dscnn");
  ASSERT_TRUE(model.has_value());
  auto result = compile_graph(*model, CompilerOptions{});
  ASSERT_TRUE(result.has_value()) << result.status().message();
  std::vector<std::string> expected;
  for (const PassEntry& pass : graph_passes()) expected.emplace_back(pass.name);
  EXPECT_EQ(result->passes_run, expected);
  expect_same_outputs(*model, result->model, "kws-dscnn");
}

TEST(Pipeline, DumpAfterWritesTheGraphAfterThatPass) {
  auto model = models::build_builtin_model("kws-dscnn");
  ASSERT_TRUE(model.has_value());
  const std::string path =
      (std::filesystem::temp_directory_path() / "vnpu_dump_after_fc_test.tflite").string();
  CompilerOptions options;
  options.dump_after["convert_fully_connected_to_conv"] = path;
  auto result = compile_graph(*model, options);
  ASSERT_TRUE(result.has_value()) << result.status().message();
  ASSERT_EQ(result->dumped_files, std::vector<std::string>{path});
  auto dumped = tflite::load_tflite(path);
  ASSERT_TRUE(dumped.has_value()) << dumped.status().message();
  EXPECT_EQ(testing::count_ops(dumped->main_graph(), ir::OpType::kFullyConnected), 0u);
  // Dumped before remove_reshapes: the reshapes FC->conv added are still there.
  EXPECT_GT(testing::count_ops(dumped->main_graph(), ir::OpType::kReshape),
            testing::count_ops(result->model.main_graph(), ir::OpType::kReshape));
  std::filesystem::remove(path);
}

TEST(Pipeline, RejectsUnknownPassAndAccelerator) {
  auto model = models::build_builtin_model("kws-dscnn");
  ASSERT_TRUE(model.has_value());
  CompilerOptions options;
  options.dump_after["fuse_everything"] = "/tmp/x.tflite";
  auto result = compile_graph(*model, options);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(result.status().message().find("unknown pass 'fuse_everything'"), std::string::npos);
  options.dump_after.clear();
  options.accelerator_config = "ethos-u55-512";
  result = compile_graph(*model, options);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidInput);
}

TEST(Pipeline, RejectsAGraphThatFailsTheVerifier) {
  auto model = models::build_builtin_model("kws-dscnn");
  ASSERT_TRUE(model.has_value());
  model->main_graph().operators[0].inputs[0] = 9999;
  auto result = compile_graph(*model, CompilerOptions{});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.status().message().find("import"), std::string::npos);
}

}  // namespace
}  // namespace vnpu::compiler
