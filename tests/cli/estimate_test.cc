// vnpu estimate as users meet it: a shared Vela model's table, CSV and JSON,
// the system config and memory mode options, and one-line errors with exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/cli/cli_runner.h"

namespace vnpu {
namespace {

using testing::CliResult;
using testing::run_vnpu;

std::string kws_model() {
  return std::string(VNPU_SHARED_MODELS_DIR) +
         "/kws_dscnn/vela/ethos-u55-256/kws_dscnn_vela.tflite";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void expect_one_line_error(const CliResult& result, const std::string& needle) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find(needle), std::string::npos) << result.err;
  ASSERT_FALSE(result.err.empty());
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "one line: " << result.err;
}

TEST(EstimateCli, PrintsTableAndWritesCsvAndJson) {
  if (!std::filesystem::exists(kws_model())) GTEST_SKIP() << "no shared models";
  const std::string dir = testing::scratch_dir("estimate_outputs");
  const CliResult result = run_vnpu({"estimate", kws_model(), "--accelerator-config",
                                     "ethos-u55-256", "--csv", dir + "/e.csv", "--json",
                                     dir + "/e.json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("DEPTHWISE"), std::string::npos);
  EXPECT_NE(result.out.find("total: "), std::string::npos);
  EXPECT_NE(result.out.find("Ethos_U55_High_End_Embedded"), std::string::npos);
  const std::string csv = read_text(dir + "/e.csv");
  EXPECT_EQ(csv.rfind("op,word_offset,kind,", 0), 0u);
  EXPECT_NE(csv.find("\ntotal,"), std::string::npos);
  const std::string json = read_text(dir + "/e.json");
  EXPECT_NE(json.find("\"total_cycles\": "), std::string::npos);
  EXPECT_NE(json.find("\"operations\": ["), std::string::npos);
}

TEST(EstimateCli, SystemConfigAndMemoryModeChangeTheEstimate) {
  if (!std::filesystem::exists(kws_model())) GTEST_SKIP() << "no shared models";
  const std::string dir = testing::scratch_dir("estimate_modes");
  const CliResult high = run_vnpu({"estimate", kws_model(), "--json", dir + "/high.json"});
  const CliResult deep = run_vnpu({"estimate", kws_model(), "--system-config",
                                   "Ethos_U55_Deep_Embedded", "--json", dir + "/deep.json"});
  ASSERT_EQ(high.exit_code, 0) << high.err;
  ASSERT_EQ(deep.exit_code, 0) << deep.err;
  EXPECT_NE(read_text(dir + "/high.json"), read_text(dir + "/deep.json"));
  EXPECT_NE(deep.out.find("at 200 MHz"), std::string::npos);
  const CliResult sram = run_vnpu({"estimate", kws_model(), "--memory-mode", "Sram_Only"});
  ASSERT_EQ(sram.exit_code, 0) << sram.err;
  EXPECT_NE(sram.out.find("off-chip flash 0;"), std::string::npos) << sram.out;
}

TEST(EstimateCli, ReadsAUserIni) {
  if (!std::filesystem::exists(kws_model())) GTEST_SKIP() << "no shared models";
  const std::string dir = testing::scratch_dir("estimate_ini");
  std::ofstream(dir + "/my.ini") << "[System_Config.Mine]\ncore_clock=1e9\n"
                                    "[Memory_Mode.Mode]\nconst_mem_area=Axi0\n";
  const CliResult result = run_vnpu({"estimate", kws_model(), "--config", dir + "/my.ini",
                                     "--system-config", "Mine", "--memory-mode", "Mode"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("at 1000 MHz"), std::string::npos);
}

TEST(EstimateCli, BadInputsAreOneLineErrorsWithExitTwo) {
  const std::string dir = testing::scratch_dir("estimate_errors");
  expect_one_line_error(run_vnpu({"estimate"}), "model");
  expect_one_line_error(run_vnpu({"estimate", dir + "/missing.tflite"}), "missing.tflite");
  std::ofstream(dir + "/bad.ini") << "[System_Config.X]\nwarp_speed=9\n";
  if (!std::filesystem::exists(kws_model())) GTEST_SKIP() << "no shared models";
  expect_one_line_error(run_vnpu({"estimate", kws_model(), "--config", dir + "/bad.ini"}),
                        "bad.ini:2: warp_speed=9");
  expect_one_line_error(run_vnpu({"estimate", kws_model(), "--system-config", "Nope"}),
                        "unknown system config 'Nope'");
  expect_one_line_error(run_vnpu({"estimate", kws_model(), "--memory-mode", "Nope"}),
                        "unknown memory mode 'Nope'");
  expect_one_line_error(run_vnpu({"estimate", kws_model(), "--accelerator-config", "u99"}),
                        "unknown accelerator configuration");
  expect_one_line_error(run_vnpu({"estimate", kws_model(), "--accelerator-config",
                                  "ethos-u55-128"}),
                        "compiled for ethos-u55-256");
  // A model without ethos-u operators.
  const std::string plain = std::string(VNPU_SHARED_MODELS_DIR) + "/kws_dscnn/model.tflite";
  expect_one_line_error(run_vnpu({"estimate", plain}), "no ethos-u operators");
}

}  // namespace
}  // namespace vnpu
