// `vnpu run --backend rtl` as a user runs it (builds with Verilator and
// SystemC): a preset without a verilated MAC datapath is refused in one line
// naming the option (exit 2); on ethos-u55-256 the run prints the rtl backend
// line and its closing `rtl:` line, and its outputs and NPU cycles equal the
// systemc backend's (the values come from the RTL, the timing stays SystemC's);
// --report JSON and CSV carry the same `rtl:` line.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "tests/cli/cli_runner.h"

namespace vnpu {
namespace {

using testing::CliResult;
using testing::run_vnpu;

std::string kws_model() {
  return std::string(VNPU_SHARED_MODELS_DIR) +
         "/kws_dscnn/vela/ethos-u55-256/kws_dscnn_vela.tflite";
}

// The unknown-backend error lists the backends of the build.
bool rtl_backend_built() {
  const CliResult r = run_vnpu({"run", "--backend", "none-such"});
  return r.err.find(", rtl)") != std::string::npos || r.err.find(", rtl,") != std::string::npos;
}

// The lines of `text` that start with one of `prefixes`.
std::vector<std::string> lines_starting(const std::string& text,
                                        const std::vector<std::string>& prefixes) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    for (const std::string& prefix : prefixes) {
      if (line.rfind(prefix, 0) == 0) lines.push_back(line);
    }
  }
  return lines;
}

TEST(RunRtlBackendCli, RefusesAPresetWithoutAVerilatedDatapathInOneLine) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  if (!std::filesystem::exists(kws_model())) GTEST_SKIP() << "no shared models";
  const CliResult r =
      run_vnpu({"run", kws_model(), "--backend", "rtl", "--accelerator-config", "ethos-u55-64"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--accelerator-config ethos-u55-64"), std::string::npos) << r.err;
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST(RunRtlBackendCli, SaysWhatRanOnTheRtlAndKeepsTheSystemcOutputsAndCycles) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  if (!std::filesystem::exists(kws_model())) GTEST_SKIP() << "no shared models";
  const CliResult rtl = run_vnpu({"run", kws_model(), "--backend", "rtl"});
  const CliResult systemc = run_vnpu({"run", kws_model(), "--backend", "systemc"});
  ASSERT_EQ(rtl.exit_code, 0) << rtl.err;
  ASSERT_EQ(systemc.exit_code, 0) << systemc.err;
  EXPECT_EQ(lines_starting(rtl.out, {"backend: rtl ("}).size(), 1u) << rtl.out;
  const std::vector<std::string> note = lines_starting(rtl.out, {"rtl: RTL computed "});
  ASSERT_EQ(note.size(), 1u) << rtl.out;
  EXPECT_EQ(note[0].find("RTL computed 0 "), std::string::npos) << note[0];
  const std::vector<std::string> same = {"output ", "total NPU: "};
  EXPECT_EQ(lines_starting(rtl.out, same), lines_starting(systemc.out, same));
  EXPECT_FALSE(lines_starting(rtl.out, same).empty());
}

std::string text_of(const std::string& path) {
  auto bytes = read_file(path);
  EXPECT_TRUE(bytes) << bytes.status().message();
  return bytes ? std::string(bytes->begin(), bytes->end()) : std::string();
}

TEST(RunRtlBackendCli, ReportFilesCarryTheRtlLine) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  if (!std::filesystem::exists(kws_model())) GTEST_SKIP() << "no shared models";
  const std::string dir = testing::scratch_dir("rtl-report");
  const CliResult json =
      run_vnpu({"run", kws_model(), "--backend", "rtl", "--report", dir + "/report.json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const std::vector<std::string> note = lines_starting(json.out, {"rtl: RTL computed "});
  ASSERT_EQ(note.size(), 1u) << json.out;
  EXPECT_NE(text_of(dir + "/report.json").find("\"backend_note\": \"" + note[0] + "\""),
            std::string::npos)
      << text_of(dir + "/report.json");
  const CliResult csv =
      run_vnpu({"run", kws_model(), "--backend", "rtl", "--report", dir + "/report.csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const std::string csv_text = text_of(dir + "/report.csv");
  EXPECT_NE(csv_text.find("\n# " + note[0] + "\n"), std::string::npos) << csv_text;
}

}  // namespace
}  // namespace vnpu
