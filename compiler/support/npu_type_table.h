// The operators vnpu's NPU lowerings run and the feature-map types each
// takes, for docs/SUPPORTED_OPS.md: the code generator (compiler/codegen/)
// and the support rules decide; this table describes them.
// tests/golden/npu_conformance_test.cc checks it against the conformance
// corpus both ways: a type listed here puts a case of that operator and
// input type on the NPU, and no case lands there with a type not listed.
#pragma once

#include <vector>

#include "ir/data_type.h"
#include "ir/operator.h"

namespace vnpu::compiler {

struct NpuOperatorTypes {
  ir::OpType type;
  std::vector<ir::DataType> inputs;  // the input feature map's element types
  const char* how;                   // the lowering in a few words, for the document
};

// The operators of npu_operator_types(), then those a graph pass rewrites into
// them (SPLIT, SPLIT_V, UNPACK as slices; UNIDIRECTIONAL_SEQUENCE_LSTM as its
// time steps), in that order.
const std::vector<NpuOperatorTypes>& npu_type_table();

}  // namespace vnpu::compiler
