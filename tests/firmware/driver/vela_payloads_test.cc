// Every COP1 payload Vela wrote for the shared models (../shared/models) goes
// through the C driver: parsed as the C++ parser parses it, accepted on the
// configuration it was compiled for and refused on the other, and run on the
// fake NPU with QSIZE = its stream. Skips with a message when the models are
// absent (fails under CI=true, tests/golden/shared_models.h).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "tests/firmware/driver/test_support.h"
#include "tests/golden/shared_models.h"
#include "tests/isa/vela_models.h"

namespace vnpu::firmware::test {
namespace {

TEST(FirmwareVelaPayloads, EverySharedPayloadParsesRunsAndIsRefusedElsewhere) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  size_t payloads = 0;
  for (const isa::testing::VelaModel& model : isa::testing::vela_models()) {
    const char* other = model.config_name == "ethos-u55-128" ? "ethos-u55-256" : "ethos-u55-128";
    for (const std::vector<uint8_t>& bytes : isa::testing::ethos_u_payloads(model.path)) {
      SCOPED_TRACE(model.path);
      ++payloads;
      AlignedBytes aligned(bytes);
      vnpu_payload payload{};
      ASSERT_EQ(vnpu_parse_payload(aligned.data(), aligned.size(), &payload), VNPU_OK);
      auto cpp = isa::parse_cop1_payload(bytes.data(), bytes.size());
      ASSERT_TRUE(cpp.has_value());
      ASSERT_EQ(payload.command_stream_words, cpp.value().command_stream.size());
      EXPECT_EQ(0, std::memcmp(payload.command_stream, cpp.value().command_stream.data(),
                               4 * cpp.value().command_stream.size()));
      EXPECT_EQ(
          vnpu_check_payload_config(&payload, preset(other).config_register(), isa::kIdRegister),
          VNPU_ERROR_CONFIG_MISMATCH);

      DriverOnFake fake(model.config_name.c_str());
      ASSERT_EQ(fake.init_status, VNPU_OK);
      Regions regions;
      ASSERT_EQ(vnpu_invoke(&fake.driver, aligned.data(), aligned.size(), regions.addresses,
                            regions.sizes, 3, nullptr),
                VNPU_OK);
      EXPECT_EQ(fake.npu.register_value(VNPU_REG_QSIZE), 4 * payload.command_stream_words);
      EXPECT_EQ(fake.npu.register_value(VNPU_REG_QBASE),
                static_cast<uint32_t>(reinterpret_cast<uintptr_t>(payload.command_stream)));
    }
  }
  if (payloads == 0) GTEST_SKIP() << "no Vela payloads in " << VNPU_SHARED_MODELS_DIR;
  EXPECT_GE(payloads, 13u);  // one ethos-u operator at least per shared Vela model
}

}  // namespace
}  // namespace vnpu::firmware::test
