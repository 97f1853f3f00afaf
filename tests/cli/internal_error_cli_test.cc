// An exception that escapes a command (here std::bad_alloc under an address-
// space limit) is reported by main in one line with exit code 3, not as an
// uncaught exception (abort, exit 134).
#include <gtest/gtest.h>

#include <string>

#include "core/file_io.h"
#include "tests/cli/cli_runner.h"
#include "tflite/writer.h"

namespace vnpu {
namespace {

ir::Tensor int8_tensor(const std::string& name, ir::Shape shape) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.shape = std::move(shape);
  tensor.quantization.scales = {0.5f};
  tensor.quantization.zero_points = {0};
  return tensor;
}

// RELU over 300 MB: within every input limit, but its input and arena need
// more memory than the 256 MiB address space the test grants.
ir::Model large_relu_model() {
  ir::Graph graph;
  graph.tensors = {int8_tensor("in", {1, 300000000}), int8_tensor("out", {1, 300000000})};
  graph.operators.push_back({ir::OpType::kRelu, {0}, {1}, std::monostate{}});
  graph.inputs = {0};
  graph.outputs = {1};
  ir::Model model;
  model.graphs.push_back(std::move(graph));
  return model;
}

TEST(InternalErrorCli, AnAllocationFailureIsOneLineWithExitCode3) {
  if (!testing::address_space_limit_supported()) {
    GTEST_SKIP() << "AddressSanitizer build: an address-space limit would stop the binary";
  }
  const auto bytes = tflite::write_tflite(large_relu_model());
  ASSERT_TRUE(bytes) << bytes.status().message();
  const std::string path = testing::scratch_dir("internal-error") + "/large_relu.tflite";
  ASSERT_TRUE(write_file(path, *bytes));
  testing::CliLimits limits;
  limits.address_space_bytes = uint64_t{256} << 20;
  limits.wall_seconds = 60;
  const testing::CliResult result = testing::run_vnpu({"run", path}, limits);
  EXPECT_EQ(result.signal, 0) << result.err;
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(result.err, "vnpu run: internal error: out of memory (std::bad_alloc)\n");
}

}  // namespace
}  // namespace vnpu
