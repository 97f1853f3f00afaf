// Every fault STATUS becomes its named error, is followed by a soft reset,
// and leaves the driver able to run the next invoke; timeouts likewise.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/firmware/driver/test_support.h"

namespace vnpu::firmware::test {
namespace {

struct FaultCase {
  const char* name;
  uint32_t status;  // STATUS the NPU shows at the IRQ
  vnpu_status error;
};

const FaultCase kFaults[] = {
    {"cmd_parse_error", VNPU_STATUS_CMD_PARSE_ERROR, VNPU_ERROR_CMD_PARSE},
    {"bus_error_on_ifm", VNPU_STATUS_BUS_ERROR | (1u << VNPU_STATUS_FAULTING_CHANNEL_SHIFT),
     VNPU_ERROR_BUS},
    {"wd_fault", VNPU_STATUS_WD_FAULT, VNPU_ERROR_WD_FAULT},
    {"ecc_fault", VNPU_STATUS_ECC_FAULT, VNPU_ERROR_ECC_FAULT},
    {"irq_without_stop", 0, VNPU_ERROR_NO_STOP},
    // A fault bit wins over cmd_end_reached.
    {"parse_error_with_end", VNPU_STATUS_CMD_PARSE_ERROR | VNPU_STATUS_CMD_END_REACHED,
     VNPU_ERROR_CMD_PARSE},
};

// Index of the first event equal to `event` at or after `from`, or -1.
long find(const std::vector<Event>& log, const Event& event, size_t from = 0) {
  for (size_t i = from; i < log.size(); ++i) {
    if (log[i] == event) return static_cast<long>(i);
  }
  return -1;
}

class FirmwareDriverFault : public ::testing::TestWithParam<FaultCase> {};

TEST_P(FirmwareDriverFault, IsNamedResetAndTheNextInvokeWorks) {
  const FaultCase& fault = GetParam();
  DriverOnFake fake;
  AlignedBytes payload(test_payload());
  Regions regions;
  fake.npu.run_status = VNPU_STATUS_IRQ_RAISED | fault.status;
  fake.npu.clear_log();

  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            fault.error)
      << name(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                          regions.sizes, 3, nullptr));
  EXPECT_EQ(fake.driver.fault_status, fault.status);  // read after clear_irq

  // After the IRQ's STATUS read: a soft reset, and no invalidate of garbage outputs.
  const std::vector<Event> log = fake.npu.log();
  const long acknowledge = find(log, {Event::kWrite, VNPU_REG_CMD, VNPU_CMD_CLEAR_IRQ});
  ASSERT_GE(acknowledge, 0) << to_string(log);
  const long status_read = find(log, {Event::kRead, VNPU_REG_STATUS, fault.status},
                                static_cast<size_t>(acknowledge));  // irq_raised cleared
  ASSERT_EQ(status_read, acknowledge + 1) << to_string(log);
  EXPECT_GE(find(log, {Event::kWrite, VNPU_REG_RESET, VNPU_RESET_PENDING_CPL_PRIVILEGED},
                 static_cast<size_t>(status_read)),
            0)
      << to_string(log);
  for (const Event& event : log) EXPECT_NE(event.kind, Event::kInvalidate);
  EXPECT_EQ(fake.npu.status(), 0u);  // the reset cleared the fault

  fake.npu.run_status = VNPU_STATUS_IRQ_RAISED | VNPU_STATUS_CMD_END_REACHED;
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
  EXPECT_EQ(fake.driver.power_requests, 0u);
}

INSTANTIATE_TEST_SUITE_P(AllFaults, FirmwareDriverFault, ::testing::ValuesIn(kFaults),
                         [](const auto& test_case) { return std::string(test_case.param.name); });

TEST(FirmwareDriverTimeout, NoIrqIsATimeoutFollowedByAReset) {
  DriverOnFake fake;
  AlignedBytes payload(test_payload());
  Regions regions;
  fake.npu.raise_irq_on_run = false;
  ASSERT_EQ(vnpu_invoke_async(&fake.driver, payload.data(), payload.size(), regions.addresses,
                              regions.sizes, 3, nullptr),
            VNPU_OK);
  fake.npu.clear_log();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(vnpu_wait(&fake.driver, 20 /* ms, the test hooks' unit */), VNPU_ERROR_TIMEOUT);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(20));

  const std::vector<Event> log = fake.npu.log();
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[0].kind, Event::kRead);  // STATUS kept for diagnostics
  EXPECT_EQ(log[0].address, VNPU_REG_STATUS);
  EXPECT_EQ(log[1], (Event{Event::kWrite, VNPU_REG_RESET, VNPU_RESET_PENDING_CPL_PRIVILEGED}));
  EXPECT_EQ(fake.driver.power_requests, 0u);

  // The IRQ arriving late is only acknowledged: no reset, no effect on the next job.
  fake.npu.clear_log();
  vnpu_irq_handler(&fake.driver);
  EXPECT_EQ(
      to_string(fake.npu.log()),
      to_string({{Event::kRead, VNPU_REG_CMD, VNPU_CMD_CLOCK_Q_ENABLE | VNPU_CMD_POWER_Q_ENABLE},
                 {Event::kWrite, VNPU_REG_CMD,
                  VNPU_CMD_CLOCK_Q_ENABLE | VNPU_CMD_POWER_Q_ENABLE | VNPU_CMD_CLEAR_IRQ},
                 {Event::kRead, VNPU_REG_STATUS, 0}}));

  fake.npu.raise_irq_on_run = true;
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
}

TEST(FirmwareDriverTimeout, IrqFromAnotherThreadWithinTheTimeoutCompletes) {
  DriverOnFake fake;
  AlignedBytes payload(test_payload());
  Regions regions;
  fake.npu.raise_irq_on_run = false;
  ASSERT_EQ(vnpu_invoke_async(&fake.driver, payload.data(), payload.size(), regions.addresses,
                              regions.sizes, 3, nullptr),
            VNPU_OK);
  std::thread npu_thread([&fake] {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    vnpu_irq_handler(&fake.driver);
  });
  EXPECT_EQ(vnpu_wait(&fake.driver, 5000), VNPU_OK);
  npu_thread.join();
  EXPECT_FALSE(fake.npu.concurrent_access.load());
}

TEST(FirmwareDriverState, WaitWithoutInvokeAndInvokeWhileBusy) {
  DriverOnFake fake;
  AlignedBytes payload(test_payload());
  Regions regions;
  EXPECT_EQ(vnpu_wait(&fake.driver, 0), VNPU_ERROR_NOT_STARTED);
  fake.npu.raise_irq_on_run = false;
  ASSERT_EQ(vnpu_invoke_async(&fake.driver, payload.data(), payload.size(), regions.addresses,
                              regions.sizes, 3, nullptr),
            VNPU_OK);
  fake.npu.clear_log();
  EXPECT_EQ(vnpu_invoke_async(&fake.driver, payload.data(), payload.size(), regions.addresses,
                              regions.sizes, 3, nullptr),
            VNPU_ERROR_BUSY);
  EXPECT_EQ(vnpu_deinit(&fake.driver), VNPU_ERROR_BUSY);
  EXPECT_TRUE(fake.npu.log().empty());
  vnpu_irq_handler(&fake.driver);
  EXPECT_EQ(vnpu_wait(&fake.driver, 0), VNPU_OK);
  EXPECT_EQ(vnpu_wait(&fake.driver, 0), VNPU_ERROR_NOT_STARTED);
}

}  // namespace
}  // namespace vnpu::firmware::test
