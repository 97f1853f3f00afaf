// The driver's one invoke path (driver/npu/npu_invoke.h) on the functional
// NPU's register shim (driver/npu/functional_device.h): a stream runs end to
// end through BASEP/QBASE/QSIZE and CMD.run, STATUS says how it ended, a fault
// is decoded into the driver's one-line message, the registers read back what
// the driver wrote, and an invocation the driver cannot program touches no
// register.
#include "driver/npu/functional_device.h"

#include <gtest/gtest.h>

#include <vector>

#include "driver/npu/npu_invoke.h"
#include "isa/command_encoder.h"
#include "isa/npu_registers.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

namespace reg = isa::reg;
using driver::npu::FunctionalDevice;
using driver::npu::NpuInvocation;
using driver::npu::NpuInvokeResult;
using isa::Cmd0;

isa::AcceleratorConfig u55_128() { return *isa::find_accelerator_config("ethos-u55-128"); }

// An ADD of the 1x1x4 int8 IFM at region 1 offset 0 and the scalar 1; OFM at
// region 1 offset `ofm_base`.
std::vector<uint32_t> add_one_stream(uint64_t ofm_base) {
  isa::RegisterState s;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      make_fm(1, 0, {1, 1, 4}, 8, true, isa::DataFormat::kNhwc);
  s.ifm.depth_m1 = 3;
  static_cast<isa::FeatureMapState&>(s.ifm2) =
      make_fm(1, 0, {1, 1, 4}, 8, true, isa::DataFormat::kNhwc);
  s.ifm2.scalar = true;
  s.ifm2.scalar_value = 1;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      make_fm(1, ofm_base, {1, 1, 4}, 8, true, isa::DataFormat::kNhwc);
  s.ofm.depth_m1 = 3;
  s.ofm.global_scale = true;
  s.ofm_scale = {1, 0};
  s.opa_scale = {1, 0};
  s.opb_scale = {1, 0};
  s.activation.min = -128;
  s.activation.max = 127;
  isa::CommandBuilder b;
  b.set_state(s);
  b.operation(Cmd0::kOpElementwise, static_cast<uint16_t>(isa::ElementwiseMode::kAdd));
  b.operation(Cmd0::kOpStop, 0xFFFF);
  return b.words();
}

struct ShimRun {
  FunctionalDevice device{u55_128()};
  std::vector<uint8_t> flash = std::vector<uint8_t>(64, 0);
  std::vector<uint8_t> arena = std::vector<uint8_t>(128, 0);
  std::vector<uint32_t> stream;

  Expected<NpuInvokeResult> invoke() {
    NpuInvocation invocation;
    invocation.command_stream = stream.data();
    invocation.command_words = stream.size();
    invocation.regions = {{flash.data(), flash.size()}, {arena.data(), arena.size()}};
    return driver::npu::invoke_npu(device, invocation);
  }
};

TEST(FunctionalDeviceTest, StreamRunsThroughTheRegistersToNpuOpStop) {
  ShimRun run;
  run.stream = add_one_stream(64);
  for (size_t i = 0; i < 4; ++i) run.arena[i] = static_cast<uint8_t>(10 * i);
  Expected<NpuInvokeResult> result = run.invoke();
  ASSERT_TRUE(result) << result.status().message();
  EXPECT_TRUE(result->irq);
  EXPECT_EQ(result->status, reg::kStatusIrqRaised | reg::kStatusCmdEndReached);
  EXPECT_TRUE(driver::npu::decode_npu_status(*result));
  EXPECT_EQ(run.arena[64], 1);
  EXPECT_EQ(run.arena[67], 31);
  // Untimed: the cycle and event counters count nothing.
  EXPECT_EQ(result->pmu_cycles, 0u);
  EXPECT_EQ(result->pmu_counters[0], 0u);
  // What the driver programmed reads back; the IRQ was cleared.
  EXPECT_EQ(run.device.read(reg::kId), isa::kIdRegister);
  EXPECT_EQ(run.device.read(reg::kConfig), u55_128().config_register());
  EXPECT_EQ(run.device.read(reg::kBasep0 + 8), driver::npu::region_address(1));
  EXPECT_EQ(run.device.read(reg::kBasep0 + 8 * 2), 0u);  // no third region
  EXPECT_EQ(run.device.read(reg::kQsize), run.stream.size() * 4);
  EXPECT_EQ(run.device.read(reg::kPmevtyper0), driver::npu::kDriverPmuEvents[0]);
  EXPECT_EQ(run.device.read(reg::kStatus), reg::kStatusCmdEndReached);
}

TEST(FunctionalDeviceTest, OutputOutsideItsRegionIsABusErrorDecodedWithTheCommand) {
  ShimRun run;
  run.stream = add_one_stream(126);  // 4 bytes from 126 pass the 128-byte arena
  Expected<NpuInvokeResult> result = run.invoke();
  ASSERT_TRUE(result) << result.status().message();
  EXPECT_EQ(result->status, reg::kStatusIrqRaised | reg::kStatusBusError);
  const Status decoded = driver::npu::decode_npu_status(*result);
  EXPECT_EQ(decoded.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(decoded.message().find("NPU stopped with bus error: word "), std::string::npos)
      << decoded.message();
}

TEST(FunctionalDeviceTest, EmptyStreamIsACommandParseError) {
  ShimRun run;
  Expected<NpuInvokeResult> result = run.invoke();
  ASSERT_TRUE(result) << result.status().message();
  EXPECT_EQ(result->status, reg::kStatusIrqRaised | reg::kStatusCmdParseError);
  const Status decoded = driver::npu::decode_npu_status(*result);
  EXPECT_NE(decoded.message().find("without NPU_OP_STOP"), std::string::npos)
      << decoded.message();
}

TEST(FunctionalDeviceTest, UnmappedCommandStreamIsABusErrorOnTheCommandChannel) {
  FunctionalDevice device(u55_128());
  device.write(reg::kQbase, 0x1000);
  device.write(reg::kQsize, 16);
  device.write(reg::kCmd, reg::kCmdRun);
  ASSERT_TRUE(device.wait_for_irq());
  EXPECT_EQ(device.read(reg::kStatus), reg::kStatusIrqRaised | reg::kStatusBusError);
  EXPECT_NE(device.fault_detail().find("QBASE"), std::string::npos);
}

TEST(FunctionalDeviceTest, InvocationTheDriverCannotProgramTouchesNoRegister) {
  ShimRun run;
  run.stream = add_one_stream(64);
  NpuInvocation invocation;
  invocation.command_stream = run.stream.data();
  invocation.command_words = run.stream.size();
  invocation.regions.resize(9);
  Expected<NpuInvokeResult> result = driver::npu::invoke_npu(run.device, invocation);
  ASSERT_FALSE(result);
  EXPECT_NE(result.status().message().find("9 regions"), std::string::npos);
  EXPECT_EQ(run.device.read(reg::kQsize), 0u);
  EXPECT_EQ(run.device.read(reg::kStatus), 0u);
}

}  // namespace
}  // namespace vnpu::testing
