// The code an MCU would run, on the timed NPU: every shared Vela model
// (ethos-u55-128 and -256) read in place by the C firmware runner, its ethos-u
// operators run by the C driver through driver/npu/firmware_hal.h on the SystemC
// device, the rest on the runner's CPU kernels. Outputs byte-identical to the
// goldens (seeds 1-3), and every NPU operator's PMU cycle count equal to what
// `vnpu run --backend systemc` (the C++ invoke path) measures for it.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/firmware_hal.h"
#include "driver/npu/systemc_backend.h"
#include "driver/npu/systemc_device.h"
#include "driver/npy.h"
#include "firmware/runner/include/vnpu_runner.h"
#include "isa/npu_registers.h"
#include "perf/system_config.h"
#include "tests/golden/shared_models.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

constexpr uint32_t kArenaBytes = 2u * 1024u * 1024u;

struct Case {
  std::string model;
  std::string config;
  std::string file() const { return "vela/" + config + "/" + model + "_vela.tflite"; }
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const std::string& model : testing::shared_model_names()) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) out.push_back({model, config});
  }
  return out;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return info.param.model + "_" + info.param.config.substr(info.param.config.rfind('-') + 1);
}

driver::npu::SystemcOptions systemc_options(const std::string& config) {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  return {*isa::find_accelerator_config(config), *ini.find_system_config(perf::kDefaultSystemConfig),
          *ini.find_memory_mode(perf::kDefaultMemoryMode), false};
}

std::vector<uint8_t> npy_bytes(const Case& c, const std::string& prefix, int seed) {
  auto array = driver::load_npy(
      testing::model_file(c.model, prefix + "_" + std::to_string(seed) + "_0.npy"));
  EXPECT_TRUE(array) << array.status().message();
  return array ? array->data : std::vector<uint8_t>{};
}

// The PMU cycles of each ethos-u operator as the C++ invoke path measures them (seed 1).
std::vector<uint64_t> cpp_path_cycles(const Case& c) {
  auto model = tflite::load_tflite(testing::model_file(c.model, c.file()));
  EXPECT_TRUE(model) << model.status().message();
  if (!model) return {};
  auto log = std::make_shared<driver::npu::SystemcLog>();
  driver::cpu::CpuOptions options;
  options.npu_prepare = driver::npu::systemc_npu_prepare(systemc_options(c.config), log);
  auto offsets = tflite::read_offline_memory_plan(*model);
  EXPECT_TRUE(offsets) << offsets.status().message();
  if (offsets) options.fixed_offsets = *offsets;
  auto runtime = driver::cpu::CpuRuntime::create(model->main_graph(), options);
  EXPECT_TRUE(runtime) << runtime.status().message();
  if (!runtime) return {};
  EXPECT_TRUE((*runtime)->set_input(0, npy_bytes(c, "input", 1)));
  const Status status = (*runtime)->invoke();
  EXPECT_TRUE(status) << status.message();
  std::vector<uint64_t> cycles;
  for (const driver::npu::SystemcOpRun& run : log->runs) cycles.push_back(run.pmu_cycles);
  return cycles;
}

// The model file, kept 16-byte aligned (the runner reads it in place).
std::vector<uint8_t> read_model(const Case& c) {
  std::ifstream file(testing::model_file(c.model, c.file()), std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(file), {});
}

struct FirmwareStack {
  explicit FirmwareStack(const driver::npu::SystemcOptions& options)
      : device(sim::systemc::make_timed_system(options.accelerator, options.system, options.mode),
               false),
        hal(device) {}
  ~FirmwareStack() {
    device.unmap_all();
    if (npu.initialized) (void)vnpu_deinit(&npu);
  }
  driver::npu::SystemcDevice device;
  driver::npu::FirmwareHal hal;
  vnpu_driver npu{};
  vnpu_model model{};
  vnpu_runner runner{};
  std::vector<uint8_t> arena = std::vector<uint8_t>(kArenaBytes);
};

class FirmwareOnSystemc : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  }
};

TEST_P(FirmwareOnSystemc, OutputsMatchTheGoldensAndEveryNpuOperatorTakesTheCppPathsCycles) {
  const Case& c = GetParam();
  const std::vector<uint64_t> expected_cycles = cpp_path_cycles(c);
  ASSERT_FALSE(expected_cycles.empty());
  const std::vector<uint8_t> model_bytes = read_model(c);
  auto stack = std::make_unique<FirmwareStack>(systemc_options(c.config));
  ASSERT_EQ(vnpu_init(&stack->npu, stack->hal.hal(), nullptr, 0, false, false), VNPU_OK);
  stack->hal.attach(&stack->npu);
  stack->hal.map_at_own_address(model_bytes.data(), model_bytes.size());
  stack->hal.map_at_own_address(stack->arena.data(), stack->arena.size());
  ASSERT_EQ(vnpu_runner_init(&stack->runner, &stack->model, model_bytes.data(),
                             static_cast<uint32_t>(model_bytes.size()), stack->arena.data(),
                             kArenaBytes, &stack->npu),
            VNPU_RUN_OK)
      << stack->runner.error;
  for (int seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::vector<uint8_t> input = npy_bytes(c, "input", seed);
    const std::vector<uint8_t> golden = npy_bytes(c, "output", seed);
    uint8_t* in = nullptr;
    uint8_t* out = nullptr;
    ASSERT_EQ(vnpu_runner_input(&stack->runner, 0, &in)->bytes, input.size());
    ASSERT_EQ(vnpu_runner_output(&stack->runner, 0, &out)->bytes, golden.size());
    std::memcpy(in, input.data(), input.size());
    ASSERT_EQ(vnpu_runner_invoke(&stack->runner), VNPU_RUN_OK) << stack->runner.error;
    EXPECT_EQ(0, std::memcmp(out, golden.data(), golden.size()));
    std::vector<uint64_t> cycles;
    for (uint32_t o = 0; o < stack->model.operator_count; ++o) {
      if (stack->runner.op_on_npu[o]) cycles.push_back(stack->runner.op_cycles[o]);
    }
    EXPECT_EQ(cycles, expected_cycles);
  }
}

INSTANTIATE_TEST_SUITE_P(VelaModels, FirmwareOnSystemc, ::testing::ValuesIn(cases()), case_name);

// The C driver reads CONFIG at vnpu_init and checks every payload against it,
// before the device has run anything: each device answers with its own
// accelerator, whichever device ran last on the one platform.
TEST(SystemcDevice, ConfigReadsTheDevicesOwnAcceleratorBeforeItsFirstRun) {
  for (const char* first : {"ethos-u55-128", "ethos-u55-256"}) {
    for (const char* second : {"ethos-u55-32", "ethos-u55-64", "ethos-u55-256"}) {
      const driver::npu::SystemcOptions a = systemc_options(first);
      const driver::npu::SystemcOptions b = systemc_options(second);
      driver::npu::SystemcDevice device_a(
          sim::systemc::make_timed_system(a.accelerator, a.system, a.mode), false);
      driver::npu::SystemcDevice device_b(
          sim::systemc::make_timed_system(b.accelerator, b.system, b.mode), false);
      EXPECT_EQ(device_a.read(isa::reg::kConfig), a.accelerator.config_register());
      EXPECT_EQ(device_b.read(isa::reg::kConfig), b.accelerator.config_register());
    }
  }
}

}  // namespace
}  // namespace vnpu
