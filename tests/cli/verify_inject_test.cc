// `vnpu verify --backend rtl` and `--inject FAULT` through the built tool
// (builds with Verilator and SystemC): kws_dscnn compiled for ethos-u55-128,
// and Vela's, pass on the healthy RTL; ours and fails, naming a layer and a coordinate, with
// each planted fault (docs/verify.md); --random passes clean and fails with
// each fault when its operations exercise it; --inject on another backend or an unknown
// fault name is one line, exit 2.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"
#include "tests/golden/shared_models.h"

namespace vnpu {
namespace {

using testing::CliResult;
using testing::run_vnpu;

// The unknown-backend error lists the backends of the build.
bool rtl_backend_built() {
  const CliResult r = run_vnpu({"run", "--backend", "none-such"});
  return r.err.find(", rtl)") != std::string::npos || r.err.find(", rtl,") != std::string::npos;
}

size_t line_count(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += (c == '\n');
  return lines;
}

// kws_dscnn compiled for ethos-u55-128 (the preset with every mutant unit), once.
const std::string& kws_for_u55_128() {
  static const std::string compiled = [] {
    const std::string path = testing::scratch_dir("verify-inject") + "/kws_u55_128.tflite";
    const CliResult r = run_vnpu({"compile", testing::model_file("kws_dscnn", "model.tflite"), "-o",
                                  path, "--accelerator-config", "ethos-u55-128"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return path;
  }();
  return compiled;
}

CliResult verify_kws(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"verify",    kws_for_u55_128(),
                                   "--source",  testing::model_file("kws_dscnn", "model.tflite"),
                                   "--backend", "rtl"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_vnpu(args);
}

TEST(VerifyInject, KwsPassesOnTheHealthyRtl) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const CliResult result = verify_kws({});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find(" 0 mismatching elements: PASS"), std::string::npos) << result.out;
}

TEST(VerifyInject, VelasKwsPassesOnTheHealthyRtl) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const CliResult result = run_vnpu(
      {"verify", testing::model_file("kws_dscnn", "vela/ethos-u55-128/kws_dscnn_vela.tflite"),
       "--backend", "rtl"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find(" 0 mismatching elements: PASS"), std::string::npos) << result.out;
}

void expect_caught_on_kws(const char* fault) {
  const CliResult result = verify_kws({"--inject", fault});
  EXPECT_EQ(result.exit_code, 1) << fault << "\n" << result.out << result.err;
  EXPECT_NE(result.out.find("FAIL"), std::string::npos) << fault << "\n" << result.out;
  EXPECT_NE(result.out.find("first mismatch (seed 1): layer "), std::string::npos)
      << fault << "\n"
      << result.out;
  EXPECT_NE(result.out.find(" at (n, h, w, c) = ("), std::string::npos) << fault << "\n"
                                                                        << result.out;
}

// One fault on the whole model in the default suite (4 s); every fault is
// caught on the random operations below, and on the whole model in the slow
// test verify_all_models_slow (DISABLED_ here, 18 s).
TEST(VerifyInject, OutputRoundingFaultIsCaughtAtALayerAndCoordinate) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  expect_caught_on_kws("output-rounding");
}

TEST(VerifyInject, DISABLED_EachFaultIsCaughtAtALayerAndCoordinate) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  for (const char* fault : {"output-rounding", "mac-lane7", "weight-order", "acc-stuck-bit"}) {
    expect_caught_on_kws(fault);
  }
}

// Seed 1's 20 operations are ELEMENTWISE, lookup-table and MAX pools (only
// acc-stuck-bit touches them); seed 2's include DEPTHWISE and FULLY_CONNECTED,
// which every fault spoils.
std::vector<std::string> random_on_rtl(const char* seed) {
  return {"verify",       "--random",  "20",  "--seed",
          seed,           "--backend", "rtl", "--accelerator-config",
          "ethos-u55-128"};
}

TEST(VerifyInject, RandomOperationsPassCleanAndFailWithEachFault) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  for (const char* seed : {"1", "2"}) {
    const CliResult clean = run_vnpu(random_on_rtl(seed));
    EXPECT_EQ(clean.exit_code, 0) << "seed " << seed << "\n" << clean.out << clean.err;
  }
  for (const char* fault : {"output-rounding", "mac-lane7", "weight-order", "acc-stuck-bit"}) {
    std::vector<std::string> faulty = random_on_rtl("2");
    faulty.insert(faulty.end(), {"--inject", fault});
    const CliResult caught = run_vnpu(faulty);
    EXPECT_EQ(caught.exit_code, 1) << fault << "\n" << caught.out << caught.err;
    EXPECT_NE(caught.out.find("first mismatch (seed 1): layer #"), std::string::npos)
        << fault << "\n"
        << caught.out;
    EXPECT_NE(caught.out.find(" at (n, h, w, c) = ("), std::string::npos) << fault << "\n"
                                                                          << caught.out;
  }
}

TEST(VerifyInject, RefusesAnotherBackendAndAnUnknownFaultInOneLine) {
  if (!rtl_backend_built()) GTEST_SKIP() << "this build has no rtl backend";
  const CliResult other =
      run_vnpu({"verify", "--random", "1", "--backend", "systemc", "--inject", "mac-lane7"});
  EXPECT_EQ(other.exit_code, 2) << other.err;
  EXPECT_EQ(line_count(other.err), 1u) << other.err;
  EXPECT_NE(other.err.find("--inject needs --backend rtl"), std::string::npos) << other.err;
  const CliResult unknown =
      run_vnpu({"verify", "--random", "1", "--backend", "rtl", "--accelerator-config",
                "ethos-u55-128", "--inject", "none-such"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_EQ(line_count(unknown.err), 1u) << unknown.err;
  EXPECT_NE(unknown.err.find("--inject none-such: unknown fault (valid: output-rounding, "
                             "mac-lane7, weight-order, acc-stuck-bit)"),
            std::string::npos)
      << unknown.err;
}

}  // namespace
}  // namespace vnpu
