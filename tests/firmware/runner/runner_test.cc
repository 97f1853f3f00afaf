// The firmware runner on the host: the shared models run entirely on its CPU
// fallback kernels give the goldens byte for byte; errors are clean.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "../../golden/shared_models.h"
#include "runner_support.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/writer.h"

namespace vnpu::firmware::testing {
namespace {

constexpr uint32_t kArenaBytes = 2u * 1024u * 1024u;

// in [1, 4] -> RESHAPE -> out [4], both of `type`, written with an offline
// plan placing in at 0 and out at `out_offset`.
std::vector<uint8_t> reshape_model_with_plan(ir::DataType type, int32_t out_offset) {
  ir::Model model;
  ir::Graph& graph = model.graphs.emplace_back();
  ir::Tensor in;
  in.name = "in";
  in.type = type;
  in.shape = {1, 4};
  in.quantization.scales = {0.5f};
  in.quantization.zero_points = {0};
  ir::Tensor out = in;
  out.name = "out";
  out.shape = {4};
  graph.tensors = {in, out};
  graph.operators.push_back({ir::OpType::kReshape, {0}, {1}, std::monostate{}});
  graph.inputs = {0};
  graph.outputs = {1};
  const std::vector<int32_t> words = {0, 1, 2, 0, out_offset};
  std::vector<uint8_t> plan(words.size() * 4);
  std::memcpy(plan.data(), words.data(), plan.size());
  model.metadata.push_back({tflite::kOfflineMemoryAllocation, plan});
  auto bytes = tflite::write_tflite(model);
  return bytes ? *bytes : std::vector<uint8_t>{};
}

std::string init_error(const std::vector<uint8_t>& bytes, vnpu_run_status expected) {
  auto host = make_host_runner(4096);
  const vnpu_run_status status =
      vnpu_runner_init(&host->runner, &host->model, bytes.data(),
                       static_cast<uint32_t>(bytes.size()), host->arena.data(), 4096, nullptr);
  EXPECT_EQ(status, expected) << host->runner.error;
  return host->runner.error;
}

// As the host runtime (driver/cpu/cpu_runtime.cc, tflite/offline_memory_plan.cc):
// an offline plan may not misalign a tensor nor put a CPU operator's output over its input.
TEST(FirmwareRunner, AnOfflinePlanThatMisalignsOrOverlapsCpuOperandsIsRefused) {
  const std::vector<uint8_t> apart = reshape_model_with_plan(ir::DataType::kInt8, 16);
  ASSERT_FALSE(apart.empty());
  EXPECT_EQ(init_error(apart, VNPU_RUN_OK), "");
  EXPECT_EQ(init_error(reshape_model_with_plan(ir::DataType::kInt8, 0), VNPU_RUN_OK), "")
      << "a RESHAPE in place";
  EXPECT_EQ(init_error(reshape_model_with_plan(ir::DataType::kInt16, 17), VNPU_RUN_BAD_MODEL),
            "offline memory plan 1: offset not a multiple of the element size");
  EXPECT_EQ(init_error(reshape_model_with_plan(ir::DataType::kInt8, 2), VNPU_RUN_BAD_MODEL),
            "operator 0 (RESHAPE): the offline memory plan puts an output over another operand");
}

void expect_goldens(const std::string& name) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  const std::vector<uint8_t> bytes = read_file(vnpu::testing::model_file(name, "model.tflite"));
  auto host = make_host_runner(kArenaBytes);
  ASSERT_EQ(vnpu_runner_init(&host->runner, &host->model, bytes.data(),
                             static_cast<uint32_t>(bytes.size()), host->arena.data(), kArenaBytes,
                             nullptr),
            VNPU_RUN_OK)
      << host->runner.error;
  for (int seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(name + " seed " + std::to_string(seed));
    const std::vector<uint8_t> input =
        npy_data(vnpu::testing::model_file(name, "input_" + std::to_string(seed) + "_0.npy"));
    const std::vector<uint8_t> golden =
        npy_data(vnpu::testing::model_file(name, "output_" + std::to_string(seed) + "_0.npy"));
    uint8_t* in = nullptr;
    uint8_t* out = nullptr;
    const vnpu_tensor* in_tensor = vnpu_runner_input(&host->runner, 0, &in);
    const vnpu_tensor* out_tensor = vnpu_runner_output(&host->runner, 0, &out);
    ASSERT_NE(in_tensor, nullptr);
    ASSERT_NE(out_tensor, nullptr);
    ASSERT_EQ(in_tensor->bytes, input.size());
    ASSERT_EQ(out_tensor->bytes, golden.size());
    std::memcpy(in, input.data(), input.size());
    ASSERT_EQ(vnpu_runner_invoke(&host->runner), VNPU_RUN_OK) << host->runner.error;
    EXPECT_EQ(0, std::memcmp(out, golden.data(), golden.size()));
  }
}

TEST(FirmwareRunner, HelloWorldMatchesTheGoldens) { expect_goldens("hello_world"); }
TEST(FirmwareRunner, KwsDscnnMatchesTheGoldens) { expect_goldens("kws_dscnn"); }
TEST(FirmwareRunner, AdAutoencoderMatchesTheGoldens) { expect_goldens("ad_autoencoder"); }
TEST(FirmwareRunner, PersonDetectMatchesTheGoldens) { expect_goldens("person_detect"); }
TEST(FirmwareRunner, VwwMobilenetV1MatchesTheGoldens) { expect_goldens("vww_mobilenetv1"); }
TEST(FirmwareRunner, IcResnet8MatchesTheGoldens) { expect_goldens("ic_resnet8"); }

TEST(FirmwareRunner, ReportsTheArenaSizeItNeeds) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  const std::vector<uint8_t> bytes = read_file(vnpu::testing::model_file("kws_dscnn", "model.tflite"));
  auto host = make_host_runner(4096);
  EXPECT_EQ(vnpu_runner_init(&host->runner, &host->model, bytes.data(),
                             static_cast<uint32_t>(bytes.size()), host->arena.data(), 4096, nullptr),
            VNPU_RUN_ARENA_TOO_SMALL);
  EXPECT_NE(std::strstr(host->runner.error, "needs the arena to be at least"), nullptr)
      << host->runner.error;
}

TEST(FirmwareRunner, ReusesArenaSlotsOfDeadTensors) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  const std::vector<uint8_t> bytes = read_file(vnpu::testing::model_file("kws_dscnn", "model.tflite"));
  auto host = make_host_runner(kArenaBytes);
  ASSERT_EQ(vnpu_runner_init(&host->runner, &host->model, bytes.data(),
                             static_cast<uint32_t>(bytes.size()), host->arena.data(), kArenaBytes,
                             nullptr),
            VNPU_RUN_OK);
  // At most the input's slot (490 B, 496 aligned) and two 25x5x64 activations alive at
  // once (8000 B each), not all nine activations (72,000 B).
  EXPECT_LE(host->runner.arena_used, 496u + 2u * 8000u);
}

TEST(FirmwareRunner, AnEthosUOperatorWithoutADriverIsRefused) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  const std::vector<uint8_t> bytes = read_file(
      vnpu::testing::model_file("hello_world", "vela/ethos-u55-128/hello_world_vela.tflite"));
  auto host = make_host_runner(kArenaBytes);
  EXPECT_EQ(vnpu_runner_init(&host->runner, &host->model, bytes.data(),
                             static_cast<uint32_t>(bytes.size()), host->arena.data(), kArenaBytes,
                             nullptr),
            VNPU_RUN_NO_NPU);
  EXPECT_STREQ(host->runner.error, "operator 0 (ethos-u): no NPU driver");
}

// vnpu_runner_init on a file of fuzz/corpus/fuzz_firmware_runner (the file must exist).
vnpu_run_status init_from_corpus(const std::string& name, HostRunner* host) {
  const std::vector<uint8_t> bytes =
      read_file(std::string(VNPU_SOURCE_DIR) + "/fuzz/corpus/fuzz_firmware_runner/" + name);
  EXPECT_FALSE(bytes.empty()) << name;
  host->corpus_bytes = bytes;  // the runner reads the model in place
  return vnpu_runner_init(&host->runner, &host->model, host->corpus_bytes.data(),
                          static_cast<uint32_t>(host->corpus_bytes.size()), host->arena.data(),
                          static_cast<uint32_t>(host->arena.size()), nullptr);
}

TEST(FirmwareRunner, ADilationWhoseFilterReachesPastInt32IsRefusedAtInit) {
  // Found by fuzz_firmware_runner: a DEPTHWISE_CONV_2D whose dilation 1,090,516,481
  // made the kernel's input row origin + dilation * ky overflow int32.
  auto host = make_host_runner(16u * 1024u);
  EXPECT_EQ(init_from_corpus("regression-depthwise-dilation-overflow", host.get()),
            VNPU_RUN_BAD_MODEL);
  EXPECT_NE(std::string(host->runner.error).find("strides, dilations and padding do not agree"),
            std::string::npos)
      << host->runner.error;
}

// Found by fuzz_firmware_runner: an AVERAGE_POOL_2D whose output is
// [2,046,820,353, 0, 9, 8] spun 2 billion times over its empty batch rows
// (6.7 s under ASan). An empty output is checked like any other and then has
// nothing to compute.
TEST(FirmwareRunner, AnEmptyOutputIsCheckedAndRunsAsNothingToCompute) {
  auto host = make_host_runner(16u * 1024u);
  ASSERT_EQ(init_from_corpus("regression-empty-output-huge-batch", host.get()), VNPU_RUN_OK)
      << host->runner.error;
  ASSERT_GE(host->model.operator_count, 1u);
  EXPECT_EQ(host->model.operators[0].builtin, VNPU_OP_AVERAGE_POOL_2D);
  EXPECT_EQ(host->model.tensors[host->model.operators[0].outputs[0]].bytes, 0u);
  EXPECT_EQ(vnpu_runner_invoke(&host->runner), VNPU_RUN_OK) << host->runner.error;
}

}  // namespace
}  // namespace vnpu::firmware::testing
