// Every corrupted or truncated copy of every shared model, fed to `vnpu run`
// and `vnpu inspect`, gives exit code 2 and one line on stderr. In the
// sanitizer build (scripts/test.sh, second pass) the binary runs under ASan and
// UBSan, so any out-of-bounds read or undefined behaviour fails these tests too.
#include <gtest/gtest.h>

#include <string>

#include "core/file_io.h"
#include "tests/cli/cli_runner.h"
#include "tests/golden/shared_models.h"
#include "tests/tflite/model_corruptions.h"

namespace vnpu {
namespace {

class CorruptModelCli : public ::testing::TestWithParam<std::string> {};

size_t line_count(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += (c == '\n');
  return lines;
}

TEST_P(CorruptModelCli, EveryCorruptionExitsWithCode2AndOneLine) {
  if (!testing::shared_models_present()) {
    GTEST_SKIP() << "shared golden models not found at " << testing::shared_models_dir();
  }
  const std::string model = GetParam();
  auto bytes = read_file(testing::model_file(model, "model.tflite"));
  ASSERT_TRUE(bytes) << bytes.status().message();
  const std::string dir = testing::scratch_dir("corrupt-" + model);
  const auto corruptions = tflite::testing::make_model_corruptions(*bytes);
  ASSERT_GT(corruptions.size(), 50u);
  size_t index = 0;
  for (const auto& corruption : corruptions) {
    const std::string path = dir + "/" + corruption.name + ".tflite";
    ASSERT_TRUE(write_file(path, corruption.bytes));
    // Alternate the subcommands so both entry points see every family.
    const char* command = (index++ % 2 == 0) ? "run" : "inspect";
    const testing::CliResult result = testing::run_vnpu({command, path});
    EXPECT_EQ(result.exit_code, 2) << corruption.name << " (" << command << ")\n" << result.err;
    EXPECT_EQ(line_count(result.err), 1u) << corruption.name << "\n" << result.err;
    EXPECT_EQ(result.err.find("Sanitizer"), std::string::npos) << corruption.name << result.err;
    EXPECT_EQ(result.err.find("runtime error"), std::string::npos) << corruption.name << result.err;
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, CorruptModelCli,
                         ::testing::ValuesIn(testing::shared_model_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

}  // namespace
}  // namespace vnpu
