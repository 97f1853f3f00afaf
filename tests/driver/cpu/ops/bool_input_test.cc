// Bool tensors hold 0 or 1 in each byte: the runtime refuses any other input
// byte (kernels read bools as C++ bool, for which other values are undefined),
// and the random inputs it makes for a bool tensor are 0 or 1.
#include <gtest/gtest.h>

#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "driver/tensor_io.h"

namespace vnpu::driver::cpu {
namespace {

// CAST bool[4] -> int8[4].
ir::Graph cast_from_bool() {
  ir::Graph graph;
  ir::Tensor in;
  in.name = "flags";
  in.type = ir::DataType::kBool;
  in.shape = {4};
  ir::Tensor out = in;
  out.name = "out";
  out.type = ir::DataType::kInt8;
  graph.tensors = {in, out};
  ir::Operator cast;
  cast.type = ir::OpType::kCast;
  cast.inputs = {0};
  cast.outputs = {1};
  graph.operators = {cast};
  graph.inputs = {0};
  graph.outputs = {1};
  return graph;
}

TEST(BoolInput, AByteOtherThanZeroOrOneIsRefused) {
  const ir::Graph graph = cast_from_bool();
  auto runtime = CpuRuntime::create(graph);
  ASSERT_TRUE(runtime) << runtime.status().message();
  const Status status = (*runtime)->set_input(0, {0, 1, 72, 1});
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(status.message(), "input 0: bool element 2 is 72, not 0 or 1");
  ASSERT_TRUE((*runtime)->set_input(0, {0, 1, 1, 0}));
  ASSERT_TRUE((*runtime)->invoke());
  EXPECT_EQ((*runtime)->output(0), (std::vector<uint8_t>{0, 1, 1, 0}));
}

TEST(BoolInput, RandomInputsAreZeroOrOne) {
  ir::Tensor flags;
  flags.type = ir::DataType::kBool;
  flags.shape = {4096};
  const std::vector<uint8_t> bytes = random_input_bytes(flags, 7);
  int ones = 0;
  for (uint8_t byte : bytes) {
    ASSERT_LE(byte, 1);
    ones += byte;
  }
  EXPECT_GT(ones, 1800);
  EXPECT_LT(ones, 2300);
}

}  // namespace
}  // namespace vnpu::driver::cpu
