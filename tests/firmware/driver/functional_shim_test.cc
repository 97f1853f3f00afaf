// The C driver on the project's functional NPU (driver/npu/functional_device.h)
// through a hardware layer of a few lines: proof that vnpu_hal fits a
// simulated device, and an end-to-end run of a real command stream (a DMA
// copy) with its values checked, plus a bus fault decoded and recovered from.
//
// The shim (tests/firmware/functional_shim.h) maps every buffer at its own host
// address and raises the IRQ right after write(CMD.run). The functional device does not model RESET/PROT (PROT reads 0), so the
// driver runs at the levels that read as 0: non-secure, user.
#include <gtest/gtest.h>

#include <numeric>

#include "driver/npu/functional_device.h"
#include "isa/command_encoder.h"
#include "isa/opcodes.h"
#include "tests/firmware/driver/test_support.h"
#include "tests/firmware/functional_shim.h"

namespace vnpu::firmware::test {
namespace {

using testing::FunctionalShim;

// DMA `length` bytes from region 0 + 16 to region 1 + 32, then stop.
std::vector<uint32_t> dma_copy_stream(uint32_t length) {
  using isa::Cmd0;
  using isa::Cmd1;
  isa::CommandBuilder builder;
  builder.set(Cmd0::kDmaSrcRegion, isa::dma_region_param(0, false, 0));
  builder.set(Cmd1::kDmaSrc, 16);
  builder.set(Cmd0::kDmaDstRegion, isa::dma_region_param(1, false, 0));
  builder.set(Cmd1::kDmaDst, 32);
  builder.set(Cmd1::kDmaLen, length);
  builder.operation(Cmd0::kOpDmaStart);
  builder.operation(Cmd0::kOpDmaWait, 0);
  builder.operation(Cmd0::kOpStop, 0xFFFF);
  return builder.words();
}

TEST(FirmwareFunctionalShim, DriverRunsADmaStreamOnTheFunctionalNpu) {
  const isa::AcceleratorConfig& config = preset(isa::kDefaultAcceleratorConfig);
  FunctionalShim shim(config);
  vnpu_driver driver{};
  shim.attach(&driver);
  ASSERT_EQ(vnpu_init(&driver, shim.hal(), nullptr, 0, false, false), VNPU_OK);
  vnpu_hw_info info{};
  ASSERT_EQ(vnpu_get_hw_info(&driver, &info), VNPU_OK);
  EXPECT_EQ(info.config_register, config.config_register());  // CONFIG read from the model

  Regions regions;
  std::iota(std::begin(regions.constants), std::end(regions.constants), uint8_t{1});
  AlignedBytes payload(isa::build_cop1_payload(config, dma_copy_stream(40)));
  vnpu_payload parsed{};
  ASSERT_EQ(vnpu_parse_payload(payload.data(), payload.size(), &parsed), VNPU_OK);
  shim.map_at_own_address(parsed.command_stream, 4 * parsed.command_stream_words);
  shim.map_at_own_address(regions.constants, sizeof(regions.constants));
  shim.map_at_own_address(regions.arena, sizeof(regions.arena));

  ASSERT_EQ(vnpu_invoke(&driver, payload.data(), payload.size(), regions.addresses, regions.sizes,
                        2, nullptr),
            VNPU_OK)
      << shim.device.fault_detail();
  for (int i = 0; i < 40; ++i) EXPECT_EQ(regions.arena[32 + i], regions.constants[16 + i]) << i;
  EXPECT_EQ(regions.arena[31], 0);
  EXPECT_EQ(regions.arena[72], 0);

  // 64 bytes from offset 16 run past the 64-byte constants region: a bus
  // error, decoded by the driver, and the next run works.
  AlignedBytes too_long(isa::build_cop1_payload(config, dma_copy_stream(64)));
  ASSERT_EQ(vnpu_parse_payload(too_long.data(), too_long.size(), &parsed), VNPU_OK);
  shim.map_at_own_address(parsed.command_stream, 4 * parsed.command_stream_words);
  EXPECT_EQ(vnpu_invoke(&driver, too_long.data(), too_long.size(), regions.addresses, regions.sizes,
                        2, nullptr),
            VNPU_ERROR_BUS);
  EXPECT_NE(driver.fault_status & VNPU_STATUS_BUS_ERROR, 0u);
  EXPECT_EQ(vnpu_invoke(&driver, payload.data(), payload.size(), regions.addresses, regions.sizes,
                        2, nullptr),
            VNPU_OK);
  EXPECT_EQ(vnpu_deinit(&driver), VNPU_OK);
}

}  // namespace
}  // namespace vnpu::firmware::test
