// docs/SUPPORTED_OPS.md is generated from the rule table and must be up to date
// (regenerate with build/compiler/vnpu_supported_ops_doc docs/SUPPORTED_OPS.md).
#include "compiler/support/supported_ops_doc.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/support/support_rules.h"

namespace vnpu::compiler {
namespace {

TEST(SupportedOpsDoc, CommittedFileMatchesTheRuleTable) {
  // From the source folder CMake names, not __FILE__: a compiler cache with a base
  // folder (CCACHE_BASEDIR) makes __FILE__ relative to the build folder.
  const std::filesystem::path doc =
      std::filesystem::path(VNPU_SOURCE_DIR) / "docs/SUPPORTED_OPS.md";
  std::ifstream file(doc, std::ios::binary);
  ASSERT_TRUE(file.good()) << doc;
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), render_supported_ops_markdown())
      << "docs/SUPPORTED_OPS.md is stale: run vnpu_supported_ops_doc docs/SUPPORTED_OPS.md";
}

TEST(SupportedOpsDoc, NamesEveryRuleAndOperator) {
  const std::string text = render_supported_ops_markdown();
  for (const SupportRule& rule : support_rules()) {
    EXPECT_NE(text.find("`" + std::string(rule.name) + "`"), std::string::npos) << rule.name;
    EXPECT_NE(text.find(rule.constraint), std::string::npos) << rule.name;
  }
  for (ir::OpType type : npu_operator_types()) {
    EXPECT_NE(text.find("| " + std::string(ir::op_type_name(type)) + " | int"), std::string::npos)
        << ir::op_type_name(type);
  }
}

}  // namespace
}  // namespace vnpu::compiler
