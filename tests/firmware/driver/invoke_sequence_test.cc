// The driver's exact register sequences against the recording fake NPU: the
// golden sequences below are written from the register map
// (docs/ARCHITECTURE.md §8.3) and the driver flow of ethos-u-facts.md §5.4,
// not read back from the driver.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/firmware/driver/test_support.h"

namespace vnpu::firmware::test {
namespace {

constexpr uint32_t kPowerClockGated = VNPU_CMD_CLOCK_Q_ENABLE | VNPU_CMD_POWER_Q_ENABLE;

Event R(uint32_t offset, uint64_t value) { return {Event::kRead, offset, value}; }
Event W(uint32_t offset, uint64_t value) { return {Event::kWrite, offset, value}; }

// RESET into non-secure privileged, STATUS.reset_status already clear, PROT
// as requested, then the AXI set-up.
std::vector<Event> soft_reset_sequence() {
  return {W(VNPU_REG_RESET, VNPU_RESET_PENDING_CPL_PRIVILEGED),
          R(VNPU_REG_STATUS, 0),
          R(VNPU_REG_PROT, VNPU_PROT_ACTIVE_CPL_PRIVILEGED),
          W(VNPU_REG_QCONFIG, 2),
          W(VNPU_REG_REGIONCFG, 0x5553),  // region 0 -> 3, 1 -> 0, 2..7 -> 1
          W(VNPU_REG_AXI_LIMIT0, 0x0F1F0000),
          W(VNPU_REG_AXI_LIMIT0 + 4, 0x0F1F0000),
          W(VNPU_REG_AXI_LIMIT0 + 8, 0x0F1F0000),
          W(VNPU_REG_AXI_LIMIT0 + 12, 0x0F1F0000)};
}

void append(std::vector<Event>& to, const std::vector<Event>& events) {
  to.insert(to.end(), events.begin(), events.end());
}

TEST(FirmwareDriverSequence, InitReadsIdAndConfigResetsAndGatesPower) {
  DriverOnFake fake;
  ASSERT_EQ(fake.init_status, VNPU_OK) << name(fake.init_status);
  std::vector<Event> golden = {R(VNPU_REG_ID, isa::kIdRegister),
                               R(VNPU_REG_CONFIG, preset("ethos-u55-256").config_register())};
  append(golden, soft_reset_sequence());
  append(golden, {R(VNPU_REG_CMD, 0), W(VNPU_REG_CMD, kPowerClockGated)});
  EXPECT_EQ(to_string(fake.npu.log()), to_string(golden));

  vnpu_hw_info info{};
  ASSERT_EQ(vnpu_get_hw_info(&fake.driver, &info), VNPU_OK);
  EXPECT_EQ(info.macs_per_cycle, 256u);
  EXPECT_EQ(info.shram_kb, 48u);
  EXPECT_EQ(info.arch_major, 1u);
  EXPECT_EQ(info.arch_minor, 0u);
  EXPECT_EQ(info.arch_patch, 6u);
}

TEST(FirmwareDriverSequence, InvokeProgramsTheNpuInTheGoldenOrder) {
  DriverOnFake fake;
  ASSERT_EQ(fake.init_status, VNPU_OK);
  AlignedBytes payload(test_payload());
  Regions regions;
  int user_arg = 0;
  fake.npu.clear_log();

  ASSERT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, &user_arg),
            VNPU_OK);

  const uint64_t stream = reinterpret_cast<uintptr_t>(payload.data()) + 32;  // word 8
  const uint64_t stream_bytes = 4 * test_stream().size();
  const uint64_t user = reinterpret_cast<uintptr_t>(&user_arg);
  std::vector<Event> golden = {{Event::kFlush, stream, stream_bytes}};
  for (int i = 0; i < 3; ++i)
    golden.push_back({Event::kFlush, regions.addresses[i], regions.sizes[i]});
  append(golden, soft_reset_sequence());  // the first power request
  append(golden, {R(VNPU_REG_CMD, kPowerClockGated), W(VNPU_REG_CMD, 0)});  // ungate
  golden.push_back({Event::kBegin, user, 0});
  append(golden, {W(VNPU_REG_QBASE, stream & 0xFFFFFFFF), W(VNPU_REG_QBASE_HI, stream >> 32),
                  W(VNPU_REG_QSIZE, stream_bytes)});
  for (uint32_t i = 0; i < 3; ++i) {
    append(golden, {W(VNPU_REG_BASEP0 + 8 * i, regions.addresses[i] & 0xFFFFFFFF),
                    W(VNPU_REG_BASEP0 + 8 * i + 4, regions.addresses[i] >> 32)});
  }
  append(golden, {R(VNPU_REG_CMD, 0), W(VNPU_REG_CMD, VNPU_CMD_RUN)});
  // The IRQ: clear it, then read STATUS.
  const uint32_t done = VNPU_STATUS_CMD_END_REACHED;
  append(golden, {R(VNPU_REG_CMD, VNPU_CMD_RUN), W(VNPU_REG_CMD, VNPU_CMD_CLEAR_IRQ),
                  R(VNPU_REG_STATUS, done)});
  // wait(): invalidate the outputs, the end callback, gate power again.
  for (int i = 0; i < 3; ++i) {
    golden.push_back({Event::kInvalidate, regions.addresses[i], regions.sizes[i]});
  }
  golden.push_back({Event::kEnd, user, 0});
  append(golden, {R(VNPU_REG_CMD, VNPU_CMD_CLEAR_IRQ), W(VNPU_REG_CMD, kPowerClockGated)});
  EXPECT_EQ(to_string(fake.npu.log()), to_string(golden));
}

TEST(FirmwareDriverSequence, SecondInvokeRunsTheSameSequenceAgain) {
  DriverOnFake fake;
  AlignedBytes payload(test_payload());
  Regions regions;
  ASSERT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
  fake.npu.clear_log();
  ASSERT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
  const std::vector<Event> second = fake.npu.log();
  fake.npu.clear_log();
  ASSERT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
  EXPECT_EQ(to_string(fake.npu.log()), to_string(second));
  EXPECT_EQ(fake.npu.runs(), 3);
}

TEST(FirmwareDriverSequence, UnknownSizesFlushAndInvalidateTheWholeCache) {
  DriverOnFake fake;
  AlignedBytes payload(test_payload());
  Regions regions;
  fake.npu.clear_log();
  ASSERT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses, nullptr, 3,
                        nullptr),
            VNPU_OK);
  std::vector<Event> cache_events;
  for (const Event& event : fake.npu.log()) {
    if (event.kind == Event::kFlush || event.kind == Event::kInvalidate)
      cache_events.push_back(event);
  }
  EXPECT_EQ(to_string(cache_events),
            to_string({{Event::kFlush, 0, 0}, {Event::kInvalidate, 0, 0}}));
}

TEST(FirmwareDriverSequence, CacheMasksSelectTheBasePointers) {
  DriverOnFake fake;
  AlignedBytes payload(test_payload());
  Regions regions;
  ASSERT_EQ(vnpu_set_cache_masks(&fake.driver, 0x1 /*constants*/, 0x2 /*arena*/), VNPU_OK);
  fake.npu.clear_log();
  ASSERT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
  std::vector<Event> cache_events;
  for (const Event& event : fake.npu.log()) {
    if (event.kind == Event::kFlush || event.kind == Event::kInvalidate)
      cache_events.push_back(event);
  }
  const uint64_t stream = reinterpret_cast<uintptr_t>(payload.data()) + 32;
  EXPECT_EQ(to_string(cache_events),
            to_string({{Event::kFlush, stream, 4 * test_stream().size()},
                       {Event::kFlush, regions.addresses[0], regions.sizes[0]},
                       {Event::kInvalidate, regions.addresses[1], regions.sizes[1]}}));
}

TEST(FirmwareDriverSequence, FastMemoryReplacesRegionTwo) {
  alignas(16) static uint8_t fast_memory[256];
  DriverOnFake fake(isa::kDefaultAcceleratorConfig, fast_memory, sizeof(fast_memory));
  ASSERT_EQ(fake.init_status, VNPU_OK);
  AlignedBytes payload(test_payload());
  Regions regions;
  ASSERT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
  const auto fast = reinterpret_cast<uintptr_t>(fast_memory);
  EXPECT_EQ(fake.npu.register_value(VNPU_REG_BASEP0 + 16), static_cast<uint32_t>(fast));
  EXPECT_EQ(fake.npu.register_value(VNPU_REG_BASEP0 + 20), static_cast<uint32_t>(fast >> 32));
  EXPECT_EQ(fake.npu.register_value(VNPU_REG_BASEP0 + 8),
            static_cast<uint32_t>(regions.addresses[1]));

  regions.sizes[2] = sizeof(fast_memory) + 16;  // does not fit
  fake.npu.clear_log();
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_ERROR_FAST_MEMORY);
  EXPECT_TRUE(fake.npu.log().empty());
}

TEST(FirmwareDriverSequence, PowerRequestsAreCounted) {
  DriverOnFake fake;
  fake.npu.clear_log();
  ASSERT_EQ(vnpu_request_power(&fake.driver), VNPU_OK);  // soft reset + ungate
  ASSERT_EQ(vnpu_request_power(&fake.driver), VNPU_OK);  // nothing
  ASSERT_EQ(vnpu_release_power(&fake.driver), VNPU_OK);  // nothing
  ASSERT_EQ(vnpu_release_power(&fake.driver), VNPU_OK);  // gate
  EXPECT_EQ(vnpu_release_power(&fake.driver), VNPU_ERROR_INVALID_ARGUMENT);
  std::vector<Event> golden = soft_reset_sequence();
  append(golden, {R(VNPU_REG_CMD, kPowerClockGated), W(VNPU_REG_CMD, 0), R(VNPU_REG_CMD, 0),
                  W(VNPU_REG_CMD, kPowerClockGated)});
  EXPECT_EQ(to_string(fake.npu.log()), to_string(golden));
}

TEST(FirmwareDriverSequence, SoftResetThatNeverCompletesFailsInit) {
  FakeNpu npu(preset("ethos-u55-256").config_register(), isa::kIdRegister);
  npu.reset_polls = 1 << 30;
  vnpu_driver driver{};
  EXPECT_EQ(vnpu_init(&driver, npu.hal(), nullptr, 0, false, true), VNPU_ERROR_RESET_FAILED);
  EXPECT_EQ(test::live_os_objects(), 0);  // the IRQ semaphore was destroyed again
}

TEST(FirmwareDriverSequence, SoftResetWaitsForResetStatusToClear) {
  FakeNpu npu(preset("ethos-u55-256").config_register(), isa::kIdRegister);
  npu.reset_polls = 5;
  vnpu_driver driver{};
  ASSERT_EQ(vnpu_init(&driver, npu.hal(), nullptr, 0, true, false), VNPU_OK);
  int status_reads = 0;
  for (const Event& event : npu.log())
    status_reads += event == R(VNPU_REG_STATUS, VNPU_STATUS_RESET_STATUS);
  EXPECT_EQ(status_reads, 4);
  EXPECT_EQ(vnpu_deinit(&driver), VNPU_OK);
}

TEST(FirmwareDriverSequence, ProtNotAtTheRequestedLevelsFailsTheReset) {
  FakeNpu npu(preset("ethos-u55-256").config_register(), isa::kIdRegister);
  npu.prot_override = 0;  // stays user, non-secure
  vnpu_driver driver{};
  EXPECT_EQ(vnpu_init(&driver, npu.hal(), nullptr, 0, true, true), VNPU_ERROR_RESET_FAILED);
}

TEST(FirmwareDriverSequence, InitRefusesBadArguments) {
  FakeNpu npu(preset("ethos-u55-256").config_register(), isa::kIdRegister);
  vnpu_driver driver{};
  alignas(16) static uint8_t fast_memory[64];
  EXPECT_EQ(vnpu_init(nullptr, npu.hal(), nullptr, 0, false, true), VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_init(&driver, vnpu_hal{nullptr, nullptr}, nullptr, 0, false, true),
            VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_init(&driver, npu.hal(), fast_memory + 4, 32, false, true), VNPU_ERROR_ALIGNMENT);
  EXPECT_EQ(vnpu_init(&driver, npu.hal(), fast_memory, 0, false, true),
            VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(npu.log().empty());
}

}  // namespace
}  // namespace vnpu::firmware::test
