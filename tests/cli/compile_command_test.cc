// `vnpu compile` end to end, run as a user runs the built tool.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "models/graph_builder.h"
#include "tflite/writer.h"

namespace {

namespace fs = std::filesystem;

std::string vnpu_path() { return std::string(VNPU_BINARY_DIR) + "/cli/vnpu"; }

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CliRun run(const std::string& args, const fs::path& cwd) {
  const std::string command =
      "cd '" + cwd.string() + "' && '" + vnpu_path() + "' " + args + " 2>&1";
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
    ASSERT_TRUE(fs::exists(vnpu_path())) << "vnpu binary not built: " << vnpu_path();
    dir_ = fs::temp_directory_path() /
           ("vnpu_compile_cli_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

std::string read_text(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST_F(CompileCli, WritesTheModelTheEstimateAndTheReport) {
  const CliRun r =
      run("compile -o out.tflite --accelerator-config ethos-u55-256 --report report.json", dir_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ethos-u operator"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("CONV_2D"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("operators on the NPU"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(dir_ / "out.tflite"));
  EXPECT_NE(read_text(dir_ / "out_estimate.csv").find(','), std::string::npos);
  EXPECT_NE(read_text(dir_ / "out_estimate.json").find("total_cycles"), std::string::npos);
  const std::string report = read_text(dir_ / "report.json");
  EXPECT_NE(report.find("\"accelerator_config\": \"ethos-u55-256\""), std::string::npos);
  EXPECT_NE(report.find("\"placement\": \"npu\""), std::string::npos);
  EXPECT_NE(report.find("\"stream_word_offsets\": ["), std::string::npos);
  // The compiled model runs on the functional backend.
  const CliRun ran =
      run("run out.tflite --backend functional --accelerator-config ethos-u55-256", dir_);
  EXPECT_EQ(ran.exit_code, 0) << ran.output;
  EXPECT_NE(ran.output.find("npu:functional"), std::string::npos) << ran.output;
}

double estimated_cycles(const std::string& output) {
  const size_t at = output.find("estimate: ");
  return at == std::string::npos ? -1.0 : std::stod(output.substr(at + 10));
}

TEST_F(CompileCli, TheVelaViewLeavesOutTheCostsVelaIgnores) {
  const CliRun timed = run("compile -o a.tflite", dir_);
  const CliRun vela = run("compile -o b.tflite --vela-view", dir_);
  ASSERT_EQ(timed.exit_code, 0) << timed.output;
  ASSERT_EQ(vela.exit_code, 0) << vela.output;
  // Command fetch, latencies and buffered-weight reads only add cycles.
  EXPECT_GT(estimated_cycles(vela.output), 0.0) << vela.output;
  EXPECT_LT(estimated_cycles(vela.output), estimated_cycles(timed.output));
}

TEST_F(CompileCli, DumpAfterWritesTheGraph) {
  const CliRun r = run("compile --dump-after fuse_activations", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir_ / "kws-dscnn_after_fuse_activations.tflite")) << r.output;
  EXPECT_TRUE(fs::exists(dir_ / "kws-dscnn_vnpu.tflite")) << r.output;
}

TEST_F(CompileCli, ABudgetTooSmallNamesTheTensorAndTheBudget) {
  const CliRun r = run("compile --arena-cache-size 4096", dir_);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_NE(r.output.find("budget (--arena-cache-size) is 4,096 bytes"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("the largest, '"), std::string::npos) << r.output;
}

TEST_F(CompileCli, BadInputIsOneLineAndExitTwo) {
  for (const char* args :
       {"compile --accelerator-config ethos-u55-512", "compile missing.tflite",
        "compile --dump-after no_such_pass", "compile --bogus", "compile --arena-cache-size 12k",
        "compile --memory-mode No_Such_Mode", "compile --system-config Nope",
        "compile --config missing.ini", "compile -o /no/such/dir/out.tflite"}) {
    const CliRun r = run(args, dir_);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << args << ": " << r.output;
  }
}

// Tensor names come from the file and need not be UTF-8: a model whose output
// is named "out\xff" compiled and wrote its report (it used to fail with an
// internal error, exit 3, found by mutating conformance models).
TEST_F(CompileCli, ANameThatIsNotUtf8StillCompilesAndReports) {
  vnpu::models::GraphBuilder b("names", 1);
  const int32_t in = b.add_activation("in", {1, 4, 4, 8}, {0.05f, 3});
  const int32_t out = b.add_activation(std::string("out\xff"), {1, 4, 4, 8}, {0.05f, 3});
  b.add_op(vnpu::ir::OpType::kMaxPool2d, {in}, {out},
           vnpu::ir::Pool2dOptions{vnpu::ir::Padding::kSame, 1, 1, 2, 2,
                                   vnpu::ir::FusedActivation::kNone});
  b.set_io({in}, {out});
  const auto bytes = vnpu::tflite::write_tflite(b.finish("t"));
  ASSERT_TRUE(bytes) << bytes.status().message();
  std::ofstream(dir_ / "names.tflite", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes->data()),
             static_cast<std::streamsize>(bytes->size()));
  const CliRun r = run("compile names.tflite --report report.json", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(read_text(dir_ / "report.json").find("out\xef\xbf\xbd"), std::string::npos);
}

TEST_F(CompileCli, HelpListsTheVelaStyleOptions) {
  const CliRun r = run("compile --help", dir_);
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option : {"--accelerator-config", "--config", "--system-config", "--memory-mode",
                             "--arena-cache-size", "--output"}) {
    EXPECT_NE(r.output.find(option), std::string::npos) << option;
  }
}

}  // namespace
