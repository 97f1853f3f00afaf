// HostRegisters: the storage registers every NPU device keeps the same way.
#include "isa/host_registers.h"

#include <gtest/gtest.h>

#include "isa/accelerator_config.h"

namespace vnpu::isa {
namespace {

constexpr uint32_t kConfigValue = 0x00003008;

TEST(HostRegisters, BasePointersReadBackByHalves) {
  HostRegisters regs;
  EXPECT_TRUE(regs.write(reg::kBasep0 + 8 * 3, 0x89ABCDEF));
  EXPECT_TRUE(regs.write(reg::kBasep0 + 8 * 3 + 4, 0x01234567));
  EXPECT_EQ(regs.basep[3], 0x0123456789ABCDEFull);
  EXPECT_EQ(regs.read(reg::kBasep0 + 8 * 3, kConfigValue), 0x89ABCDEFu);
  EXPECT_EQ(regs.read(reg::kBasep0 + 8 * 3 + 4, kConfigValue), 0x01234567u);
  EXPECT_EQ(regs.read(reg::kBasep0, kConfigValue), 0u);
}

TEST(HostRegisters, QueueRegistersAndTheirMasks) {
  HostRegisters regs;
  EXPECT_TRUE(regs.write(reg::kQbase, 0x1000));
  EXPECT_TRUE(regs.write(reg::kQbaseHi, 0x2));
  EXPECT_EQ(regs.qbase, 0x200001000ull);
  EXPECT_TRUE(regs.write(reg::kQsize, 512));
  EXPECT_TRUE(regs.write(reg::kQconfig, 0xFFFFFFFF));
  EXPECT_EQ(regs.read(reg::kQconfig, kConfigValue), 3u);  // two bits
  EXPECT_EQ(regs.read(reg::kQsize, kConfigValue), 512u);
  EXPECT_TRUE(regs.write(reg::kAxiLimit0 + 12, 77));
  EXPECT_EQ(regs.read(reg::kAxiLimit0 + 12, kConfigValue), 77u);
}

TEST(HostRegisters, ConstantsAndReadOnlyRegisters) {
  HostRegisters regs;
  regs.status = reg::kStatusIrqRaised;
  EXPECT_EQ(regs.read(reg::kId, kConfigValue), kIdRegister);
  EXPECT_EQ(regs.read(reg::kConfig, kConfigValue), kConfigValue);
  EXPECT_EQ(regs.read(reg::kStatus, kConfigValue), reg::kStatusIrqRaised);
  for (uint32_t offset : {reg::kId, reg::kStatus, reg::kQread, reg::kConfig}) {
    EXPECT_FALSE(regs.write(offset, 0xFFFFFFFF)) << offset;
  }
  EXPECT_EQ(regs.status, reg::kStatusIrqRaised);
}

TEST(HostRegisters, CommandAndPmuAreTheDevicesOwn) {
  HostRegisters regs;
  EXPECT_FALSE(regs.write(reg::kCmd, reg::kCmdRun));
  EXPECT_FALSE(regs.read(reg::kCmd, kConfigValue).has_value());
  EXPECT_FALSE(regs.write(reg::kPmcr, 1));
  EXPECT_FALSE(regs.read(reg::kPmccntrLo, kConfigValue).has_value());
}

}  // namespace
}  // namespace vnpu::isa
