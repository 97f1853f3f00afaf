// The firmware runner's ethos-u path on the host: Vela's compiled models and
// `vnpu compile`'s, read in place, their ethos-u operators run through the C
// driver on the functional NPU (driver/npu/functional_device.h) behind a
// hardware layer of a few lines, the rest on the runner's CPU kernels; outputs
// byte-identical with the goldens, seeds 1-3.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "../../golden/shared_models.h"
#include "compiler/compile_model.h"
#include "tests/firmware/functional_shim.h"
#include "isa/accelerator_config.h"
#include "runner_support.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::firmware::testing {
namespace {

constexpr uint32_t kArenaBytes = 2u * 1024u * 1024u;

// Runs `model_bytes` (kept 16-byte aligned by the caller's vector) for seeds 1-3 of `name`.
void expect_goldens_on_npu(const std::string& name, const std::vector<uint8_t>& model_bytes,
                           const std::string& config_name, bool expect_npu_operator = true) {
  auto config = isa::find_accelerator_config(config_name);
  ASSERT_TRUE(config) << config.status().message();
  FunctionalShim shim(*config);
  vnpu_driver driver{};
  shim.attach(&driver);
  ASSERT_EQ(vnpu_init(&driver, shim.hal(), nullptr, 0, false, false), VNPU_OK);
  auto host = make_host_runner(kArenaBytes);
  shim.map_at_own_address(model_bytes.data(), model_bytes.size());
  shim.map_at_own_address(host->arena.data(), host->arena.size());
  ASSERT_EQ(vnpu_runner_init(&host->runner, &host->model, model_bytes.data(),
                             static_cast<uint32_t>(model_bytes.size()), host->arena.data(),
                             kArenaBytes, &driver),
            VNPU_RUN_OK)
      << host->runner.error;
  for (int seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(name + " " + config_name + " seed " + std::to_string(seed));
    const std::string suffix = std::to_string(seed) + "_0.npy";
    const std::vector<uint8_t> input = npy_data(vnpu::testing::model_file(name, "input_" + suffix));
    const std::vector<uint8_t> golden = npy_data(vnpu::testing::model_file(name, "output_" + suffix));
    uint8_t* in = nullptr;
    uint8_t* out = nullptr;
    ASSERT_EQ(vnpu_runner_input(&host->runner, 0, &in)->bytes, input.size());
    ASSERT_EQ(vnpu_runner_output(&host->runner, 0, &out)->bytes, golden.size());
    std::memcpy(in, input.data(), input.size());
    ASSERT_EQ(vnpu_runner_invoke(&host->runner), VNPU_RUN_OK) << host->runner.error;
    EXPECT_EQ(0, std::memcmp(out, golden.data(), golden.size()));
    bool any_npu = false;
    for (uint32_t o = 0; o < host->model.operator_count; ++o) any_npu |= host->runner.op_on_npu[o];
    EXPECT_EQ(any_npu, expect_npu_operator);
  }
}

TEST(FirmwareRunnerNpu, VelaModelsMatchTheGoldensThroughTheDriver) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  for (const char* name : {"hello_world", "kws_dscnn"}) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      const std::vector<uint8_t> bytes = read_file(vnpu::testing::model_file(
          name, std::string("vela/") + config + "/" + name + "_vela.tflite"));
      expect_goldens_on_npu(name, bytes, config);
    }
  }
}

TEST(FirmwareRunnerNpu, VnpuCompiledModelsMatchTheGoldensThroughTheDriver) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  for (const char* name : {"hello_world", "kws_dscnn"}) {
    auto model = vnpu::tflite::load_tflite(vnpu::testing::model_file(name, "model.tflite"));
    ASSERT_TRUE(model) << model.status().message();
    compiler::CompilerOptions options;
    auto compiled = compiler::compile_model(std::move(*model), options);
    ASSERT_TRUE(compiled) << compiled.status().message();
    auto bytes = vnpu::tflite::write_tflite(compiled->output);
    ASSERT_TRUE(bytes) << bytes.status().message();
    expect_goldens_on_npu(name, *bytes, options.accelerator_config);
  }
}

}  // namespace
}  // namespace vnpu::firmware::testing
