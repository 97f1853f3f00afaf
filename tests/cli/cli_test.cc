// The vnpu command line as users meet it: help, exit codes, one-line errors,
// and golden-identical files written by `vnpu run`.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/file_io.h"
#include "driver/npy.h"
#include "tests/cli/cli_runner.h"
#include "tests/golden/shared_models.h"

namespace vnpu {
namespace {

using testing::CliResult;
using testing::run_vnpu;

size_t line_count(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += (c == '\n');
  return lines;
}

// A failed command: exit code 2, exactly one line on stderr, nothing from a sanitizer.
void expect_one_line_error(const CliResult& result, const std::string& what) {
  EXPECT_EQ(result.exit_code, 2) << what << "\nstderr: " << result.err;
  EXPECT_EQ(line_count(result.err), 1u) << what << "\nstderr: " << result.err;
  EXPECT_EQ(result.err.find("Sanitizer"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("runtime error"), std::string::npos) << result.err;
}

TEST(Cli, EverySubcommandHasHelp) {
  for (const char* command : {"inspect", "run", "make-model"}) {
    CliResult result = run_vnpu({command, "--help"});
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_NE(result.out.find("usage: vnpu"), std::string::npos) << command;
  }
  EXPECT_EQ(run_vnpu({"--help"}).exit_code, 0);
}

TEST(Cli, UnknownCommandsAndOptionsAreOneLineErrors) {
  expect_one_line_error(run_vnpu({"frobnicate"}), "unknown command");
  expect_one_line_error(run_vnpu({"run", "--no-such-option"}), "unknown option");
  expect_one_line_error(run_vnpu({"run", "--backend", "gpu"}), "unknown backend");
  expect_one_line_error(run_vnpu({"inspect", "/nonexistent/model.tflite"}), "missing file");
  expect_one_line_error(run_vnpu({"make-model", "--name", "resnet", "-o", "/tmp/x"}),
                        "unknown built-in");
}

TEST(Cli, RunsTheBuiltInDefaultModel) {
  CliResult result = run_vnpu({"run"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("built-in kws-dscnn"), std::string::npos);
  EXPECT_NE(result.out.find("deterministic random inputs"), std::string::npos);
  EXPECT_NE(result.out.find("arena:"), std::string::npos);
  // Same seed, same output line.
  CliResult again = run_vnpu({"run"});
  EXPECT_EQ(result.out.substr(result.out.find("output 0")),
            again.out.substr(again.out.find("output 0")));
}

TEST(Cli, MakeModelWritesAModelThatInspectAndRunAccept) {
  const std::string dir = testing::scratch_dir("make-model");
  const std::string path = dir + "/kws.tflite";
  ASSERT_EQ(run_vnpu({"make-model", "-o", path}).exit_code, 0);
  CliResult inspect = run_vnpu({"inspect", path});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("DEPTHWISE_CONV_2D"), std::string::npos);
  EXPECT_NE(inspect.out.find("per-channel axis 0"), std::string::npos);
  EXPECT_NE(inspect.out.find("total MACs"), std::string::npos);
  EXPECT_EQ(run_vnpu({"run", path, "--seed", "7"}).exit_code, 0);
}

class CliGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) {
      GTEST_SKIP() << "shared golden models not found at " << testing::shared_models_dir();
    }
  }
};

TEST_F(CliGolden, RunWritesGoldenIdenticalOutputAndIntermediateFiles) {
  const std::string dir = testing::scratch_dir("golden-run");
  const std::string model = "kws_dscnn";
  CliResult result = run_vnpu({"run", testing::model_file(model, "model.tflite"), "--backend",
                               "cpu", "--input", testing::model_file(model, "input_1_0.npy"),
                               "--output-dir", dir + "/out", "--dump-intermediates",
                               dir + "/intermediates"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(*read_file(dir + "/out/output_0.npy"),
            *read_file(testing::model_file(model, "output_1_0.npy")));
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           testing::model_file(model, "intermediates/seed1"))) {
    const std::string name = entry.path().filename().string();
    auto ours = read_file(dir + "/intermediates/" + name);
    ASSERT_TRUE(ours) << ours.status().message();
    EXPECT_EQ(*ours, *read_file(entry.path().string())) << name;
    ++files;
  }
  EXPECT_EQ(files, 13);
}

TEST_F(CliGolden, WrongInputDtypeOrShapeIsAnError) {
  const std::string dir = testing::scratch_dir("bad-input");
  driver::NpyArray wrong_type;
  wrong_type.type = ir::DataType::kFloat32;
  wrong_type.shape = {1, 49, 10, 1};
  wrong_type.data.resize(490 * 4);
  ASSERT_TRUE(driver::save_npy(dir + "/float.npy", wrong_type));
  driver::NpyArray wrong_shape;
  wrong_shape.shape = {1, 49, 10};
  wrong_shape.data.resize(490);
  ASSERT_TRUE(driver::save_npy(dir + "/shape.npy", wrong_shape));
  ASSERT_TRUE(write_file(dir + "/garbage.npy", {1, 2, 3}));
  const std::string model = testing::model_file("kws_dscnn", "model.tflite");
  for (const char* file : {"/float.npy", "/shape.npy", "/garbage.npy", "/missing.npy"}) {
    expect_one_line_error(run_vnpu({"run", model, "--input", dir + file}), file);
  }
  expect_one_line_error(
      run_vnpu({"run", model, "--input", dir + "/shape.npy", "--input", dir + "/shape.npy"}),
      "too many inputs");
}

}  // namespace
}  // namespace vnpu
