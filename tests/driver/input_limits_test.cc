// The resource limits of the driver (core/input_limits.h): the CPU runtime's
// arena budget and the NPU backend's check of ethos-u outputs, both applied
// before anything of that size is allocated.
#include "core/input_limits.h"

#include <gtest/gtest.h>

#include <string>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/ethos_u_operator.h"
#include "isa/accelerator_config.h"

namespace vnpu::driver {
namespace {

ir::Tensor int8_tensor(const std::string& name, ir::Shape shape) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.shape = std::move(shape);
  tensor.quantization.scales = {0.5f};
  tensor.quantization.zero_points = {0};
  return tensor;
}

// input -> RELU -> output, both [1, elements]: both live during the RELU.
ir::Graph relu_graph(int32_t elements) {
  ir::Graph graph;
  graph.tensors = {int8_tensor("in", {1, elements}), int8_tensor("out", {1, elements})};
  graph.operators.push_back({ir::OpType::kRelu, {0}, {1}, std::monostate{}});
  graph.inputs = {0};
  graph.outputs = {1};
  return graph;
}

TEST(ArenaBudget, AnArenaAboveTheLimitIsRejectedBeforeItIsAllocated) {
  static_assert(kMaxArenaBytes == int64_t{1} << 30);
  const auto small = cpu::CpuRuntime::create(relu_graph(1000));
  ASSERT_TRUE(small) << small.status().message();
  // Two live tensors of 2^29 + 16 bytes: 16 bytes past the 1 GiB budget.
  const auto large = cpu::CpuRuntime::create(relu_graph((1 << 29) + 16));
  ASSERT_FALSE(large);
  EXPECT_EQ(large.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(large.status().message(),
            "the activation arena needs 1073741856 bytes, more than the limit of 1073741824");
}

// fuzz_cpu_run: a mutated offline plan put a CPU operator's output 4 bytes
// past its input and the copy kernel read what it had just written. An offline
// plan may not put a CPU operator's operands over each other.
TEST(OfflinePlan, ACpuOperatorsOutputOverItsInputIsRejected) {
  cpu::CpuOptions apart;
  apart.fixed_offsets = {0, 1024};
  ASSERT_TRUE(cpu::CpuRuntime::create(relu_graph(1000), apart));
  cpu::CpuOptions overlapping;
  overlapping.fixed_offsets = {0, 16};
  const auto rejected = cpu::CpuRuntime::create(relu_graph(1000), overlapping);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(rejected.status().message(),
            "operator 0 (RELU): the offline memory plan puts output out at arena offset 16 over "
            "input in at offset 0");
  // A RESHAPE may alias its input exactly (TFLM copies only when they differ).
  ir::Graph reshape = relu_graph(1000);
  reshape.operators[0].type = ir::OpType::kReshape;
  cpu::CpuOptions in_place;
  in_place.fixed_offsets = {0, 0};
  EXPECT_TRUE(cpu::CpuRuntime::create(reshape, in_place));
  EXPECT_FALSE(cpu::CpuRuntime::create(reshape, overlapping));
}

// input [batches, 128] -> FULLY_CONNECTED (int8 weights [128, 128]) -> [batches, 128]:
// batches * 2^14 multiply-accumulates.
ir::Graph fully_connected_graph(int32_t batches) {
  ir::Graph graph;
  ir::Tensor weights = int8_tensor("weights", {128, 128});
  weights.data.assign(128 * 128, 1);
  graph.tensors = {int8_tensor("in", {batches, 128}), weights, int8_tensor("out", {batches, 128})};
  graph.operators.push_back(
      {ir::OpType::kFullyConnected, {0, 1, -1}, {2}, ir::FullyConnectedOptions{}});
  graph.inputs = {0};
  graph.outputs = {2};
  return graph;
}

TEST(CpuWorkLimit, AModelAboveTheMacLimitIsRejectedBeforeItIsPrepared) {
  static_assert(kMaxCpuMacs == int64_t{1} << 34);
  const auto at_limit = cpu::CpuRuntime::create(fully_connected_graph(1 << 20));
  ASSERT_TRUE(at_limit) << at_limit.status().message();  // 2^20 * 2^14 MACs: exactly the limit
  const auto above = cpu::CpuRuntime::create(fully_connected_graph((1 << 20) + 1));
  ASSERT_FALSE(above);
  EXPECT_EQ(above.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(above.status().message(),
            "the model needs more than 17179869184 multiply-accumulates on the CPU, the limit "
            "of one run");
}

// An ethos-u operator with payload `payload` (not a valid COP1 stream) and
// one int8 output of `output_shape`.
ir::Graph ethos_u_graph(ir::Shape output_shape) {
  ir::Graph graph;
  ir::Tensor payload;
  payload.name = "command_stream";
  payload.type = ir::DataType::kUInt8;
  payload.shape = {8};
  payload.data.assign(8, 0);
  graph.tensors = {payload, int8_tensor("in", {1, 1}), int8_tensor("out", std::move(output_shape))};
  graph.operators.push_back({ir::OpType::kEthosU, {0, 1}, {2}, ir::CustomOptions{"ethos-u", {}, {}}});
  graph.inputs = {1};
  graph.outputs = {2};
  return graph;
}

TEST(NpuOutputLimit, AnEthosUOutputAboveTheLimitIsRejectedNamingIt) {
  const auto config = isa::find_accelerator_config("ethos-u55-128");
  ASSERT_TRUE(config) << config.status().message();
  // The fuzzer's file: hello_world's Vela output with the output [2147483647, 1].
  const ir::Graph huge = ethos_u_graph({2147483647, 1});
  const auto rejected = npu::read_ethos_u_operator(huge, huge.operators[0], *config);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(rejected.status().message(),
            "ethos-u output 0 'out' [2147483647,1] int8 needs 2147483647 bytes, more than the "
            "1073741824-byte limit on an NPU output");
  // At the limit the output passes and the (invalid) payload is what fails.
  const ir::Graph at_limit = ethos_u_graph({1 << 30, 1});
  const auto payload_error = npu::read_ethos_u_operator(at_limit, at_limit.operators[0], *config);
  ASSERT_FALSE(payload_error);
  EXPECT_EQ(payload_error.status().message().find("ethos-u output"), std::string::npos)
      << payload_error.status().message();
}

}  // namespace
}  // namespace vnpu::driver
