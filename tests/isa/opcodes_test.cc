// Opcode names and the command field table, against the published Ethos-U55
// interface (ethos-u-facts.md §2.2/§2.3, Arm's ethosu55_interface.h).
#include "isa/opcodes.h"

#include <gtest/gtest.h>

#include <string>

#include "isa/command_fields.h"

namespace vnpu::isa {
namespace {

TEST(Opcodes, NamesAsArmSpellsThem) {
  EXPECT_STREQ(cmd0_name(0x000), "NPU_OP_STOP");
  EXPECT_STREQ(cmd0_name(0x002), "NPU_OP_CONV");
  EXPECT_STREQ(cmd0_name(0x013), "NPU_OP_PMU_MASK");
  EXPECT_STREQ(cmd0_name(0x105), "NPU_SET_IFM_PRECISION");
  EXPECT_STREQ(cmd0_name(0x123), "NPU_SET_PARALLEL_MODE");
  EXPECT_STREQ(cmd0_name(0x130), "NPU_SET_DMA0_SRC_REGION");
  EXPECT_STREQ(cmd0_name(0x18F), "NPU_SET_IFM2_REGION");
  EXPECT_STREQ(cmd1_name(0x000), "NPU_SET_IFM_BASE0");
  EXPECT_STREQ(cmd1_name(0x016), "NPU_SET_OFM_STRIDE_C");
  EXPECT_STREQ(cmd1_name(0x024), "NPU_SET_OFM_SCALE");
  EXPECT_STREQ(cmd1_name(0x034), "NPU_SET_DMA0_SKIP1");
  EXPECT_STREQ(cmd1_name(0x093), "NPU_SET_SCALE1_LENGTH");
  EXPECT_STREQ(cmd1_name(0x0A0), "NPU_SET_USER_DEFINED0");
  EXPECT_STREQ(cmd1_name(0x0A7), "NPU_SET_USER_DEFINED7");
}

TEST(Opcodes, GapsHaveNoName) {
  for (int opcode : {0x004, 0x007, 0x00F, 0x014, 0x0FF, 0x106, 0x108, 0x10E, 0x110, 0x119, 0x11D,
                     0x11E, 0x12A, 0x12C, 0x12E, 0x134, 0x17F, 0x182, 0x186, 0x18E, 0x190, 0x3FF}) {
    EXPECT_EQ(cmd0_name(static_cast<uint16_t>(opcode)), nullptr) << std::hex << opcode;
  }
  for (int opcode : {0x007, 0x00F, 0x017, 0x01F, 0x027, 0x02F, 0x035, 0x07F, 0x087, 0x08F, 0x094,
                     0x09F, 0x0A8, 0x100, 0x3FF}) {
    EXPECT_EQ(cmd1_name(static_cast<uint16_t>(opcode)), nullptr) << std::hex << opcode;
  }
}

// The U55/U65 interface defines 60 cmd0 and 37 cmd1 opcodes, plus the 8 U55
// user registers; the field table has exactly one spec per named opcode.
TEST(Opcodes, FieldTableCoversEveryNamedOpcode) {
  size_t cmd0 = 0;
  size_t cmd1 = 0;
  for (uint16_t opcode = 0; opcode <= kOpcodeMask; ++opcode) {
    if (cmd0_name(opcode) != nullptr) {
      ++cmd0;
      EXPECT_NE(find_command_spec(false, opcode), nullptr) << cmd0_name(opcode);
    }
    if (cmd1_name(opcode) != nullptr) {
      ++cmd1;
      EXPECT_NE(find_command_spec(true, opcode), nullptr) << cmd1_name(opcode);
    }
  }
  EXPECT_EQ(cmd0, 60u);
  EXPECT_EQ(cmd1, 45u);
  EXPECT_EQ(command_specs().size(), cmd0 + cmd1);
  for (const CommandSpec& spec : command_specs()) ASSERT_NE(spec.name(), nullptr);
}

uint16_t reserved_mask(bool is_cmd1, uint16_t opcode) {
  const CommandSpec* spec = find_command_spec(is_cmd1, opcode);
  return spec == nullptr ? 0 : spec->reserved_param_mask();
}

// Reserved parameter bits as the interface header's npu_set_*_t structs lay
// them out (bit = word bit - 16).
TEST(Opcodes, ReservedParameterBitsMatchTheInterface) {
  // type b0, rsvd b1, precision b2-3, rsvd b4-5, format b6-7, scale_mode b8-9, rsvd b10-13.
  EXPECT_EQ(reserved_mask(false, 0x105), 0x3C32);
  // type b0, precision b1-2, rsvd b3-5, format b6-7, scale_mode b8, rsvd b9-13.
  EXPECT_EQ(reserved_mask(false, 0x114), 0x3E38);
  // IFM2 precision: no scaling fields; rsvd b1, b4-5, b8-15.
  EXPECT_EQ(reserved_mask(false, 0x185), 0xFF32);
  // stride/dilation/order bits 0-6 and 9; rsvd b7-8, b10-15.
  EXPECT_EQ(reserved_mask(false, 0x122), 0xFD80);
  // broadcast h/w/c b0-2, rsvd b3-5, operand_order b6, scalar b7, rsvd b8-15.
  EXPECT_EQ(reserved_mask(false, 0x180), 0xFF38);
  // activation: function b0-4 (bits 5-11 read as its overflow), clip_range b12-14, rsvd b15.
  EXPECT_EQ(reserved_mask(false, 0x125), 0x8000);
  // DMA region: region b0-2 (b3-7 overflow), mode b8, stride b9-10, rsvd b11-14, custom_dma b15.
  EXPECT_EQ(reserved_mask(false, 0x130), 0x7800);
  // Operations without a parameter, and cmd1 addresses (32-bit on U55): all 16 bits reserved.
  EXPECT_EQ(reserved_mask(false, 0x002), 0xFFFF);
  EXPECT_EQ(reserved_mask(false, 0x010), 0xFFFF);
  EXPECT_EQ(reserved_mask(true, 0x000), 0xFFFF);
  EXPECT_EQ(reserved_mask(true, 0x032), 0xFFFF);
  // OFM/OPA scale: shift:6 (bits above it read as an out-of-range shift).
  EXPECT_EQ(reserved_mask(true, 0x024), 0x0000);
  const CommandSpec* scale_length = find_command_spec(true, 0x023);
  ASSERT_NE(scale_length, nullptr);
  EXPECT_EQ(scale_length->reserved_payload_mask(), 0xFFF00000u);
  const CommandSpec* opb_scale = find_command_spec(true, 0x026);
  ASSERT_NE(opb_scale, nullptr);
  EXPECT_EQ(opb_scale->reserved_payload_mask(), 0xFFFF0000u);
}

Command command0(uint16_t opcode, uint16_t param) {
  Command command;
  command.opcode = opcode;
  command.param = param;
  return command;
}

TEST(Opcodes, FormatFieldsNamesCodesAndValues) {
  EXPECT_EQ(format_fields(command0(0x105, 0x0141)),
            "activation_type=signed activation_precision=8-bit activation_format=NHCWB16 "
            "scale_mode=OPA_32 round_mode=DBL");
  EXPECT_EQ(format_fields(command0(0x125, 0x3010)),
            "activation_function=TABLE_0 activation_clip_range=FORCE_INT8");
  EXPECT_EQ(format_fields(command0(0x109, 0xFF80)), "zero_point=65408|-128");
  EXPECT_EQ(format_fields(command0(0x10F, 0x0001)), "region=1 custom_dma_cs=0");
  EXPECT_EQ(format_fields(command0(0x005, 0x0007)), "pooling_mode=?7");
  EXPECT_EQ(format_fields(command0(0x000, 0xFFFF)), "mask=0xffff");
  EXPECT_EQ(format_fields(command0(0x002, 0)), "");
  Command scale = command0(0x024, 31);
  scale.is_cmd1 = true;
  scale.payload = 0x40000000;
  EXPECT_EQ(format_fields(scale), "shift=31 scale=0x40000000 (1073741824)");
}

}  // namespace
}  // namespace vnpu::isa
