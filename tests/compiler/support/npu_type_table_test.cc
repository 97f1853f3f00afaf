// compiler/support/npu_type_table.h names exactly the operators the support
// rules let onto the NPU, in their order, then the ones a pass rewrites into
// them (slices, an LSTM's steps); tests/golden/npu_conformance_test.cc checks its types against the
// conformance corpus.
#include "compiler/support/npu_type_table.h"

#include <gtest/gtest.h>

#include <vector>

#include "compiler/support/support_rules.h"

namespace vnpu::compiler {
namespace {

TEST(NpuTypeTable, ListsTheNpuOperatorsThenTheRewrittenOnesInOrder) {
  std::vector<ir::OpType> expected = npu_operator_types();
  expected.insert(expected.end(), {ir::OpType::kSplit, ir::OpType::kSplitV, ir::OpType::kUnpack,
                                   ir::OpType::kUnidirectionalSequenceLstm});
  std::vector<ir::OpType> listed;
  for (const NpuOperatorTypes& row : npu_type_table()) {
    listed.push_back(row.type);
    EXPECT_FALSE(row.inputs.empty()) << ir::op_type_name(row.type);
  }
  EXPECT_EQ(listed, expected);
}

}  // namespace
}  // namespace vnpu::compiler
