// The command table drives the encoder and the register file: every field
// places and reads back each value it can hold without touching another
// field's bits, and every operation kind maps to its NPU_OP_* command and back.
#include <gtest/gtest.h>

#include <string>

#include "isa/command_decoder.h"
#include "isa/command_fields.h"
#include "isa/operation_summary.h"

namespace vnpu::isa {
namespace {

TEST(CommandTable, EveryFieldPlacesAndReadsBackWithinItsBits) {
  for (const CommandSpec& spec : command_specs()) {
    uint32_t others = 0;
    for (const FieldSpec& field : spec.fields) others |= ((1u << field.width) - 1u) << field.lsb;
    for (const FieldSpec& field : spec.fields) {
      const uint32_t own = ((1u << field.width) - 1u) << field.lsb;
      for (uint32_t value = 0; value < (1u << field.width); ++value) {
        const uint32_t placed = field.put(value);
        EXPECT_EQ(placed & ~own, 0u) << spec.name() << " " << field.name;
        EXPECT_EQ(field.get(static_cast<uint16_t>(placed | (others & ~own))), value)
            << spec.name() << " " << field.name << " " << value;
      }
    }
  }
}

TEST(CommandTable, OperationKindsMapToTheirKickOffCommands) {
  const OperationKind kinds[] = {OperationKind::kConv,       OperationKind::kDepthwise,
                                 OperationKind::kPool,       OperationKind::kElementwise,
                                 OperationKind::kDmaStart,   OperationKind::kDmaWait,
                                 OperationKind::kKernelWait, OperationKind::kPmuMask,
                                 OperationKind::kIrq,        OperationKind::kStop};
  for (OperationKind kind : kinds) {
    const auto opcode = static_cast<uint16_t>(operation_opcode(kind));
    EXPECT_EQ(operation_kind(opcode), kind);
    EXPECT_EQ("NPU_OP_" + std::string(operation_kind_name(kind)), cmd0_name(opcode));
  }
  EXPECT_STREQ(operation_kind_name(OperationKind::kDmaStart), "DMA_START");
}

TEST(CommandTable, CodeNamesComeFromTheFieldOrAreMarkedUnknown) {
  EXPECT_STREQ(code_name(field::kPoolingMode, 1), "AVERAGE");
  EXPECT_STREQ(code_name(field::kElementwiseMode, 9), "SHL");
  EXPECT_STREQ(code_name(field::kActivationFunction, 2), "?");
  EXPECT_STREQ(code_name(field::kRegion, 1), "?");  // a number, not a code
}

}  // namespace
}  // namespace vnpu::isa
