// `vnpu compile` preview end to end (skipped when the vnpu binary is not built).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string vnpu_path() { return std::string(VNPU_BINARY_DIR) + "/cli/vnpu"; }

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CliRun run(const std::string& args, const fs::path& cwd) {
  const std::string command = "cd '" + cwd.string() + "' && '" + vnpu_path() + "' " + args + " 2>&1";
  CliRun result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
    result.output += buffer.data();
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class CompileCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(vnpu_path())) GTEST_SKIP() << "vnpu binary not built: " << vnpu_path();
    dir_ = fs::temp_directory_path() /
           ("vnpu_compile_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CompileCli, PrintsThePartitionWritesTheReportAndNoTflite) {
  const CliRun r = run("compile --accelerator-config ethos-u55-256 --report report.json", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("not implemented yet"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("operators on the NPU"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("SOFTMAX"), std::string::npos) << r.output;
  std::ifstream report(dir_ / "report.json");
  std::stringstream text;
  text << report.rdbuf();
  EXPECT_NE(text.str().find("\"accelerator_config\": \"ethos-u55-256\""), std::string::npos);
  EXPECT_NE(text.str().find("\"placement\": \"npu\""), std::string::npos);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_NE(entry.path().extension(), ".tflite") << entry.path();
  }
}

TEST_F(CompileCli, DumpAfterWritesTheGraph) {
  const CliRun r = run("compile --dump-after fuse_activations", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir_ / "kws-dscnn_after_fuse_activations.tflite")) << r.output;
}

TEST_F(CompileCli, BadInputIsOneLineAndExitTwo) {
  for (const char* args : {"compile --accelerator-config ethos-u55-512", "compile missing.tflite",
                           "compile --dump-after no_such_pass", "compile --bogus"}) {
    const CliRun r = run(args, dir_);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << args << ": " << r.output;
  }
}

TEST_F(CompileCli, HelpSaysCommandStreamGenerationIsNotImplemented) {
  const CliRun r = run("compile --help", dir_);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("command-stream generation is not implemented yet"), std::string::npos);
}

}  // namespace
